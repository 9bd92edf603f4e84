import { Accordion, Flex, Heading } from '@hubspot/ui-extensions';
import type { Owner, Pool, RoutingSettings, RoutingStrategy } from '../shared/types';
import { useDraft } from './draft-context';
import { EditButton } from './edit-button';
import { SelectField, TextField } from './fields';
import { without } from './list-edits';
import { ownerOptions } from './owner-options';
import { PathIssue } from './path-issue';
import { PoolIdField } from './pool-id-field';
import { PoolMembersFields } from './pool-members-fields';
import { unusedId } from './unused-id';

const POOLS = ['routing', 'pools'];

const STRATEGY_LABELS: Record<RoutingStrategy, string> = {
  round_robin: 'Round robin: each member in turn',
  weighted: 'Weighted: shares by each member’s weight',
  least_loaded: 'Least loaded: whoever has the fewest open leads',
};
const STRATEGY_OPTIONS = Object.entries(STRATEGY_LABELS).map(([value, label]) => ({ label, value }));

interface PoolsSectionProps {
  routing: RoutingSettings;
  owners: readonly Owner[];
  timeZone: string;
}

/** Pools of reps that share leads: strategy, members with weights and caps, and the manager alerted about held leads. */
export function PoolsSection({ routing, owners, timeZone }: PoolsSectionProps) {
  const { update } = useDraft();
  const addPool = () => {
    const pool: Pool = { id: unusedId(routing.pools, 'pool'), label: 'New pool', strategy: 'round_robin', members: [], managerOwnerId: routing.pools[0]?.managerOwnerId ?? '' };
    update(POOLS, [...routing.pools, pool]);
  };
  return (
    <Flex direction="column" gap="sm">
      <Heading>Pools</Heading>
      <PathIssue path={POOLS} />
      {routing.pools.map((pool, index) => {
        const path = [...POOLS, index];
        return (
          <Accordion key={index} title={`${pool.label} · ${pool.members.length} ${pool.members.length === 1 ? 'member' : 'members'}`} size="sm" testId={`pool-${pool.id}`}>
            <Flex direction="column" gap="xs">
              <TextField path={[...path, 'label']} label="Label" />
              <PoolIdField path={[...path, 'id']} poolId={pool.id} />
              <SelectField path={[...path, 'strategy']} label="Strategy" options={STRATEGY_OPTIONS} />
              <SelectField
                path={[...path, 'managerOwnerId']}
                label="Manager"
                description="Alerted when a lead for this pool is held because nobody in it can take it."
                options={ownerOptions(owners, { current: pool.managerOwnerId || undefined })}
              />
              <PoolMembersFields pool={pool} path={path} owners={owners} timeZone={timeZone} />
              <EditButton size="xs" variant="destructive" onClick={() => update(POOLS, without(routing.pools, index))}>
                Remove pool
              </EditButton>
            </Flex>
          </Accordion>
        );
      })}
      <EditButton onClick={addPool} testId="add-pool">
        Add pool
      </EditButton>
    </Flex>
  );
}
