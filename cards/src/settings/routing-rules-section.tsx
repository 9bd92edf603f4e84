import { Accordion, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { RoutingRule, RoutingSettings } from '../shared/types';
import { useDraft } from './draft-context';
import { EditButton } from './edit-button';
import { SelectField, TextField } from './fields';
import { moved, without } from './list-edits';
import { ListItemButtons } from './list-item-buttons';
import { NEW_CONDITION, RoutingConditionFields } from './routing-condition-fields';
import { unusedId } from './unused-id';

const RULES = ['routing', 'rules'];

const PRIORITY_OPTIONS = [
  { label: 'Normal (default)', value: '' },
  { label: 'High', value: 'high' },
  { label: 'Low', value: 'low' },
];

/** Ordered routing rules: the first whose conditions all hold sends the lead to its pool. */
export function RoutingRulesSection({ routing }: { routing: RoutingSettings }) {
  const { update } = useDraft();
  const { rules, pools } = routing;
  const poolLabel = (poolId: string) => pools.find((pool) => pool.id === poolId)?.label ?? poolId;
  const poolOptions = pools.map((pool) => ({ label: pool.label, value: pool.id }));
  const addRule = () => {
    const rule: RoutingRule = { id: unusedId(rules, 'rule'), label: 'New rule', when: [NEW_CONDITION], poolId: routing.defaultPool };
    update(RULES, [...rules, rule]);
  };
  return (
    <Flex direction="column" gap="sm">
      <Heading>Rules</Heading>
      <Text variant="microcopy">Tried in order: the first rule whose conditions all hold sends the lead to its pool. Leads no rule matches go to the default pool.</Text>
      {rules.map((rule, index) => {
        const path = [...RULES, index];
        const when = [...path, 'when'];
        return (
          <Accordion key={index} title={`${index + 1}. ${rule.label} → ${poolLabel(rule.poolId)}`} size="sm" testId={`routing-rule-${rule.id}`}>
            <Flex direction="column" gap="xs">
              <TextField path={[...path, 'label']} label="Label" />
              <TextField path={[...path, 'id']} label="Rule id" description="Lowercase letters, digits and underscores; assignments record it. company_owner, default, manual, sla, hold_queue and hubspot_lookup are reserved." />
              <Text variant="microcopy">{rule.when.length === 0 ? 'Matches every lead.' : 'Matches when all of these hold:'}</Text>
              {rule.when.map((condition, c) => (
                <RoutingConditionFields key={c} condition={condition} path={[...when, c]} onRemove={() => update(when, without(rule.when, c))} />
              ))}
              <EditButton size="xs" onClick={() => update(when, [...rule.when, NEW_CONDITION])} testId={`add-condition-${rule.id}`}>
                Add condition
              </EditButton>
              <SelectField path={[...path, 'poolId']} label="Send to pool" options={poolOptions} />
              <SelectField
                path={[...path, 'priority']}
                label="Lead priority"
                description="Picks the SLA policy for these leads (policies can apply to a priority)."
                options={PRIORITY_OPTIONS}
              />
              <ListItemButtons
                index={index}
                count={rules.length}
                noun="rule"
                testIdSuffix={`rule-${rule.id}`}
                onMove={(to) => update(RULES, moved(rules, index, to))}
                onRemove={() => update(RULES, without(rules, index))}
              />
            </Flex>
          </Accordion>
        );
      })}
      <EditButton onClick={addRule} testId="add-routing-rule">
        Add rule
      </EditButton>
    </Flex>
  );
}
