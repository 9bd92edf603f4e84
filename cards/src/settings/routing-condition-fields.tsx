import { Flex, Select } from '@hubspot/ui-extensions';
import type { IssuePath, RoutingCondition, ValueTest } from '../shared/types';
import { SCORE_FIELDS } from '../shared/types';
import { useDraft } from './draft-context';
import { pathKey } from './draft-path';
import { EditButton } from './edit-button';
import { SelectField, TextField } from './fields';
import { choices } from './options';
import { PathIssue } from './path-issue';
import { VALUE_TEST_LABELS, ValueTestFields } from './value-test-fields';

const SUBJECTS: { label: string; value: RoutingCondition['subject'] }[] = [
  { label: 'Contact property', value: 'property' },
  { label: 'Score', value: 'score' },
  { label: 'Fit grade', value: 'grade' },
  { label: 'Lead status', value: 'status' },
];
const OPERATORS = Object.entries(VALUE_TEST_LABELS).map(([value, label]) => ({ label, value }));

export const NEW_CONDITION: RoutingCondition = { subject: 'property', property: 'country', test: { op: 'in', values: [] } };

/** The condition looking at another subject, keeping its test. */
function withSubject(condition: RoutingCondition, subject: RoutingCondition['subject']): RoutingCondition {
  const { test } = condition;
  switch (subject) {
    case 'property':
      return { subject, property: condition.subject === 'property' ? condition.property : 'country', test };
    case 'score':
      return { subject, score: 'total', test };
    case 'grade':
    case 'status':
      return { subject, test };
  }
}

/** The test with another operator, keeping what it can of the values already typed. */
function withOperator(test: ValueTest, op: ValueTest['op']): ValueTest {
  const values = test.op === 'in' ? test.values : test.op === 'eq' || test.op === 'contains' ? [test.value].filter(Boolean) : [];
  switch (op) {
    case 'eq':
    case 'contains':
      return { op, value: values[0] ?? '' };
    case 'in':
      return { op, values };
    case 'range':
      return test.op === 'range' ? test : { op };
    case 'exists':
      return { op };
  }
}

/** One condition of a routing rule: what it looks at, the test, and the test's values. */
export function RoutingConditionFields({ condition, path, onRemove }: { condition: RoutingCondition; path: IssuePath; onRemove: () => void }) {
  const { readOnly, update, issueAt } = useDraft();
  const testPath = [...path, 'test'];
  const subjectIssue = issueAt([...path, 'subject']);
  const opIssue = issueAt([...testPath, 'op']);
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="xs" align="end" wrap>
        <Select
          readOnly={readOnly}
          name={pathKey([...path, 'subject'])}
          label="When"
          value={condition.subject}
          options={SUBJECTS}
          error={subjectIssue !== undefined}
          validationMessage={subjectIssue}
          onChange={(subject) => update(path, withSubject(condition, subject as RoutingCondition['subject']))}
        />
        {condition.subject === 'property' && <TextField path={[...path, 'property']} label="Property (internal name)" />}
        {condition.subject === 'score' && <SelectField path={[...path, 'score']} label="Score" options={choices(SCORE_FIELDS)} />}
        <Select
          readOnly={readOnly}
          name={pathKey([...testPath, 'op'])}
          label="Test"
          value={condition.test.op}
          options={OPERATORS}
          error={opIssue !== undefined}
          validationMessage={opIssue}
          onChange={(op) => update(testPath, withOperator(condition.test, op as ValueTest['op']))}
        />
        <ValueTestFields test={condition.test} path={testPath} />
        <EditButton size="xs" variant="transparent" onClick={onRemove}>
          Remove condition
        </EditButton>
      </Flex>
      <PathIssue path={testPath} />
    </Flex>
  );
}
