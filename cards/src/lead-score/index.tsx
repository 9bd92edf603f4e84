import { hubspot } from '@hubspot/ui-extensions';
import { LeadScoreCard } from './lead-score-card';

hubspot.extend<'crm.record.sidebar'>(({ context, actions }) => <LeadScoreCard context={context} actions={actions} />);
