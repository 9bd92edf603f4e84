import { textMatches } from '../text-match';
import { parseNumericRange } from '../scoring/parse-numeric-range';
import type { RoutingLead } from './routing-input';
import type { RoutingCondition, RoutingRule, ValueTest } from './routing-rules';

/** Whether a value passes a test (text ignores case; ranges need the whole value inside [min, max]). */
export function valueTestMatches(test: ValueTest, value: string | undefined): boolean {
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

function subjectValue(condition: RoutingCondition, lead: RoutingLead): string | undefined {
  switch (condition.subject) {
    case 'property':
      return lead.properties[condition.property] ?? undefined;
    case 'score':
      return String(lead.score[condition.score]);
    case 'grade':
      return lead.grade;
    case 'status':
      return lead.status;
  }
}

export const ruleMatches = (rule: RoutingRule, lead: RoutingLead): boolean =>
  rule.when.every((condition) => valueTestMatches(condition.test, subjectValue(condition, lead)));
