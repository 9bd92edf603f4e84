import type { FunnelRow } from '../shared/types';

export const FUNNEL_STAGES = [
  { key: 'captured', label: 'Captured' },
  { key: 'mql', label: 'MQL' },
  { key: 'sql', label: 'SQL' },
  { key: 'opportunity', label: 'Opportunity' },
  { key: 'won', label: 'Won' },
] as const;

export const ALL_SOURCES = '__all__';

export interface StageCount {
  [field: string]: string | number;
  stage: string;
  count: number;
}

/** Lead sources present in the report, alphabetically. */
export function leadSources(rows: FunnelRow[]): string[] {
  return [...new Set(rows.map((row) => row.source))].sort((a, b) => a.localeCompare(b));
}

/** One bar per month and stage, over one lead source or all of them. */
export function funnelByMonth(rows: FunnelRow[], source: string): (StageCount & { month: string })[] {
  const picked = source === ALL_SOURCES ? rows : rows.filter((row) => row.source === source);
  const months = [...new Set(picked.map((row) => row.month))].sort();
  return months.flatMap((month) => {
    const inMonth = picked.filter((row) => row.month === month);
    return FUNNEL_STAGES.map(({ key, label }) => ({ month, stage: label, count: sum(inMonth.map((row) => row[key])) }));
  });
}

/** One bar per lead source and stage, over the whole period. */
export function funnelBySource(rows: FunnelRow[]): (StageCount & { source: string })[] {
  return leadSources(rows).flatMap((source) => {
    const ofSource = rows.filter((row) => row.source === source);
    return FUNNEL_STAGES.map(({ key, label }) => ({ source, stage: label, count: sum(ofSource.map((row) => row[key])) }));
  });
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
