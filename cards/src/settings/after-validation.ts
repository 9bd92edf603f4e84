import type { PortalSettings, ValidationIssue } from '../shared/types';
import { validateSettings } from './settings-api';

export type Validated<T> = { ok: false; issues: ValidationIssue[] } | { ok: true; value: T };

/** Asks the service to validate the settings first; only valid settings go on to `then`. */
export async function afterValidation<T>(settings: PortalSettings, then: () => Promise<T>): Promise<Validated<T>> {
  const check = await validateSettings(settings);
  return check.ok ? { ok: true, value: await then() } : { ok: false, issues: check.issues };
}
