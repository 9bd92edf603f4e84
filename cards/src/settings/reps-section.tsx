import { Accordion, Flex, Heading, Select, Text } from '@hubspot/ui-extensions';
import type { Owner, RoutingSettings } from '../shared/types';
import { CalendarFields } from './calendar-fields';
import { useDraft } from './draft-context';
import { EditButton } from './edit-button';
import { ToggleField } from './fields';
import { OutOfOfficeFields } from './out-of-office-fields';
import { ownerLabel, ownerOptions } from './owner-options';
import { starterAvailability } from './starters';

const REPS = ['routing', 'reps'];

interface RepsSectionProps {
  routing: RoutingSettings;
  owners: readonly Owner[];
  timeZone: string;
}

/** When each rep can take leads: their calendar (their SLA clock runs in it too), time out of office, and an away switch. */
export function RepsSection({ routing, owners, timeZone }: RepsSectionProps) {
  const { readOnly, update } = useDraft();
  const members = new Set(routing.pools.flatMap((pool) => pool.members.map((member) => member.ownerId)));
  const repIds = Object.keys(routing.reps);
  return (
    <Flex direction="column" gap="sm">
      <Heading>Reps’ availability</Heading>
      <Text variant="microcopy">
        Every pool member needs one; a rep is skipped while away, out of office, on a day off or outside working hours. Their SLA clock runs in the same
        calendar. A company owner without one is treated as available.
      </Text>
      {repIds.map((ownerId) => {
        const path = [...REPS, ownerId];
        return (
          <Accordion key={ownerId} title={`${ownerLabel(owners, ownerId)}${routing.reps[ownerId]?.away ? ' · away' : ''}`} size="sm" testId={`rep-${ownerId}`}>
            <Flex direction="column" gap="xs">
              <ToggleField path={[...path, 'away']} label="Away: takes no new leads" />
              <CalendarFields path={[...path, 'calendar']} />
              <OutOfOfficeFields path={[...path, 'outOfOffice']} />
              {members.has(ownerId) ? (
                <Text variant="microcopy">A pool member: remove them from every pool before removing their availability.</Text>
              ) : (
                <EditButton size="xs" variant="destructive" onClick={() => update(path, undefined)}>
                  Remove availability
                </EditButton>
              )}
            </Flex>
          </Accordion>
        );
      })}
      <Select
        readOnly={readOnly}
        label="Set the availability of another owner"
        description="Pool members get one when they join; add company owners here."
        placeholder="Choose an owner"
        value=""
        options={ownerOptions(owners, { exclude: repIds })}
        onChange={(ownerId) => update([...REPS, String(ownerId)], starterAvailability(timeZone))}
        testId="add-rep"
      />
    </Flex>
  );
}
