import { Accordion, Flex, Heading, Text } from '@hubspot/ui-extensions';
import { formatPoints } from '../shared/format';
import { useDraft } from './draft-context';
import { NumberField, TextField } from './fields';
import { VALUE_TEST_LABELS, ValueTestFields } from './value-test-fields';

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
                Matches when the property {VALUE_TEST_LABELS[rule.op]}
                {rule.op === 'exists' ? '.' : ':'}
              </Text>
              <ValueTestFields test={rule} path={path} />
              <NumberField path={[...path, 'points']} label="Points" min={-1000} max={1000} />
            </Flex>
          </Accordion>
        );
      })}
    </Flex>
  );
}
