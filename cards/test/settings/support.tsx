import { NumberInput } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { SettingsPage } from '../../src/settings/settings-page';

export const SETTINGS_URL = 'GET /api/settings';
export const VALIDATE = 'POST /api/settings/validate';
export const PREVIEW_URL = 'POST /api/settings/preview';
export const PUBLISH = 'POST /api/settings/publish';
export const ROLLBACK = 'POST /api/settings/rollback';
export const RESCORE = 'GET /api/settings/rescore';

export function renderSettings() {
  const renderer = createRenderer('settings');
  renderer.render(<SettingsPage context={renderer.mocks.context} pollIntervalMs={0} />);
  return renderer;
}

export async function renderLoadedSettings() {
  const renderer = renderSettings();
  await renderer.waitFor(() => renderer.find(NumberInput));
  return renderer;
}
