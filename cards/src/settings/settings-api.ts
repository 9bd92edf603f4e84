import { callApi } from '../shared/call-api';
import type { PortalSettings, RescoreProgress, SettingsOverview, SettingsPreview, ValidationResult } from '../shared/types';

export function loadSettings(): Promise<SettingsOverview> {
  return callApi<SettingsOverview>('/api/settings');
}

export function validateSettings(settings: PortalSettings): Promise<ValidationResult> {
  return callApi<ValidationResult>('/api/settings/validate', { method: 'POST', body: { settings } });
}

export function previewSettings(settings: PortalSettings): Promise<SettingsPreview> {
  return callApi<SettingsPreview>('/api/settings/preview', { method: 'POST', body: { settings } });
}

export function publishSettings(settings: PortalSettings, note: string): Promise<{ version: number }> {
  const body = note.trim() ? { settings, note: note.trim() } : { settings };
  return callApi<{ version: number }>('/api/settings/publish', { method: 'POST', body });
}

export function rollbackSettings(version: number): Promise<{ version: number }> {
  return callApi<{ version: number }>('/api/settings/rollback', { method: 'POST', body: { version } });
}

export function loadRescoreProgress(): Promise<RescoreProgress> {
  return callApi<RescoreProgress>('/api/settings/rescore');
}
