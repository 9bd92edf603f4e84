import { Flex, Text } from '@hubspot/ui-extensions';
import type { IssuePath } from '../shared/types';
import { ListField, TextField } from './fields';
import { WorkingHoursFields } from './working-hours-fields';

/** A business calendar at `path`: time zone, weekly working hours and days off. */
export function CalendarFields({ path }: { path: IssuePath }) {
  const holidays = [...path, 'holidays'];
  return (
    <Flex direction="column" gap="xs">
      <TextField path={[...path, 'timeZone']} label="Time zone" description="IANA name, e.g. Europe/Berlin or America/New_York." />
      <WorkingHoursFields path={[...path, 'workingHours']} />
      <Text format={{ fontWeight: 'demibold' }}>Days off</Text>
      <Flex direction="row" gap="sm" wrap>
        <TextField path={[...holidays, 'country']} label="Public holidays of" description="Two-letter country code, e.g. US or DE; empty for none." optional />
        <TextField path={[...holidays, 'region']} label="Region" description="A state or province adding its own holidays, e.g. CA or BY." optional />
      </Flex>
      <ListField path={[...holidays, 'extra']} label="Other days off" description="Dates (YYYY-MM-DD), comma-separated." optional />
      <ListField path={[...holidays, 'ignore']} label="Public holidays worked anyway" description="Dates (YYYY-MM-DD), comma-separated." optional />
    </Flex>
  );
}
