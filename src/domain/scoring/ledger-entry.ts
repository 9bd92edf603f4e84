import { compareText } from '../compare-text';

/** Raw points one activity earned under one rule; caps and decay are applied when the ledger is evaluated. */
export interface LedgerEntry {
  sourceKey: string;
  ruleId: string;
  points: number;
  occurredAt: number;
}

/** The canonical ledger order: (occurredAt, sourceKey, ruleId, points), so no result depends on input order. */
export function compareLedgerEntries(a: LedgerEntry, b: LedgerEntry): number {
  return a.occurredAt - b.occurredAt || compareText(a.sourceKey, b.sourceKey) || compareText(a.ruleId, b.ruleId) || a.points - b.points;
}
