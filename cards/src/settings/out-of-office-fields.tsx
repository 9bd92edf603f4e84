import { Flex, Text } from '@hubspot/ui-extensions';
import type { IssuePath, OutOfOffice } from '../shared/types';
import { useDraft } from './draft-context';
import { getIn } from './draft-path';
import { EditButton } from './edit-button';
import { TextField } from './fields';
import { without } from './list-edits';

/** A rep's time out of office: whole local days, or exact times. */
export function OutOfOfficeFields({ path }: { path: IssuePath }) {
  const { draft, update } = useDraft();
  const ranges = (getIn(draft, path) ?? []) as OutOfOffice[];
  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'demibold' }}>Out of office</Text>
      <Text variant="microcopy">
        Whole days as YYYY-MM-DD (both days included), or exact times with their offset, e.g. 2025-08-04T13:00:00+02:00 (the end excluded).
      </Text>
      {ranges.map((_, index) => (
        <Flex key={index} direction="row" gap="xs" align="end">
          <TextField path={[...path, index, 'from']} label="From" />
          <TextField path={[...path, index, 'to']} label="To" />
          <EditButton size="xs" variant="transparent" onClick={() => update(path, without(ranges, index))}>
            Remove
          </EditButton>
        </Flex>
      ))}
      <EditButton size="xs" onClick={() => update(path, [...ranges, { from: '', to: '' }])}>
        Add time out of office
      </EditButton>
    </Flex>
  );
}
