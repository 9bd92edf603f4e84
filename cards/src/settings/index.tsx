import { hubspot } from '@hubspot/ui-extensions';
import { SettingsPage } from './settings-page';

hubspot.extend<'settings'>(({ context }) => <SettingsPage context={context} />);
