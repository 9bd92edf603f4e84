/** The median of durations (ms) in `unitMs` units, to one decimal; null when there are none. */
export function medianDuration(durations: readonly number[], unitMs: number): number | null {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round((median / unitMs) * 10) / 10;
}
