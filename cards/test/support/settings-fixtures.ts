import type { PortalSettings, SettingsOverview, SettingsPreview } from '../../src/shared/types';

export const SETTINGS: PortalSettings = {
  scoring: {
    groups: [
      { id: 'email', label: 'Marketing email', cap: { maxPoints: 20, per: 'week' }, decay: { kind: 'half_life', days: 30 } },
      { id: 'sales', label: 'Sales conversations', decay: { kind: 'linear', percent: 25, everyDays: 30 } },
    ],
    engagementRules: [
      { id: 'email_open', label: 'Email open', activity: 'email_open', points: 2, group: 'email', cap: { max: 3, per: 'day' } },
      { id: 'meeting_booked', label: 'Meeting booked', activity: 'meeting_booked', points: 10, group: 'sales' },
    ],
    engagementCap: 150,
    fitRules: [
      { id: 'target_country', label: 'Country', property: 'country', op: 'in', values: ['Canada', 'Ireland'], points: 10 },
      { id: 'company_size', label: 'Company size', property: 'numemployees', op: 'range', min: 50, max: 1000, points: 15 },
      { id: 'phone_given', label: 'Phone number given', property: 'phone', op: 'exists', points: 5 },
    ],
    fitGrades: { A: 35, B: 25, C: 10 },
    thresholds: { mql: 60, sql: 90, minGradeForSql: 'B' },
    mapping: {
      creation: { activity: 'contact_created', sourceProperty: 'hs_analytics_source', timeProperty: 'createdate' },
      counters: [{ property: 'hs_analytics_num_page_views', activity: 'page_view', maxPerChange: 20 }],
      properties: [{ property: 'hs_email_last_open_date', activity: 'email_open', detailField: 'at', keyBy: 'timestamp' }],
      engagements: [{ objectType: 'meetings', activity: 'meeting_booked', detail: {} }],
    },
  },
  writeBack: {
    lifecycleStage: { enabled: false, mqlStage: 'marketingqualifiedlead', sqlStage: 'salesqualifiedlead', order: ['lead', 'marketingqualifiedlead', 'salesqualifiedlead'] },
    leadStatus: { enabled: false, values: { sql: 'OPEN' } },
  },
};

export const OVERVIEW: SettingsOverview = {
  live: { version: 3, settings: SETTINGS, publishedAt: '2025-03-02T10:00:00.000Z', publishedBy: 'ana@example.com' },
  versions: [
    { version: 1, createdAt: '2025-01-10T09:00:00.000Z', createdBy: 'ana@example.com', publishedAt: '2025-01-10T09:05:00.000Z', publishedBy: 'ana@example.com', note: 'First model' },
    { version: 2, createdAt: '2025-02-01T09:00:00.000Z', createdBy: 'ben@example.com', publishedAt: null, publishedBy: null, note: null },
    { version: 3, createdAt: '2025-03-02T09:55:00.000Z', createdBy: 'ana@example.com', publishedAt: '2025-03-02T10:00:00.000Z', publishedBy: 'ana@example.com', note: 'Raise SQL bar' },
  ],
  access: { canPublish: true, as: 'installer' },
};

export const PREVIEW: SettingsPreview = {
  contacts: 1200,
  changedStatus: 85,
  before: { new: 900, mql: 200, sql: 60, cooling: 20, recycled: 15, disqualified: 5 },
  after: { new: 950, mql: 170, sql: 45, cooling: 15, recycled: 15, disqualified: 5 },
  bands: [
    { band: '0–29', contacts: 800, convertedBefore: 8, convertedAfter: 4 },
    { band: '60+', contacts: 100, convertedBefore: 20, convertedAfter: 30 },
  ],
};
