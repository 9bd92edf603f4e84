import { z } from 'zod';
import { LIMITS } from '../limits';

export const textOperatorSchema = z.enum(['eq', 'contains', 'matches'], {
  error: 'Choose how to compare: eq (equals), contains or matches (a regular expression)',
});
export type TextOperator = z.infer<typeof textOperatorSchema>;

/** Whether `pattern` compiles as a regular expression (for schema checks). */
export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

/** Case-insensitive text comparison shared by the activity mapping and the scoring rules. */
export function textMatches(op: TextOperator, expected: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  switch (op) {
    case 'eq':
      return actual.trim().toLowerCase() === expected.trim().toLowerCase();
    case 'contains':
      return actual.toLowerCase().includes(expected.toLowerCase());
    case 'matches':
      return new RegExp(expected, 'i').test(actual);
  }
}

/** The fields of a text condition; objects built from it refine with `checkTextPattern`. */
export const textConditionShape = {
  op: textOperatorSchema,
  value: z.string().min(1, 'Give a value to compare with'),
};

/** Refinement for a text condition: values and patterns within their lengths, and a `matches` pattern must compile. */
export function checkTextPattern(condition: { op: TextOperator; value: string }, ctx: z.RefinementCtx): void {
  const [limit, what] = condition.op === 'matches' ? [LIMITS.settings.patternChars, 'patterns'] : [LIMITS.settings.textChars, 'values'];
  if (condition.value.length > limit) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: `Keep ${what} to ${limit} characters` });
    return;
  }
  if (condition.op === 'matches' && !isValidPattern(condition.value)) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: `"${condition.value}" is not a valid regular expression` });
  }
}
