import { createContext, useContext } from 'react';
import type { IssuePath, PortalSettings } from '../shared/types';

export interface DraftApi {
  draft: PortalSettings;
  /** Sets the value at a path of the draft (undefined removes it) and clears the field's issues. */
  update: (path: IssuePath, value: unknown) => void;
  /** The server's validation messages for the field at a path. */
  issueAt: (path: IssuePath) => string | undefined;
}

export const DraftContext = createContext<DraftApi | null>(null);

export function useDraft(): DraftApi {
  const api = useContext(DraftContext);
  if (!api) throw new Error('useDraft needs a DraftContext provider (the settings editor)');
  return api;
}
