import { boundedJson, jsonDepth } from '../../src/ingest/bounded-json';
import { storableText } from '../../src/ingest/storable-text';

const BOUNDS = { depth: 3, stringChars: 10, entriesPerContainer: 3 };

describe('jsonDepth', () => {
  it.each<[unknown, number]>([
    [1, 0],
    [null, 0],
    [[], 1],
    [{ a: [1, { b: 2 }] }, 3],
  ])('measures %j as %i deep', (value, depth) => {
    expect(jsonDepth(value, 10)).toBe(depth);
  });

  it('stops once past the limit, without recursion, however deep the value is', () => {
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = [value];
    expect(jsonDepth(value, 8)).toBe(9);
  });
});

describe('boundedJson', () => {
  it('keeps a small value as it is', () => {
    const value = { a: 1, b: 'text', c: [true, { e: 2.5 }] };
    expect(boundedJson(value, BOUNDS)).toEqual(value);
  });

  it('cuts nesting, long strings and long containers, saying so', () => {
    const value = { deep: { deeper: { deepest: { gone: 1 } } }, long: 'abcdefghijklmnop', list: [1, 2, 3, 4, 5] };
    expect(boundedJson(value, BOUNDS)).toEqual({
      deep: { deeper: { deepest: '[cut: nested deeper than 3 levels]' } },
      long: 'abcdefghi…',
      list: [1, 2, 3, '[cut: 2 more]'],
    });
    expect(boundedJson({ a: 1, b: 2, c: 3, d: 4, e: 5 }, BOUNDS)).toEqual({ a: 1, b: 2, c: 3, '[cut]': '2 more keys' });
  });

  it('replaces text PostgreSQL refuses, in values and in keys', () => {
    expect(boundedJson({ 'k\u0000': 'a\u0000b', s: 'x\udc00' }, BOUNDS)).toEqual({ 'k\ufffd': 'a\ufffdb', s: 'x\ufffd' });
  });

  it('copies a value 200,000 levels deep without exhausting the stack', () => {
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = { next: value };
    expect(JSON.stringify(boundedJson(value, BOUNDS))).toBe('{"next":{"next":{"next":"[cut: nested deeper than 3 levels]"}}}');
  });
});

describe('storableText', () => {
  it('never cuts a surrogate pair in half', () => {
    expect(storableText('ab😀cd', 4)).toBe('ab…');
    expect(storableText('abc😀d', 5)).toBe('abc…');
  });
});
