import type { BusinessCalendar } from '../../../src/domain/calendar';
import { routingSettingsSchema, type RoutingSettings } from '../../../src/domain/routing';
import { repCalendar, slaSettingsSchema, startClock } from '../../../src/domain/sla';
import { local, wallClock, weekdays9to5 } from '../calendar/calendars';
import { weekdaysNineToFive } from '../routing/routing-fixtures';
import { policy } from './policies';

const tokyo = weekdaysNineToFive('Asia/Tokyo', { country: 'JP' });
const routing: RoutingSettings = routingSettingsSchema.parse({
  rules: [],
  defaultPool: 'apac',
  pools: [{ id: 'apac', label: 'APAC', strategy: 'round_robin', managerOwnerId: '900', members: [{ ownerId: '301' }] }],
  reps: { '301': tokyo },
});
const sla = slaSettingsSchema.parse({ policies: [policy()], defaultCalendar: weekdays9to5('America/New_York', { country: 'US' }) });

describe('repCalendar', () => {
  it.each<{ name: string; routing: RoutingSettings | undefined; ownerId: string; expected: BusinessCalendar }>([
    { name: 'the calendar set for the rep under routing', routing, ownerId: '301', expected: tokyo.calendar },
    { name: 'the SLA default for a rep without one', routing, ownerId: '302', expected: sla.defaultCalendar },
    { name: 'the SLA default without routing settings', routing: undefined, ownerId: '301', expected: sla.defaultCalendar },
  ])('$name', ({ routing, ownerId, expected }) => {
    expect(repCalendar({ routing, sla }, ownerId)).toEqual(expected);
  });

  it('runs a rep’s SLA clock in the same hours and holidays that routing judges them by', () => {
    // Assigned Friday 16:00 in Tokyo with 4 business hours: 1 h on Friday, Monday 24 November 2025 is a public holiday (Labor Thanksgiving Day, substitute day), 3 h on Tuesday.
    const clock = startClock(policy({ firstTouchWithinHours: 4 }), repCalendar({ routing, sla }, '301'), local('2025-11-21T16:00', 'Asia/Tokyo'));
    expect(wallClock(clock.dueAt, 'Asia/Tokyo')).toBe('2025-11-25T12:00');
  });
});
