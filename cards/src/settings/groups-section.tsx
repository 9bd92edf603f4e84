import { Accordion, Flex, Heading, Select, Text } from '@hubspot/ui-extensions';
import type { GroupDecay, IssuePath } from '../shared/types';
import { CapFields } from './cap-fields';
import { useDraft } from './draft-context';
import { getIn, pathKey } from './draft-path';
import { NumberField, TextField } from './fields';

const DECAY_OPTIONS = [
  { label: 'No decay', value: '' },
  { label: 'Half-life', value: 'half_life' },
  { label: 'Linear, a percentage per period', value: 'linear' },
];

const DECAY_DEFAULTS: Record<GroupDecay['kind'], GroupDecay> = {
  half_life: { kind: 'half_life', days: 30 },
  linear: { kind: 'linear', percent: 25, everyDays: 30 },
};

/** Rule groups: a shared points cap and how their points fade with age. */
export function GroupsSection() {
  const { groups } = useDraft().draft.scoring;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Rule groups: caps and decay</Heading>
      <Text variant="microcopy">Engagement points fade with age so inactive leads cool down; history is never rewritten.</Text>
      {groups.map((group, index) => {
        const path = ['scoring', 'groups', index];
        return (
          <Accordion key={index} title={group.label} size="sm" testId={`group-${group.id}`}>
            <Flex direction="column" gap="xs">
              <TextField path={[...path, 'label']} label="Label" />
              <CapFields path={[...path, 'cap']} limit="maxPoints" limitLabel="At most this many points" />
              <DecayFields path={[...path, 'decay']} />
            </Flex>
          </Accordion>
        );
      })}
    </Flex>
  );
}

function DecayFields({ path }: { path: IssuePath }) {
  const { draft, readOnly, update, issueAt } = useDraft();
  const decay = getIn(draft, path) as GroupDecay | undefined;
  const issue = issueAt([...path, 'kind']) ?? issueAt(path);
  return (
    <>
      <Select
        name={pathKey([...path, 'kind'])}
        readOnly={readOnly}
        label="Decay"
        value={decay?.kind ?? ''}
        options={DECAY_OPTIONS}
        error={issue !== undefined}
        validationMessage={issue}
        onChange={(kind) => update(path, kind === 'half_life' || kind === 'linear' ? DECAY_DEFAULTS[kind] : undefined)}
      />
      {decay?.kind === 'half_life' && <NumberField path={[...path, 'days']} label="Half-life (days)" min={1} />}
      {decay?.kind === 'linear' && (
        <>
          <NumberField path={[...path, 'percent']} label="Lose this percentage" min={1} max={100} />
          <NumberField path={[...path, 'everyDays']} label="Every this many days" min={1} />
        </>
      )}
    </>
  );
}
