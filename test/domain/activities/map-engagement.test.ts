import { DEFAULT_ACTIVITY_MAPPING, mapEngagement, type Activity, type EngagementInput } from '../../../src/domain/activities';

const AT = Date.UTC(2025, 0, 7, 15);

const engagement = (objectType: EngagementInput['objectType'], properties: EngagementInput['properties'] = {}): EngagementInput => ({
  key: 'evt-9',
  objectType,
  id: '555',
  occurredAt: AT,
  properties: { hubspot_owner_id: '77', ...properties },
});

const expected = (type: string, detail: Record<string, string>): Activity[] => [
  { key: `evt-9:${type}`, type, occurredAt: AT, detail: { engagementId: '555', ownerId: '77', ...detail } },
];

describe('mapEngagement', () => {
  it.each<[string, EngagementInput, Activity[]]>([
    ['meeting', engagement('meetings', { hs_meeting_outcome: 'SCHEDULED' }), expected('meeting_booked', { objectType: 'meetings', outcome: 'SCHEDULED' })],
    ['call', engagement('calls', { hs_call_direction: 'OUTBOUND' }), expected('call', { objectType: 'calls', direction: 'OUTBOUND' })],
    ['sales email', engagement('emails', { hs_email_direction: 'EMAIL' }), expected('sales_email', { objectType: 'emails', direction: 'EMAIL' })],
    ['email without a direction', engagement('emails'), expected('sales_email', { objectType: 'emails' })],
    [
      'reply from the lead',
      engagement('emails', { hs_email_direction: 'INCOMING_EMAIL' }),
      expected('email_reply', { objectType: 'emails', direction: 'INCOMING_EMAIL' }),
    ],
    ['note', engagement('notes', { hs_note_body: 'Spoke briefly' }), expected('note', { objectType: 'notes' })],
    ['task (not mapped by default)', engagement('tasks'), []],
  ])('%s', (_name, input, activities) => {
    expect(mapEngagement(input, DEFAULT_ACTIVITY_MAPPING)).toEqual(activities);
  });

  it('leaves out an owner the engagement does not have', () => {
    const [activity] = mapEngagement({ ...engagement('notes'), properties: { hubspot_owner_id: null } }, DEFAULT_ACTIVITY_MAPPING);
    expect(activity?.detail).toEqual({ objectType: 'notes', engagementId: '555' });
  });
});
