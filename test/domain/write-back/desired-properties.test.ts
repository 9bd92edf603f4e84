import { changedProperties, desiredProperties, type ScoredLead } from '../../../src/domain/write-back/desired-properties';
import { DEFAULT_WRITE_BACK, type WriteBackSettings } from '../../../src/domain/write-back/write-back-settings';

const lead = (status: string): ScoredLead => ({ status, total: 72.4, fit: 30, engagement: 42.4, grade: 'B', reasons: 'Demo request +30' });
const stagesOn: WriteBackSettings = { ...DEFAULT_WRITE_BACK, lifecycleStage: { ...DEFAULT_WRITE_BACK.lifecycleStage, enabled: true } };
const statusOn: WriteBackSettings = { ...DEFAULT_WRITE_BACK, leadStatus: { ...DEFAULT_WRITE_BACK.leadStatus, enabled: true } };

describe('the lifecycle stage only ever moves forward, and only to the MQL or SQL stage', () => {
  it.each([
    // status, current stage, written stage (undefined: left alone)
    ['mql', undefined, 'marketingqualifiedlead'],
    ['mql', 'subscriber', 'marketingqualifiedlead'],
    ['mql', 'lead', 'marketingqualifiedlead'],
    ['mql', 'marketingqualifiedlead', undefined],
    ['mql', 'salesqualifiedlead', undefined],
    ['mql', 'customer', undefined],
    ['sql', 'lead', 'salesqualifiedlead'],
    ['sql', 'marketingqualifiedlead', 'salesqualifiedlead'],
    ['sql', 'salesqualifiedlead', undefined],
    ['sql', 'opportunity', undefined],
    ['sql', 'evangelist', undefined],
    // A custom stage not in the order: we cannot tell forward from back, so it is left alone.
    ['sql', 'partner_referral', undefined],
    // Statuses that are not MQL or SQL never touch the stage, even coming back down.
    ['new', 'lead', undefined],
    ['cooling', 'marketingqualifiedlead', undefined],
    ['recycled', 'salesqualifiedlead', undefined],
    ['disqualified', 'salesqualifiedlead', undefined],
  ])('%s lead at stage %s → %s', (status, current, expected) => {
    expect(desiredProperties(lead(status), current, stagesOn).lifecyclestage).toBe(expected);
  });

  /** A portal's own stages as HubSpot lists them in order, with a custom stage between MQL and SQL. */
  const portalStages = ['subscriber', 'lead', 'marketingqualifiedlead', 'demo_scheduled', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
  it.each([
    ['sql', 'demo_scheduled', 'salesqualifiedlead'],
    ['sql', 'marketingqualifiedlead', 'salesqualifiedlead'],
    ['mql', 'demo_scheduled', undefined],
    ['mql', 'lead', 'marketingqualifiedlead'],
    ['sql', 'opportunity', undefined],
    // Known to the portal, so judged by its place: "other" comes after every funnel stage.
    ['sql', 'other', undefined],
    ['sql', 'partner_referral', undefined],
  ])('along the portal’s own stages: %s lead at stage %s → %s', (status, current, expected) => {
    expect(desiredProperties(lead(status), current, stagesOn, portalStages).lifecyclestage).toBe(expected);
  });

  it('is never written while the portal has not turned it on', () => {
    expect(desiredProperties(lead('sql'), 'lead', DEFAULT_WRITE_BACK)).not.toHaveProperty('lifecyclestage');
  });
});

describe("the lead status follows the portal's mapping, only when turned on", () => {
  it.each([
    ['sql', 'OPEN'],
    ['recycled', 'UNQUALIFIED'],
    ['disqualified', 'UNQUALIFIED'],
    ['mql', undefined],
    ['new', undefined],
  ])('%s → %s', (status, expected) => {
    expect(desiredProperties(lead(status), undefined, statusOn).hs_lead_status).toBe(expected);
    expect(desiredProperties(lead(status), undefined, DEFAULT_WRITE_BACK)).not.toHaveProperty('hs_lead_status');
  });
});

describe('scores are written as whole numbers, and only what changed is sent', () => {
  it('rounds the scores and keeps the grade, status and reasons', () => {
    expect(desiredProperties(lead('mql'), undefined, DEFAULT_WRITE_BACK)).toEqual({
      lm_score: '72',
      lm_engagement_score: '42',
      lm_fit_score: '30',
      lm_fit_grade: 'B',
      lm_status: 'mql',
      lm_score_reasons: 'Demo request +30',
    });
  });

  it.each([
    [{ lm_score: '72', lm_status: 'mql' }, { lm_score: '72', lm_status: 'mql' }, {}],
    [{ lm_score: '73', lm_status: 'mql' }, { lm_score: '72', lm_status: 'mql' }, { lm_score: '73' }],
    [{ lm_score: '72', hubspot_owner_id: '' }, { lm_score: '72', hubspot_owner_id: '7' }, { hubspot_owner_id: '' }],
    [{ lm_score: '72' }, {}, { lm_score: '72' }],
  ])('desired %j over written %j sends %j', (desired, written, expected) => {
    expect(changedProperties(desired, written)).toEqual(expected);
  });
});
