import { createContext, useContext } from 'react';
import type { IssuePath, PortalSettings, ValidationIssue } from '../shared/types';

export interface DraftApi {
  draft: PortalSettings;
  /** The caller may not publish: every field shows the live settings and edits nothing (checks and previews still run). */
  readOnly: boolean;
  /** Sets the value at a path of the draft (undefined removes it) and clears the issues at, below and above that path; nothing when read-only. */
  update: (path: IssuePath, value: unknown) => void;
  /** The server's validation messages for the field at a path. */
  issueAt: (path: IssuePath) => string | undefined;
  /** Replaces the server's validation issues (after an action that validated the whole draft). */
  reportIssues: (issues: ValidationIssue[]) => void;
}

export const DraftContext = createContext<DraftApi | null>(null);

export function useDraft(): DraftApi {
  const api = useContext(DraftContext);
  if (!api) throw new Error('useDraft needs a DraftContext provider (the settings editor)');
  return api;
}
