import { Flex, Heading, Text } from '@hubspot/ui-extensions';
import { useDraft } from './draft-context';
import { NumberField, SelectField } from './fields';
import { GRADE_OPTIONS } from './options';

/** Thresholds, the universal lead definition, fit grade bands and the engagement cap. */
export function QualificationSection() {
  const { thresholds } = useDraft().draft.scoring;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Qualification</Heading>
      <Text testId="lead-definition">
        A contact becomes an MQL at {thresholds.mql} points. It is sales-qualified at {thresholds.sql} points with fit grade{' '}
        {thresholds.minGradeForSql} or better, or when a rep accepts it.
      </Text>
      <Flex direction="row" gap="sm" wrap>
        <NumberField path={['scoring', 'thresholds', 'mql']} label="MQL threshold" min={1} />
        <NumberField path={['scoring', 'thresholds', 'sql']} label="SQL threshold" min={1} />
        <SelectField path={['scoring', 'thresholds', 'minGradeForSql']} label="Lowest fit grade for SQL" options={GRADE_OPTIONS} />
      </Flex>
      <Text variant="microcopy">Fit grades: the lowest fit score for each grade; below C is D.</Text>
      <Flex direction="row" gap="sm" wrap>
        <NumberField path={['scoring', 'fitGrades', 'A']} label="Grade A from" />
        <NumberField path={['scoring', 'fitGrades', 'B']} label="Grade B from" />
        <NumberField path={['scoring', 'fitGrades', 'C']} label="Grade C from" />
      </Flex>
      <NumberField
        path={['scoring', 'engagementCap']}
        label="Engagement cap"
        description="The most engagement points a contact can hold after decay. Leave empty for no cap."
        min={1}
        optional
      />
    </Flex>
  );
}
