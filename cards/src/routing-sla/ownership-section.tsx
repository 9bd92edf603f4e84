import { Alert, DescriptionList, DescriptionListItem, Tag, Text } from '@hubspot/ui-extensions';
import { formatDateTime } from '../shared/format';
import type { RoutingAssignment, RoutingCardView } from './routing-types';
import { ruleLabel } from './rule-label';

interface OwnershipSectionProps {
  view: RoutingCardView;
  timeZone: string;
}

/** Who owns the lead and how the routing chose them, or why nobody does. */
export function OwnershipSection({ view, timeZone }: OwnershipSectionProps) {
  const { assignment, owner } = view;
  if (!assignment) {
    return (
      <Text testId="not-routed">
        {owner ? `Owned by ${owner.name}; the app has not routed this lead.` : 'Not routed yet: the app routes a lead when it becomes sales-ready.'}
      </Text>
    );
  }
  return (
    <>
      {assignment.kind === 'held' && (
        <Alert title="Waiting in the hold queue" variant="warning" testId="held">
          It goes to the first rep who can take it (checked every minute), or reassign it now. Reason: {assignment.reason}
        </Alert>
      )}
      {assignment.kind === 'released' && (
        <Alert title="Released" variant="info" testId="released">
          The app no longer assigns this lead to anyone. Reason: {assignment.reason}
        </Alert>
      )}
      <AssignmentDetails assignment={assignment} ownerName={owner?.name ?? null} timeZone={timeZone} />
    </>
  );
}

function AssignmentDetails({ assignment, ownerName, timeZone }: { assignment: RoutingAssignment; ownerName: string | null; timeZone: string }) {
  // A held or released lead's reason is in the alert above.
  return (
    <DescriptionList direction="row" testId="assignment">
      <DescriptionListItem label="Owner">
        <Text>{ownerName ?? 'Nobody'}</Text>
      </DescriptionListItem>
      <DescriptionListItem label="Chosen by">
        <Text>{ruleLabel(assignment)}</Text>
      </DescriptionListItem>
      <DescriptionListItem label="Pool">
        <Text>{assignment.poolLabel ?? assignment.poolId ?? '—'}</Text>
      </DescriptionListItem>
      {assignment.kind === 'assigned' && (
        <DescriptionListItem label="Why">
          <Text>{assignment.reason}</Text>
        </DescriptionListItem>
      )}
      {assignment.priority !== 'normal' && (
        <DescriptionListItem label="Priority">
          <Tag variant={assignment.priority === 'high' ? 'warning' : 'default'}>{assignment.priority === 'high' ? 'High' : 'Low'}</Tag>
        </DescriptionListItem>
      )}
      <DescriptionListItem label="When">
        <Text>{formatDateTime(assignment.decidedAt, timeZone)}</Text>
      </DescriptionListItem>
    </DescriptionList>
  );
}
