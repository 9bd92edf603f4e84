import { hubspot } from '@hubspot/ui-extensions';
import { RoutingSlaCard } from './routing-sla-card';

hubspot.extend<'crm.record.sidebar'>(({ context, actions }) => <RoutingSlaCard context={context} actions={actions} />);
