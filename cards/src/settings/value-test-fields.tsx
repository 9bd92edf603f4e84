import { Flex } from '@hubspot/ui-extensions';
import type { IssuePath, ValueTest } from '../shared/types';
import { ListField, NumberField, TextField } from './fields';

/** How each value test reads in a sentence ("matches when the property …"). */
export const VALUE_TEST_LABELS: Record<ValueTest['op'], string> = {
  eq: 'equals',
  in: 'is one of',
  range: 'is within',
  contains: 'contains',
  exists: 'has a value',
};

/** The inputs a value test needs, at `path` (the object holding `op`). */
export function ValueTestFields({ test, path }: { test: ValueTest; path: IssuePath }) {
  switch (test.op) {
    case 'eq':
    case 'contains':
      return <TextField path={[...path, 'value']} label="Value" />;
    case 'in':
      return <ListField path={[...path, 'values']} label="Values (comma-separated)" />;
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
