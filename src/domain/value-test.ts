import { parseNumericRange } from './scoring/parse-numeric-range';
import { textMatcher, textMatches } from './text-match';

/** A test on one value, as fit rules and routing conditions both write it. */
export type ValueTestShape =
  | { op: 'eq'; value: string }
  | { op: 'in'; values: readonly string[] }
  | { op: 'contains'; value: string }
  | { op: 'exists' }
  | { op: 'range'; min?: number | undefined; max?: number | undefined };

/** Whether a value passes a test (text ignores case; ranges need the whole value, or HubSpot range, inside [min, max]). */
export function valueTestMatches(test: ValueTestShape, value: string | undefined): boolean {
  switch (test.op) {
    case 'eq':
      return textMatches('eq', test.value, value);
    case 'in':
      return test.values.some((candidate) => textMatches('eq', candidate, value));
    case 'contains':
      return textMatches('contains', test.value, value);
    case 'exists':
      return value !== undefined && value.trim() !== '';
    case 'range': {
      const range = parseNumericRange(value);
      return range !== undefined && range[0] >= (test.min ?? -Infinity) && range[1] <= (test.max ?? Infinity);
    }
  }
}

/**
 * `valueTestMatches` for one test applied to many values: text lower-cased and listed values put in a
 * set once. Same answers (an `in` list matches what any of its values would match with `eq`).
 */
export function compileValueTest(test: ValueTestShape): (value: string | undefined) => boolean {
  switch (test.op) {
    case 'eq':
    case 'contains':
      return textMatcher(test.op, test.value);
    case 'in': {
      const listed = new Set(test.values.map((candidate) => candidate.trim().toLowerCase()));
      return (value) => value !== undefined && listed.has(value.trim().toLowerCase());
    }
    case 'exists':
      return (value) => value !== undefined && value.trim() !== '';
    case 'range': {
      const [min, max] = [test.min ?? -Infinity, test.max ?? Infinity];
      return (value) => {
        const range = parseNumericRange(value);
        return range !== undefined && range[0] >= min && range[1] <= max;
      };
    }
  }
}
