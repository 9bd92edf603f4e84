import { IdIndex } from '../../../src/domain/scoring/id-index';
import type { LedgerEntry } from '../../../src/domain/scoring';
import { PairTable } from '../../../src/domain/scoring/pair-table';

describe('IdIndex', () => {
  it('finds every id, the last position of a repeated one, and nothing for others that look alike', () => {
    const ids = ['email_open', 'email_click', 'page_view', 'site_visit', 'email_open', 'a', 'b'];
    const index = new IdIndex(ids);
    expect(['email_open', 'email_click', 'page_view', 'site_visit', 'a', 'b'].map((id) => index.indexOf(id))).toEqual([4, 1, 2, 3, 5, 6]);
    expect(['email_opem', 'site_visiu', 'c', '', 'email_open '].map((id) => index.indexOf(id))).toEqual([-1, -1, -1, -1, -1]);
  });

  it('still answers when no short hash separates the ids', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `rule_${String(i).padStart(3, '0')}_x`);
    const index = new IdIndex(ids);
    expect(ids.every((id, i) => index.indexOf(id) === i)).toBe(true);
    expect(index.indexOf('rule_300_x')).toBe(-1);
  });
});

describe('PairTable', () => {
  const ledgerOf = (keys: string[]): LedgerEntry[] => keys.map((sourceKey) => ({ sourceKey, ruleId: 'r', points: 1, occurredAt: 0 }));
  const claims = (table: PairTable, ledger: LedgerEntry[], rules: number[]) => {
    table.start(ledger.length);
    return ledger.map((entry, i) => table.claim(ledger, i, entry.sourceKey, rules[i]!));
  };

  it('answers each pair with its first entry, across counts', () => {
    const table = new PairTable();
    const ledger = ledgerOf(['a:1', 'a:1', 'b:1', 'a:1', 'b:1']);
    expect(claims(table, ledger, [0, 0, 0, 1, 1])).toEqual([0, 0, 2, 3, 4]);
    expect(claims(table, ledger, [0, 1, 0, 1, 1])).toEqual([0, 1, 2, 1, 4]);
  });

  it('keeps its answers when keys alike at their ends make it rehash by the whole keys', () => {
    // 200 keys of one length ending alike: the quick hash puts them all in one chain.
    const keys = Array.from({ length: 200 }, (_, i) => `form:${String(i).padStart(3, '0')}:submitted`);
    const ledger = ledgerOf([...keys, ...keys]);
    const expected = [...keys.map((_, i) => i), ...keys.map((_, i) => i)];
    const table = new PairTable();
    expect(claims(table, ledger, ledger.map(() => 7))).toEqual(expected);
  });

  it('lets a later entry stand for its pair', () => {
    const table = new PairTable();
    const ledger = ledgerOf(['x', 'x', 'x']);
    table.start(3);
    expect(table.claim(ledger, 0, 'x', 0)).toBe(0);
    expect(table.claim(ledger, 1, 'x', 0)).toBe(0);
    table.replace(1);
    expect(table.claim(ledger, 2, 'x', 0)).toBe(1);
  });
});
