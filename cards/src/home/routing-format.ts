/** "2.5 h" to one decimal, or "—" when no lead was touched yet. */
export function formatHours(hours: number | null): string {
  return hours === null ? '—' : `${hours.toFixed(1)} h`;
}

/** A difference of shares as signed percentage points: "+7.5 pts", "-2.0 pts", "0.0 pts". */
export function formatDeviation(points: number): string {
  return `${points > 0 ? '+' : ''}${points.toFixed(1)} pts`;
}
