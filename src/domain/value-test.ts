import { parseNumericRange } from './scoring/parse-numeric-range';
import { textMatches } from './text-match';

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
