import { medianDuration } from './median-duration';
import { bandOf } from '../preview/preview-model';

export interface ReportLead {
  source: string;
  capturedAt: number;
  score: number;
  lifecycleStage: string | undefined;
  firstMqlAt: number | undefined;
  firstSqlAt: number | undefined;
}

export interface HomeReport {
  funnel: { source: string; month: string; captured: number; mql: number; sql: number; opportunity: number; won: number }[];
  medianDaysToMql: number | null;
  medianDaysToSql: number | null;
  calibration: { band: string; contacts: number; converted: number; rate: number }[];
}

const DAY = 86_400_000;
const OPPORTUNITY = new Set(['opportunity', 'customer', 'evangelist']);
const WON = new Set(['customer', 'evangelist']);

/** The home page: funnel by lead source and month, median time to MQL and SQL, and conversion by score band. */
export function homeReport(leads: readonly ReportLead[], since: number): HomeReport {
  const rows = new Map<string, HomeReport['funnel'][number]>();
  const calibration = new Map<string, { band: string; contacts: number; converted: number }>();
  const toMql: number[] = [];
  const toSql: number[] = [];
  for (const lead of leads) {
    const converted = OPPORTUNITY.has(lead.lifecycleStage ?? '');
    const band = calibration.get(bandOf(lead.score)) ?? { band: bandOf(lead.score), contacts: 0, converted: 0 };
    band.contacts += 1;
    if (converted) band.converted += 1;
    calibration.set(band.band, band);
    if (lead.capturedAt < since) continue;
    const month = new Date(lead.capturedAt).toISOString().slice(0, 7);
    const key = `${lead.source}|${month}`;
    const row = rows.get(key) ?? { source: lead.source, month, captured: 0, mql: 0, sql: 0, opportunity: 0, won: 0 };
    row.captured += 1;
    if (lead.firstMqlAt !== undefined || lead.firstSqlAt !== undefined) row.mql += 1;
    if (lead.firstSqlAt !== undefined) row.sql += 1;
    if (converted) row.opportunity += 1;
    if (WON.has(lead.lifecycleStage ?? '')) row.won += 1;
    rows.set(key, row);
    if (lead.firstMqlAt !== undefined) toMql.push(lead.firstMqlAt - lead.capturedAt);
    if (lead.firstSqlAt !== undefined) toSql.push(lead.firstSqlAt - lead.capturedAt);
  }
  const order = (name: string) => (name === '<0' ? -1 : Number.parseInt(name, 10));
  return {
    funnel: [...rows.values()].sort((a, b) => a.month.localeCompare(b.month) || a.source.localeCompare(b.source)),
    medianDaysToMql: medianDuration(toMql, DAY),
    medianDaysToSql: medianDuration(toSql, DAY),
    calibration: [...calibration.values()]
      .sort((a, b) => order(a.band) - order(b.band))
      .map((c) => ({ ...c, rate: c.contacts === 0 ? 0 : Math.round((c.converted / c.contacts) * 1000) / 1000 })),
  };
}
