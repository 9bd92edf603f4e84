const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * A span of whole minutes as "45 min", "2 h 15 min", "3 h". With `days`, spans of a day or more
 * read "2 d 3 h" (wall-clock time); without, hours keep counting (business time, where a day is
 * not 24 hours).
 */
export function formatDuration(minutes: number, { days = false }: { days?: boolean } = {}): string {
  const total = Math.max(0, Math.round(minutes));
  if (days && total >= MINUTES_PER_DAY) {
    const wholeDays = Math.floor(total / MINUTES_PER_DAY);
    const hours = Math.floor((total % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
    return hours === 0 ? `${wholeDays} d` : `${wholeDays} d ${hours} h`;
  }
  if (total < MINUTES_PER_HOUR) return `${total} min`;
  const hours = Math.floor(total / MINUTES_PER_HOUR);
  const rest = total % MINUTES_PER_HOUR;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
