import { Accordion, Flex, Heading, Text } from '@hubspot/ui-extensions';
import { useDraft } from './draft-context';
import { NumberField, SelectField, TextField } from './fields';
import { choices } from './options';

const KEY_BY = [
  { label: 'Each change is an activity', value: 'event' },
  { label: 'Each distinct value is an activity', value: 'value' },
  { label: 'Each value at each time is an activity (form submissions)', value: 'valueAt' },
  { label: 'The value is the activity’s date', value: 'timestamp' },
];

const OBJECT_TYPES = choices(['calls', 'emails', 'meetings', 'notes', 'tasks']);

/** Which HubSpot changes count as which activities. */
export function ActivityMappingSection() {
  const { mapping } = useDraft().draft.scoring;
  const base = ['scoring', 'mapping'];
  return (
    <Flex direction="column" gap="sm">
      <Heading>Activity mapping</Heading>
      <Text variant="microcopy">How contact property changes and engagements become the activities the rules score.</Text>
      <TextField path={[...base, 'creation', 'activity']} label="Activity when a contact is created" />
      <Accordion title={`Counter properties (${mapping.counters.length})`} size="sm">
        {mapping.counters.map((counter, index) => (
          <Flex key={index} direction="row" gap="xs" wrap>
            <TextField path={[...base, 'counters', index, 'property']} label="Property" />
            <TextField path={[...base, 'counters', index, 'activity']} label="Activity" />
            <NumberField path={[...base, 'counters', index, 'maxPerChange']} label="At most per change" min={1} max={1000} />
          </Flex>
        ))}
      </Accordion>
      <Accordion title={`Property changes (${mapping.properties.length})`} size="sm">
        {mapping.properties.map((property, index) => (
          <Flex key={index} direction="row" gap="xs" wrap>
            <TextField path={[...base, 'properties', index, 'property']} label="Property" />
            <TextField path={[...base, 'properties', index, 'activity']} label="Activity" />
            <TextField path={[...base, 'properties', index, 'detailField']} label="Detail field" />
            <SelectField path={[...base, 'properties', index, 'keyBy']} label="Counts as" options={KEY_BY} />
          </Flex>
        ))}
      </Accordion>
      <Accordion title={`Engagements (${mapping.engagements.length})`} size="sm">
        {mapping.engagements.map((engagement, index) => (
          <Flex key={index} direction="row" gap="xs" wrap>
            <SelectField path={[...base, 'engagements', index, 'objectType']} label="Engagement" options={OBJECT_TYPES} />
            <TextField path={[...base, 'engagements', index, 'activity']} label="Activity" />
          </Flex>
        ))}
      </Accordion>
    </Flex>
  );
}
