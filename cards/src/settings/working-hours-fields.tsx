import { Flex, Text } from '@hubspot/ui-extensions';
import type { BusinessCalendar, IssuePath, Weekday, WorkingInterval } from '../shared/types';
import { WEEKDAYS } from '../shared/types';
import { useDraft } from './draft-context';
import { getIn, pathKey } from './draft-path';
import { EditButton } from './edit-button';
import { TextField } from './fields';
import { without } from './list-edits';
import { PathIssue } from './path-issue';

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** The next interval of a day: office hours first, then from the last end to midnight (a split day); none once it reaches midnight. */
function nextInterval(intervals: readonly WorkingInterval[]): WorkingInterval | undefined {
  const last = intervals.at(-1);
  if (!last) return { start: '09:00', end: '17:00' };
  return last.end === '24:00' ? undefined : { start: last.end, end: '24:00' };
}

/** Working intervals per weekday (local wall-clock time); a day without any is not worked. */
export function WorkingHoursFields({ path }: { path: IssuePath }) {
  const { draft, update } = useDraft();
  const hours = (getIn(draft, path) ?? {}) as BusinessCalendar['workingHours'];
  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'demibold' }}>Working hours (local time, HH:MM; 24:00 is midnight)</Text>
      <PathIssue path={path} />
      {WEEKDAYS.map((day) => {
        const dayPath = [...path, day];
        const intervals = hours[day] ?? [];
        const next = nextInterval(intervals);
        return (
          <Flex key={day} direction="row" gap="xs" align="end" wrap>
            <Text>{DAY_NAMES[day]}</Text>
            {intervals.length === 0 && <Text variant="microcopy">Not worked</Text>}
            {intervals.map((_, index) => (
              <Flex key={index} direction="row" gap="xs" align="end">
                <TextField path={[...dayPath, index, 'start']} label="From" />
                <TextField path={[...dayPath, index, 'end']} label="To" />
                <EditButton size="xs" variant="transparent" onClick={() => update(dayPath, intervals.length === 1 ? undefined : without(intervals, index))}>
                  Remove
                </EditButton>
              </Flex>
            ))}
            {next && (
              <EditButton size="xs" onClick={() => update(dayPath, [...intervals, next])} testId={`add-hours-${pathKey(dayPath)}`}>
                Add hours
              </EditButton>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}
