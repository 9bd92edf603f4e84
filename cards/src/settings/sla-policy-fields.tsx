import { Flex, MultiSelect, NumberInput } from '@hubspot/ui-extensions';
import type { BreachAction, IssuePath, LeadPriority, Pool, SlaPolicy } from '../shared/types';
import { useDraft } from './draft-context';
import { getIn, pathKey } from './draft-path';
import { NumberField, SelectField, TextField, ToggleField } from './fields';

const PRIORITY_OPTIONS: { label: string; value: LeadPriority | '' }[] = [
  { label: 'Any priority', value: '' },
  { label: 'High', value: 'high' },
  { label: 'Normal', value: 'normal' },
  { label: 'Low', value: 'low' },
];

const BREACH_OPTIONS: { label: string; value: BreachAction }[] = [
  { label: 'Reassign to the next available rep', value: 'reassign' },
  { label: 'Escalate to the pool’s manager', value: 'escalate' },
  { label: 'Recycle to marketing', value: 'recycle' },
];

interface SlaPolicyFieldsProps {
  policy: SlaPolicy;
  path: IssuePath;
  pools: readonly Pool[];
}

/** One SLA policy: which leads it covers, the window, the reminder and what happens on breach. */
export function SlaPolicyFields({ policy, path, pools }: SlaPolicyFieldsProps) {
  return (
    <Flex direction="column" gap="xs">
      <TextField path={[...path, 'label']} label="Label" />
      <TextField path={[...path, 'id']} label="Policy id" description="Lowercase letters, digits and underscores; clocks record it." />
      <Flex direction="row" gap="sm" wrap>
        <PoolsField path={[...path, 'appliesTo', 'poolIds']} pools={pools} />
        <SelectField path={[...path, 'appliesTo', 'priority']} label="Applies to priority" options={PRIORITY_OPTIONS} />
      </Flex>
      <Flex direction="row" gap="sm" wrap>
        <NumberField path={[...path, 'firstTouchWithinHours']} label="First touch within (business hours)" min={0} max={24 * 365} />
        <PercentField path={[...path, 'reminderAtFraction']} label="Remind the owner after (% of the window)" />
      </Flex>
      <SelectField path={[...path, 'onBreach']} label="On breach" options={BREACH_OPTIONS} />
      {policy.onBreach === 'recycle' && <ToggleField path={[...path, 'clearOwnerOnRecycle']} label="Clear the contact owner when recycling" />}
    </Flex>
  );
}

/** The pools a policy covers; none chosen removes the condition (any pool). */
function PoolsField({ path, pools }: { path: IssuePath; pools: readonly Pool[] }) {
  const { draft, readOnly, update, issueAt } = useDraft();
  const chosen = (getIn(draft, path) as string[] | undefined) ?? [];
  const issue = issueAt(path);
  const options = [...new Set([...pools.map((pool) => pool.id), ...chosen])].map((id) => ({ label: pools.find((pool) => pool.id === id)?.label ?? id, value: id }));
  return (
    <MultiSelect
      readOnly={readOnly}
      name={pathKey(path)}
      label="Applies to pools"
      description="None chosen: any pool."
      value={chosen}
      options={options}
      error={issue !== undefined}
      validationMessage={issue}
      onChange={(next) => update(path, next.length === 0 ? undefined : next.map(String))}
    />
  );
}

/** A 0–1 fraction edited as a percentage. */
function PercentField({ path, label }: { path: IssuePath; label: string }) {
  const { draft, readOnly, update, issueAt } = useDraft();
  const fraction = getIn(draft, path);
  const issue = issueAt(path);
  return (
    <NumberInput
      readOnly={readOnly}
      name={pathKey(path)}
      label={label}
      min={1}
      max={99}
      value={typeof fraction === 'number' ? Math.round(fraction * 10_000) / 100 : undefined}
      error={issue !== undefined}
      validationMessage={issue}
      onChange={(percent) => update(path, percent / 100)}
    />
  );
}
