import { compileValueTest } from '../value-test';
import type { FitRule } from './scoring-rules';

/** Values remembered per rule (then it starts over), and the longest remembered: enumeration values are short. */
const REMEMBERED_VALUES = 256;
const REMEMBERED_CHARS = 64;

/**
 * A fit rule's verdict on a contact's value, as the label of its contribution ("Industry: Internet"),
 * or undefined when the value does not satisfy the rule. Fit properties are mostly HubSpot
 * enumerations (industry, country, size bands) whose values recur from contact to contact, so the
 * rule remembers its verdicts on short values instead of trimming, lower-casing or parsing them again.
 */
export function fitLabeler(rule: FitRule): (value: string | undefined) => string | undefined {
  const matches = compileValueTest(rule);
  const verdict = (value: string | undefined): string | null => {
    if (!matches(value)) return null;
    return rule.op === 'exists' ? rule.label : `${rule.label}: ${value!.trim()}`;
  };
  const remembered = new Map<string | undefined, string | null>();
  return (value) => {
    let label = remembered.get(value);
    if (label === undefined) {
      label = verdict(value);
      if (value === undefined || value.length <= REMEMBERED_CHARS) {
        if (remembered.size >= REMEMBERED_VALUES) remembered.clear();
        remembered.set(value, label);
      }
    }
    return label ?? undefined;
  };
}
