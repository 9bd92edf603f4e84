import { Accordion, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { SlaPolicy } from '../shared/types';
import { CalendarFields } from './calendar-fields';
import { useDraft } from './draft-context';
import { EditButton } from './edit-button';
import { moved, without } from './list-edits';
import { ListItemButtons } from './list-item-buttons';
import { SlaPolicyFields } from './sla-policy-fields';
import { starterSla } from './starters';
import { unusedId } from './unused-id';

const POLICIES = ['sla', 'policies'];

/** First-touch SLA: ordered policies (the first that applies wins) and the calendar of owners without a rep calendar. */
export function SlaSection({ timeZone }: { timeZone: string }) {
  const { draft, update } = useDraft();
  const { sla } = draft;
  if (!sla) {
    return (
      <Flex direction="column" gap="sm">
        <Heading>First-touch SLA</Heading>
        <Text>The SLA is off: no clock runs after a lead is assigned.</Text>
        <EditButton variant="primary" onClick={() => update(['sla'], starterSla(timeZone))} testId="enable-sla">
          Turn on the SLA
        </EditButton>
      </Flex>
    );
  }
  const addPolicy = () => {
    const policy: SlaPolicy = { ...starterSla(timeZone).policies[0]!, id: unusedId(sla.policies, 'policy'), label: 'New policy' };
    update(POLICIES, [...sla.policies, policy]);
  };
  return (
    <Flex direction="column" gap="md">
      <Heading>First-touch SLA</Heading>
      <Text variant="microcopy">
        When a lead is assigned, its owner must touch it (a call, email, meeting or note) within the business hours of their calendar. Policies are
        tried in order; the first that applies to the lead sets the window.
      </Text>
      {!draft.routing && <Text testId="sla-needs-routing">Clocks start when routing assigns a lead: turn on routing too.</Text>}
      {sla.policies.map((policy, index) => (
        <Accordion key={index} title={`${index + 1}. ${policy.label} · within ${policy.firstTouchWithinHours} business hours`} size="sm" testId={`sla-policy-${policy.id}`}>
          <Flex direction="column" gap="xs">
            <SlaPolicyFields policy={policy} path={[...POLICIES, index]} pools={draft.routing?.pools ?? []} />
            <ListItemButtons
              index={index}
              count={sla.policies.length}
              noun="policy"
              testIdSuffix={`sla-policy-${policy.id}`}
              onMove={(to) => update(POLICIES, moved(sla.policies, index, to))}
              onRemove={() => update(POLICIES, without(sla.policies, index))}
            />
          </Flex>
        </Accordion>
      ))}
      <EditButton onClick={addPolicy} testId="add-sla-policy">
        Add policy
      </EditButton>
      <Heading>Default calendar</Heading>
      <Text variant="microcopy">For owners without a calendar under routing (e.g. company owners). Reps’ own calendars are set under Routing.</Text>
      <CalendarFields path={['sla', 'defaultCalendar']} />
      <EditButton variant="destructive" onClick={() => update(['sla'], undefined)} testId="disable-sla">
        Turn off the SLA
      </EditButton>
    </Flex>
  );
}
