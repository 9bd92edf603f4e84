import { valueTestMatches } from '../value-test';
import type { RoutingLead } from './routing-input';
import type { RoutingCondition, RoutingRule } from './routing-rules';

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
