import { textMatches } from '../text-match';
import { parseNumericRange } from './parse-numeric-range';
import type { FitRule } from './scoring-rules';

/** Whether a contact's value for the rule's property satisfies it (text comparisons ignore case). */
export function fitRuleMatches(rule: FitRule, value: string | undefined): boolean {
  switch (rule.op) {
    case 'eq':
      return textMatches('eq', rule.value, value);
    case 'in':
      return rule.values.some((candidate) => textMatches('eq', candidate, value));
    case 'contains':
      return textMatches('contains', rule.value, value);
    case 'exists':
      return value !== undefined && value.trim() !== '';
    case 'range': {
      const range = parseNumericRange(value);
      return range !== undefined && range[0] >= (rule.min ?? -Infinity) && range[1] <= (rule.max ?? Infinity);
    }
  }
}
