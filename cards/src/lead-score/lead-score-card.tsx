import {
  Alert,
  Divider,
  EmptyState,
  type ExtensionPointApiActions,
  type ExtensionPointApiContext,
  Flex,
  Heading,
  Statistics,
  StatisticsItem,
  Text,
} from '@hubspot/ui-extensions';
import { useCallback } from 'react';
import { formatDate, formatDateTime, statusLabel } from '../shared/format';
import { ResourceView } from '../shared/resource-view';
import type { Lead } from '../shared/types';
import { useAction } from '../shared/use-action';
import { useResource } from '../shared/use-resource';
import { DecisionPanel } from './decision-panel';
import { type Decision, decideLead, loadLeadScore } from './lead-score-api';
import { LeadStatusTag } from './lead-status-tag';
import { QualificationProgress } from './qualification-progress';
import { ScoreReasons } from './score-reasons';
import { ScoreTrend } from './score-trend';
import { WriteRejectionAlert } from './write-rejection-alert';

interface LeadScoreCardProps {
  context: ExtensionPointApiContext<'crm.record.sidebar'>;
  actions: ExtensionPointApiActions<'crm.record.sidebar'>;
}

const DONE: Record<Decision['kind'], string> = {
  accept: 'Accepted as SQL',
  recycle: 'Recycled to marketing',
  disqualify: 'Disqualified',
};

/** The contact's score, why it is what it is, where it stands, and the rep's decisions on it. */
export function LeadScoreCard({ context, actions }: LeadScoreCardProps) {
  const contactId = String(context.crm.objectId);
  const timeZone = context.portal.timezone;
  const { state, reload } = useResource(() => loadLeadScore(contactId), [contactId]);

  const decide = useCallback(
    async (decision: Decision) => ({ kind: decision.kind, lead: await decideLead(contactId, decision) }),
    [contactId],
  );
  const decision = useAction(decide);
  const onDecide = async (choice: Decision) => {
    if (await decision.run(choice)) {
      reload();
      actions.refreshObjectProperties();
    }
  };

  return (
    <Flex direction="column" gap="sm">
      {decision.state.status === 'success' && (
        <Alert title={DONE[decision.state.data.kind]} variant="success" testId="decision-result">
          Status is now {statusLabel(decision.state.data.lead.status)}.
        </Alert>
      )}
      {decision.state.status === 'error' && (
        <Alert title="The decision was not saved" variant="error" testId="decision-result">
          {decision.state.error.message}
        </Alert>
      )}
      <ResourceView state={state} reload={reload} loadingLabel="Loading lead score" errorTitle="The lead score could not be loaded">
        {(lead) =>
          lead ? (
            <LeadDetails lead={lead} timeZone={timeZone} busy={decision.state.status === 'running'} onDecide={onDecide} />
          ) : (
            <EmptyState title="Not scored yet" imageName="leads" layout="vertical" testId="not-scored">
              <Text>This contact has no scored activity or fit data yet. Its score appears after its first tracked activity.</Text>
            </EmptyState>
          )
        }
      </ResourceView>
    </Flex>
  );
}

interface LeadDetailsProps {
  lead: Lead;
  timeZone: string;
  busy: boolean;
  onDecide: (decision: Decision) => void;
}

function LeadDetails({ lead, timeZone, busy, onDecide }: LeadDetailsProps) {
  return (
    <Flex direction="column" gap="sm">
      {lead.writeRejection && <WriteRejectionAlert rejection={lead.writeRejection} timeZone={timeZone} />}
      <Statistics testId="score-statistics">
        <StatisticsItem label="Score" number={lead.score} />
        <StatisticsItem label={`Fit · grade ${lead.grade}`} number={lead.fit} />
        <StatisticsItem label="Engagement" number={lead.engagement} />
      </Statistics>
      <Flex direction="row" gap="xs" align="center">
        <LeadStatusTag status={lead.status} />
        {lead.statusSince && <Text variant="microcopy">since {formatDate(lead.statusSince, timeZone)}</Text>}
      </Flex>
      <QualificationProgress lead={lead} />
      <Heading>Why this score</Heading>
      <ScoreReasons reasons={lead.reasons} />
      <ScoreTrend trend={lead.trend} />
      <Text variant="microcopy">Updated {formatDateTime(lead.updatedAt, timeZone)}</Text>
      <Divider />
      <DecisionPanel lead={lead} busy={busy} onDecide={onDecide} />
    </Flex>
  );
}
