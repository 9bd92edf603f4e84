import { Alert } from '@hubspot/ui-extensions';
import type { IssuePath } from '../shared/types';
import { useDraft } from './draft-context';
import { pathKey } from './draft-path';

/** The server's message for a part of the draft that is not a single field (a list, a calendar), where that part is edited. */
export function PathIssue({ path }: { path: IssuePath }) {
  const issue = useDraft().issueAt(path);
  return issue === undefined ? null : <Alert title={issue} variant="error" testId={`issue-${pathKey(path)}`} />;
}
