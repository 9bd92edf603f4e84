import { Accordion, Flex, Heading, Input, Text } from '@hubspot/ui-extensions';
import { formatPoints } from '../shared/format';
import type { FitRule, IssuePath } from '../shared/types';
import { useDraft } from './draft-context';
import { pathKey } from './draft-path';
import { NumberField, TextField } from './fields';

const OPERATORS: Record<FitRule['op'], string> = {
  eq: 'equals',
  in: 'is one of',
  range: 'is within',
  contains: 'contains',
  exists: 'has a value',
};

/** Fit (demographic) rules: points when a contact property matches. */
export function FitRulesSection() {
  const { fitRules } = useDraft().draft.scoring;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Fit rules</Heading>
      {fitRules.map((rule, index) => {
        const path = ['scoring', 'fitRules', index];
        return (
          <Accordion key={index} title={`${rule.label} · ${formatPoints(rule.points)}`} size="sm" testId={`fit-rule-${rule.id}`}>
            <Flex direction="column" gap="xs">
              <TextField path={[...path, 'label']} label="Label" />
              <TextField path={[...path, 'property']} label="Contact property (internal name)" />
              <Text variant="microcopy">
                Matches when the property {OPERATORS[rule.op]}
                {rule.op === 'exists' ? '.' : ':'}
              </Text>
              <ConditionFields rule={rule} path={path} />
              <NumberField path={[...path, 'points']} label="Points" min={-1000} max={1000} />
            </Flex>
          </Accordion>
        );
      })}
    </Flex>
  );
}

function ConditionFields({ rule, path }: { rule: FitRule; path: IssuePath }) {
  switch (rule.op) {
    case 'eq':
    case 'contains':
      return <TextField path={[...path, 'value']} label="Value" />;
    case 'in':
      return <ValuesField values={rule.values} path={[...path, 'values']} />;
    case 'range':
      return (
        <Flex direction="row" gap="sm">
          <NumberField path={[...path, 'min']} label="Minimum" optional />
          <NumberField path={[...path, 'max']} label="Maximum" optional />
        </Flex>
      );
    case 'exists':
      return null;
  }
}

/** A list of values edited as comma-separated text. */
function ValuesField({ values, path }: { values: string[]; path: IssuePath }) {
  const { update, issueAt } = useDraft();
  const issue = issueAt(path);
  return (
    <Input
      name={pathKey(path)}
      label="Values (comma-separated)"
      value={values.join(', ')}
      error={issue !== undefined}
      validationMessage={issue}
      onChange={(text) => update(path, text.split(',').map((value) => value.trim()).filter(Boolean))}
    />
  );
}
