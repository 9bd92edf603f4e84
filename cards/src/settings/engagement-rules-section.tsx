import { Accordion, Flex, Heading } from '@hubspot/ui-extensions';
import { formatPoints } from '../shared/format';
import type { EngagementRule } from '../shared/types';
import { CapFields } from './cap-fields';
import { useDraft } from './draft-context';
import { EditButton } from './edit-button';
import { NumberField, SelectField, TextField } from './fields';
import { without } from './list-edits';
import { mappedActivities } from './mapped-activities';
import { choices } from './options';
import { unusedId } from './unused-id';

const RULES = ['scoring', 'engagementRules'] as const;

/** Points per activity, with the rule's group and cap. */
export function EngagementRulesSection() {
  const { draft, update } = useDraft();
  const { engagementRules: rules, groups } = draft.scoring;
  const activities = mappedActivities(draft.scoring.mapping);
  const groupOptions = [{ label: 'No group', value: '' }, ...groups.map((group) => ({ label: group.label, value: group.id }))];

  const addRule = () => {
    const rule: EngagementRule = { id: unusedId(rules, 'new_rule'), label: 'New rule', activity: activities[0] ?? 'page_view', points: 1 };
    update([...RULES], [...rules, rule]);
  };

  return (
    <Flex direction="column" gap="sm">
      <Heading>Engagement rules</Heading>
      {rules.map((rule, index) => {
        const path = [...RULES, index];
        return (
          <Accordion key={index} title={`${rule.label} · ${formatPoints(rule.points)}`} size="sm" testId={`engagement-rule-${rule.id}`}>
            <Flex direction="column" gap="xs">
              <TextField path={[...path, 'label']} label="Label" />
              <TextField path={[...path, 'id']} label="Rule id" description="Lowercase letters, digits and underscores; reasons and the ledger refer to it." />
              <SelectField path={[...path, 'activity']} label="Activity" options={choices(withCurrent(activities, rule.activity))} />
              <NumberField path={[...path, 'points']} label="Points" min={-1000} max={1000} />
              <SelectField path={[...path, 'group']} label="Group (shared cap and decay)" options={groupOptions} />
              <CapFields path={[...path, 'cap']} limit="max" limitLabel="At most this many times" />
              <EditButton variant="destructive" size="xs" onClick={() => update([...RULES], without(rules, index))}>
                Remove rule
              </EditButton>
            </Flex>
          </Accordion>
        );
      })}
      <EditButton onClick={addRule} testId="add-engagement-rule">
        Add engagement rule
      </EditButton>
    </Flex>
  );
}

function withCurrent(values: string[], current: string): string[] {
  return values.includes(current) ? values : [...values, current];
}
