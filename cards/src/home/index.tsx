import { hubspot } from '@hubspot/ui-extensions';
import { HomePage } from './home-page';

hubspot.extend<'home'>(() => <HomePage />);
