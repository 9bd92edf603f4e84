import type { Activity } from '../../../src/domain/activities';
import { award, DEFAULT_SCORING_MODEL, type LedgerEntry } from '../../../src/domain/scoring';

const AT = Date.UTC(2025, 0, 6, 10);

const act = (type: string, detail: Record<string, string> = {}): Activity => ({ key: `k:${type}`, type, occurredAt: AT, detail });

describe('award (default model)', () => {
  it.each<[string, Activity, [string, number][]]>([
    ['email open', act('email_open'), [['email_open', 2]]],
    ['email click', act('email_click'), [['email_click', 4]]],
    ['unsubscribe', act('unsubscribe'), [['unsubscribe', -5]]],
    ['page view', act('page_view'), [['site_visit', 5]]],
    ['pricing page', act('pricing_page_view'), [['pricing_page', 10]]],
    ['careers page', act('careers_page_view'), [['careers_page', -10]]],
    ['whitepaper form', act('form_submission', { form: 'Whitepaper: State of B2B lead management 2025' }), [['whitepaper', 10]]],
    ['ebook form', act('form_submission', { form: 'Ebook: The lead routing playbook' }), [['whitepaper', 10]]],
    ['webinar form', act('form_submission', { form: 'Webinar registration: Scoring that sales trusts' }), [['event_webinar', 25]]],
    ['demo request', act('form_submission', { form: 'Demo request' }), [['demo_request', 30]]],
    ['free trial', act('form_submission', { form: 'Free trial signup' }), [['demo_request', 30]]],
    ['newsletter', act('form_submission', { form: 'Newsletter signup' }), [['newsletter', 2]]],
    ['other form', act('form_submission', { form: 'Case study download: Acme' }), []],
    ['form without a name', act('form_submission'), []],
    ['meeting booked', act('meeting_booked'), [['meeting_booked', 10]]],
    ['reply from the lead', act('email_reply'), [['email_reply', 10]]],
    ['sales call (SLA only)', act('call'), []],
    ['contact created', act('contact_created', { source: 'ORGANIC_SEARCH' }), []],
  ])('%s', (_name, activity, expected) => {
    expect(award(DEFAULT_SCORING_MODEL, activity)).toEqual<LedgerEntry[]>(
      expected.map(([ruleId, points]) => ({ sourceKey: activity.key, ruleId, points, occurredAt: AT })),
    );
  });

  it('yields one entry per matching rule', () => {
    const model = {
      ...DEFAULT_SCORING_MODEL,
      engagementRules: [
        ...DEFAULT_SCORING_MODEL.engagementRules,
        { id: 'any_form', label: 'Any form', activity: 'form_submission', points: 3 },
      ],
    };
    expect(award(model, act('form_submission', { form: 'Demo request' })).map((e) => e.ruleId)).toEqual(['demo_request', 'any_form']);
  });
});
