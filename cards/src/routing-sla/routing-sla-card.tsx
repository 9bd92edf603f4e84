import {
  Alert,
  Divider,
  EmptyState,
  type ExtensionPointApiActions,
  type ExtensionPointApiContext,
  Flex,
  Text,
  Toggle,
} from '@hubspot/ui-extensions';
import { useCallback, useEffect } from 'react';
import { formatDateTime, statusLabel } from '../shared/format';
import { ResourceView } from '../shared/resource-view';
import { useAction } from '../shared/use-action';
import { useResource } from '../shared/use-resource';
import { OwnershipSection } from './ownership-section';
import { RoutingActions } from './routing-actions';
import { RoutingHistory } from './routing-history';
import { actOnRouting, loadRouting } from './routing-sla-api';
import type { RoutingAction, RoutingActionKind, RoutingCardView } from './routing-types';
import { SlaSection } from './sla-section';
import { slaStateLabel } from './sla-state-tag';

const REFRESH_MS = 5 * 60_000;

interface RoutingSlaCardProps {
  context: ExtensionPointApiContext<'crm.record.sidebar'>;
  actions: ExtensionPointApiActions<'crm.record.sidebar'>;
}

/** Who owns the contact and why, the first-touch clock, the routing history, and the rep's routing actions. */
export function RoutingSlaCard({ context, actions }: RoutingSlaCardProps) {
  const contactId = String(context.crm.objectId);
  // A new record starts afresh, so nothing still in flight for the previous one can land here.
  return <RoutingSla key={contactId} contactId={contactId} timeZone={context.portal.timezone} refreshObjectProperties={actions.refreshObjectProperties} />;
}

interface RoutingSlaProps {
  contactId: string;
  timeZone: string;
  refreshObjectProperties: () => void;
}

function RoutingSla({ contactId, timeZone, refreshObjectProperties }: RoutingSlaProps) {
  const { state, reload, refresh, replace } = useResource(() => loadRouting(contactId), [contactId]);
  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const act = useCallback(async (action: RoutingAction) => ({ kind: action.kind, view: await actOnRouting(action) }), []);
  const action = useAction(act);
  const onAct = async (choice: RoutingAction) => {
    const result = await action.run(choice);
    if (!result) return false;
    replace(result.view);
    refreshObjectProperties();
    return true;
  };

  return (
    <Flex direction="column" gap="sm">
      {action.state.status === 'success' && (
        <Alert title={DONE[action.state.data.kind]} variant="success" testId="action-result">
          {outcome(action.state.data.kind, action.state.data.view)}
        </Alert>
      )}
      {action.state.status === 'error' && (
        <Alert title="The change was not saved" variant="error" testId="action-result">
          {action.state.error.message}
        </Alert>
      )}
      <ResourceView state={state} reload={reload} loadingLabel="Loading routing" errorTitle="The routing could not be loaded">
        {(view) =>
          view ? (
            <RoutingDetails view={view} timeZone={timeZone} busy={action.state.status === 'running'} onAct={onAct} onDue={refresh} />
          ) : (
            <EmptyState title="Not scored yet" imageName="leads" layout="vertical" testId="not-scored">
              <Text>The lead manager has not seen this contact yet. It routes a lead once it is scored and sales-ready.</Text>
            </EmptyState>
          )
        }
      </ResourceView>
    </Flex>
  );
}

const DONE: Record<RoutingActionKind, string> = {
  reassign: 'Reassigned',
  touched: 'First touch recorded',
  recycle: 'Recycled to marketing',
  away: 'Availability saved',
};

function outcome(kind: RoutingActionKind, view: RoutingCardView): string {
  switch (kind) {
    case 'reassign':
      if (view.owner) return `Now owned by ${view.owner.name}.`;
      return view.assignment?.kind === 'held' ? 'No rep could take it: it waits in the hold queue.' : 'Nobody owns it now.';
    case 'touched':
      return view.sla ? `First-touch SLA: ${slaStateLabel(view.sla.state)}.` : 'The first-touch clock has stopped.';
    case 'recycle':
      return `Status is now ${statusLabel(view.status)}.`;
    case 'away':
      return view.me?.away ? 'You get no new leads until you switch this off.' : 'You get new leads again.';
  }
}

interface RoutingDetailsProps {
  view: RoutingCardView;
  timeZone: string;
  busy: boolean;
  onAct: (action: RoutingAction) => Promise<boolean>;
  onDue: () => void;
}

function RoutingDetails({ view, timeZone, busy, onAct, onDue }: RoutingDetailsProps) {
  if (!view.routingConfigured) {
    return (
      <EmptyState title="Routing is not set up" imageName="building" layout="vertical" testId="not-configured">
        <Text>An admin sets pools and rules on the app’s settings page; until then the app assigns no owners and runs no first-touch clock.</Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="sm">
      <OwnershipSection view={view} timeZone={timeZone} />
      <Divider />
      <SlaSection sla={view.sla} asOf={view.asOf} timeZone={timeZone} onDue={onDue} />
      <RoutingHistory history={view.history} pools={view.choices.pools} timeZone={timeZone} />
      <Divider />
      <RoutingActions view={view} busy={busy} onAct={onAct} />
      {view.me && (
        <Toggle
          name="away"
          label="I’m away: give me no new leads"
          checked={view.me.away}
          readonly={busy}
          onChange={(away) => void onAct({ contactId: view.contactId, kind: 'away', away })}
          testId="away"
        />
      )}
      <Text variant="microcopy">Updated {formatDateTime(view.asOf, timeZone)}</Text>
    </Flex>
  );
}
