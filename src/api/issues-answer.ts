import { LIMITS } from '../limits';

export interface AnswerIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The issues an answer carries: the first LIMITS.api.issuesPerAnswer (enough to fix a draft from the top),
 * and how many there were, so a document with thousands of problems still gets a small answer.
 */
export function issuesAnswer(issues: readonly { path: readonly PropertyKey[]; message: string }[]): { issues: AnswerIssue[]; issueCount: number } {
  return {
    issues: issues.slice(0, LIMITS.api.issuesPerAnswer).map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
    })),
    issueCount: issues.length,
  };
}
