import type { LeadStatus } from './types';

const STATUS_LABELS: Record<LeadStatus, string> = {
  new: 'New',
  mql: 'MQL',
  sql: 'SQL',
  cooling: 'Cooling',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
};

export function statusLabel(status: LeadStatus): string {
  return STATUS_LABELS[status];
}

/** "Mar 4, 2025" in the given time zone (the portal's), or "—" when there is no date. */
export function formatDate(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone });
}

/** "Mar 4, 2025, 2:05 PM" in the given time zone. */
export function formatDateTime(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** A 0–1 ratio as "42%"; "—" when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? '—' : `${Math.round(rate * 100)}%`;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function formatPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

export function formatDays(days: number | null): string {
  if (days === null) return '—';
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}
