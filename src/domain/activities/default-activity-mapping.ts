import type { ActivityMapping } from './activity-mapping';

/** How HubSpot's contact properties and engagements become activities unless an admin changes it. */
export const DEFAULT_ACTIVITY_MAPPING: ActivityMapping = {
  creation: { activity: 'contact_created', sourceProperty: 'hs_analytics_source', timeProperty: 'createdate' },
  counters: [
    {
      property: 'hs_analytics_num_page_views',
      activity: 'page_view',
      timeProperty: 'hs_analytics_last_visit_timestamp',
      maxPerChange: 50,
    },
  ],
  properties: [
    {
      property: 'hs_analytics_last_url',
      activity: 'pricing_page_view',
      when: { op: 'matches', value: '/pricing' },
      detailField: 'url',
      keyBy: 'counterStep',
      counter: 'hs_analytics_num_page_views',
    },
    {
      property: 'hs_analytics_last_url',
      activity: 'careers_page_view',
      when: { op: 'matches', value: '/careers|/jobs' },
      detailField: 'url',
      keyBy: 'counterStep',
      counter: 'hs_analytics_num_page_views',
    },
    { property: 'hs_email_last_open_date', activity: 'email_open', detailField: 'openedAt', keyBy: 'timestamp' },
    { property: 'hs_email_last_click_date', activity: 'email_click', detailField: 'clickedAt', keyBy: 'timestamp' },
    {
      property: 'recent_conversion_event_name',
      activity: 'form_submission',
      detailField: 'form',
      keyBy: 'valueAt',
      timeProperty: 'recent_conversion_date',
    },
    {
      property: 'hs_email_optout',
      activity: 'unsubscribe',
      when: { op: 'eq', value: 'true' },
      detailField: 'optout',
      keyBy: 'value',
    },
  ],
  engagements: [
    { objectType: 'meetings', activity: 'meeting_booked', detail: { outcome: 'hs_meeting_outcome' } },
    { objectType: 'calls', activity: 'call', detail: { direction: 'hs_call_direction', disposition: 'hs_call_disposition' } },
    {
      objectType: 'emails',
      activity: 'email_reply',
      when: { property: 'hs_email_direction', op: 'eq', value: 'INCOMING_EMAIL' },
      detail: { direction: 'hs_email_direction' },
    },
    { objectType: 'emails', activity: 'sales_email', detail: { direction: 'hs_email_direction' } },
    { objectType: 'notes', activity: 'note', detail: {} },
  ],
};
