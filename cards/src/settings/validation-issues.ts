import type { IssuePath, ValidationIssue } from '../shared/types';
import { pathKey } from './draft-path';

/** Issue paths are relative to the settings document; tolerate a leading "settings" from the request body. */
export function settingsPath(path: IssuePath): IssuePath {
  return path[0] === 'settings' ? path.slice(1) : path;
}

/** Messages per field key, several issues at one field joined. */
export function issuesByField(issues: ValidationIssue[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const key = pathKey(settingsPath(issue.path));
    const earlier = byField.get(key);
    byField.set(key, earlier ? `${earlier} ${issue.message}` : issue.message);
  }
  return byField;
}
