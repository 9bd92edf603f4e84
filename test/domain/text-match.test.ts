import { patternProblem, textMatches } from '../../src/domain/text-match';

describe('textMatches with a pattern', () => {
  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const started = process.hrtime.bigint();
    expect(textMatches('matches', '^(a+)+$', `${'a'.repeat(29)}!`)).toBe(false);
    expect(textMatches('matches', '^(a+)+$', 'a'.repeat(29))).toBe(true);
    expect(textMatches('matches', '(x+x+)+y', 'x'.repeat(5_000))).toBe(false);
    // Generous: the backtracking engine takes seconds on the first input alone.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1_000);
  });

  it.each<[string, string, boolean]>([
    ['whitepaper|e-?book', 'Download the E-Book', true],
    ['/pricing', 'https://example.com/pricing?plan=pro', true],
    ['^demo$', 'Demo request', false],
    ['\\d{3}', 'room 101', true],
  ])('%s against %j is %s, ignoring case', (pattern, text, expected) => {
    expect(textMatches('matches', pattern, text)).toBe(expected);
  });

  it('reads only the first 4,096 characters of a value', () => {
    expect(textMatches('matches', 'needle', `${'x'.repeat(4_091)}needle`)).toBe(false);
    expect(textMatches('matches', 'needle', `${'x'.repeat(4_090)}needle`)).toBe(true);
  });
});

describe('patternProblem', () => {
  it('accepts what RE2 runs', () => {
    expect(patternProblem('^(a+)+$')).toBeUndefined();
  });

  it.each([
    ['web(?=inar)', /invalid or unsupported Perl syntax: `\(\?=`.*lookarounds and backreferences are not supported/],
    ['(a)\\1', /invalid escape sequence/],
    ['[', /missing closing \]/],
    ['a'.repeat(201), /Keep patterns to 200 characters/],
  ])('explains why %s cannot be used', (pattern, message) => {
    expect(patternProblem(pattern)).toMatch(message);
  });
});
