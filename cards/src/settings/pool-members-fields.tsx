import { Flex, Select, Text } from '@hubspot/ui-extensions';
import type { IssuePath, Owner, Pool } from '../shared/types';
import { useDraft } from './draft-context';
import { EditButton } from './edit-button';
import { NumberField } from './fields';
import { without } from './list-edits';
import { ownerLabel, ownerOptions } from './owner-options';
import { PathIssue } from './path-issue';
import { starterAvailability } from './starters';

interface PoolMembersFieldsProps {
  pool: Pool;
  /** Path of the pool. */
  path: IssuePath;
  owners: readonly Owner[];
  timeZone: string;
}

/** A pool's members, picked from the portal's owners, with their weight and caps; a new member gets office-hours availability. */
export function PoolMembersFields({ pool, path, owners, timeZone }: PoolMembersFieldsProps) {
  const { draft, readOnly, update } = useDraft();
  const membersPath = [...path, 'members'];
  const weighted = pool.strategy === 'weighted';
  const addMember = (ownerId: string) => {
    update(membersPath, [...pool.members, { ownerId, weight: 1, caps: {} }]);
    if (!draft.routing?.reps[ownerId]) update(['routing', 'reps', ownerId], starterAvailability(timeZone));
  };
  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'demibold' }}>Members</Text>
      <Text variant="microcopy">
        {weighted ? 'Each member gets a share of leads in proportion to their weight.' : 'Weights matter only under the weighted strategy; this pool ignores them.'}{' '}
        Caps: the most new leads a day (in the rep’s time zone) and open leads at once; leave empty for no cap.
      </Text>
      <PathIssue path={membersPath} />
      {pool.members.map((member, index) => {
        const memberPath = [...membersPath, index];
        return (
          <Flex key={index} direction="column" gap="xs">
            <Flex direction="row" gap="xs" align="end" wrap>
              <Text format={{ fontWeight: 'demibold' }}>{ownerLabel(owners, member.ownerId)}</Text>
              <NumberField path={[...memberPath, 'weight']} label="Weight" description={weighted ? undefined : 'Not used by this strategy'} min={1} max={1000} />
              <NumberField path={[...memberPath, 'caps', 'perDay']} label="New leads a day at most" min={1} optional />
              <NumberField path={[...memberPath, 'caps', 'open']} label="Open leads at most" min={1} optional />
              <EditButton size="xs" variant="transparent" onClick={() => update(membersPath, without(pool.members, index))} testId={`remove-member-${pool.id}-${member.ownerId}`}>
                Remove
              </EditButton>
            </Flex>
            <PathIssue path={[...memberPath, 'ownerId']} />
          </Flex>
        );
      })}
      <Select
        readOnly={readOnly}
        label="Add a member"
        placeholder="Choose an owner"
        value=""
        options={ownerOptions(owners, { exclude: pool.members.map((member) => member.ownerId) })}
        onChange={(ownerId) => addMember(String(ownerId))}
        testId={`add-member-${pool.id}`}
      />
    </Flex>
  );
}
