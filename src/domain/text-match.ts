import { RE2JS } from 're2js';
import { z } from 'zod';
import { LIMITS } from '../limits';

export const textOperatorSchema = z.enum(['eq', 'contains', 'matches'], {
  error: 'Choose how to compare: eq (equals), contains or matches (a regular expression)',
});
export type TextOperator = z.infer<typeof textOperatorSchema>;

/**
 * Patterns come from admins' settings and run against every event of their portal, so they run on RE2
 * (linear time in the input, whatever the pattern) and never on the backtracking RegExp engine, where
 * one pattern like `^(a+)+$` could hold the event loop for seconds. Compiled once per pattern.
 */
const compiled = new Map<string, RE2JS>();
const MAX_COMPILED = 1_000;

function compile(pattern: string): RE2JS {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Why `pattern` cannot be used (too long, or not a pattern RE2 runs), or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > LIMITS.settings.patternChars) return `Keep patterns to ${LIMITS.settings.patternChars} characters`;
  try {
    compile(pattern);
    return undefined;
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return `"${pattern}" is not a pattern the app can run (${detail}); lookarounds and backreferences are not supported`;
  }
}

/**
 * `textMatches` against one `expected`, prepared once for tests run again and again: the expected
 * side is lower-cased up front; a pattern is compiled when first needed, so one RE2 cannot run fails
 * only where `textMatches` would.
 */
export function textMatcher(op: TextOperator, expected: string): (actual: string | undefined) => boolean {
  switch (op) {
    case 'eq': {
      const wanted = expected.trim().toLowerCase();
      return (actual) => actual !== undefined && actual.trim().toLowerCase() === wanted;
    }
    case 'contains': {
      const wanted = expected.toLowerCase();
      return (actual) => actual !== undefined && actual.toLowerCase().includes(wanted);
    }
    case 'matches': {
      let regex: RE2JS | undefined;
      return (actual) => actual !== undefined && (regex ??= compile(expected)).test(actual.slice(0, LIMITS.patternInputChars));
    }
  }
}

/** Case-insensitive text comparison shared by the activity mapping and the scoring rules. */
export function textMatches(op: TextOperator, expected: string, actual: string | undefined): boolean {
  return textMatcher(op, expected)(actual);
}

/** The fields of a text condition; objects built from it refine with `checkTextPattern`. */
export const textConditionShape = {
  op: textOperatorSchema,
  value: z.string().min(1, 'Give a value to compare with'),
};

/** Refinement for a text condition: a value within its length, and a `matches` pattern one the app can run. */
export function checkTextPattern(condition: { op: TextOperator; value: string }, ctx: z.RefinementCtx): void {
  const problem =
    condition.op === 'matches'
      ? patternProblem(condition.value)
      : condition.value.length > LIMITS.settings.textChars
        ? `Keep values to ${LIMITS.settings.textChars} characters`
        : undefined;
  if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
}
