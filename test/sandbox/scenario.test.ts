import request from 'supertest';
import { applyScenario, createHubspotSandbox, generateScenario, type WebhookEvent } from '../../src/sandbox';

describe('generateScenario', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateScenario({ seed: 7, contacts: 300 });
    expect(generateScenario({ seed: 7, contacts: 300 })).toEqual(a);
    expect(generateScenario({ seed: 8, contacts: 300 }).contacts[0]).not.toEqual(a.contacts[0]);
  });

  it('builds realistic, time-ordered journeys inside the scenario window', () => {
    const scenario = generateScenario({ seed: 1, contacts: 2_000, owners: 6, teams: 2, days: 30 });
    expect(scenario.owners).toHaveLength(6);
    expect(scenario.teams).toHaveLength(2);
    const end = scenario.start + 30 * 86_400_000;
    const kinds = new Set<string>();
    const urls = new Set<string>();
    for (const contact of scenario.contacts) {
      expect(contact.properties.email).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+$/);
      let previous = contact.createdAt;
      for (const activity of contact.journey) {
        expect(activity.at).toBeGreaterThanOrEqual(previous);
        expect(activity.at).toBeLessThan(end);
        previous = activity.at;
        kinds.add(activity.kind);
        if (activity.kind === 'page_view') urls.add(activity.url);
      }
    }
    expect([...kinds].sort()).toEqual(['call', 'email_click', 'email_open', 'form_submission', 'lead_status_change', 'lifecycle_change', 'meeting_booked', 'note', 'page_view', 'sales_email', 'unsubscribe']);
    expect(urls).toContain('https://www.example-saas.com/pricing');
    expect(urls).toContain('https://www.example-saas.com/careers');
    expect(new Set(scenario.contacts.map((c) => c.outcome))).toEqual(new Set(['none', 'opportunity', 'won', 'lost']));
    expect(new Set(scenario.contacts.map((c) => c.properties.email)).size).toBe(2_000);
  });

  it('scales to 20k contacts and their ~100k events', () => {
    const sandbox = createHubspotSandbox();
    const portalId = sandbox.installingPortal().portalId;
    const scenario = generateScenario({ seed: 3, contacts: 20_000 });
    const { events } = applyScenario(sandbox.state, scenario, { portalId, appId: sandbox.app.appId });
    expect(events.length).toBeGreaterThan(80_000);
  });
});

describe('applyScenario', () => {
  const sandbox = createHubspotSandbox();
  const portalId = sandbox.installingPortal().portalId;
  const scenario = generateScenario({ seed: 11, contacts: 500 });
  const { events, ids } = applyScenario(sandbox.state, scenario, { portalId, appId: sandbox.app.appId });

  it('emits HubSpot-shaped events sorted by occurredAt', () => {
    expect(events.map((e) => e.occurredAt)).toEqual([...events.map((e) => e.occurredAt)].sort((a, b) => a - b));
    const creation = events.find((e) => e.subscriptionType === 'contact.creation')!;
    expect(creation).toEqual({
      eventId: expect.any(Number), subscriptionId: expect.any(Number), portalId, appId: sandbox.app.appId, occurredAt: expect.any(Number),
      subscriptionType: 'contact.creation', attemptNumber: 0, objectId: expect.any(Number), changeFlag: 'CREATED', changeSource: 'CRM_UI',
    });
    const names = new Set(events.filter((e) => e.subscriptionType === 'contact.propertyChange').map((e) => e.propertyName));
    expect(names).toEqual(new Set(['hs_analytics_num_page_views', 'hs_analytics_last_url', 'hs_email_last_open_date', 'hs_email_last_click_date',
      'recent_conversion_event_name', 'recent_conversion_date', 'hs_email_optout', 'lifecyclestage', 'hs_lead_status']));
  });

  it('stores engagements with their contact association, readable through the API', async () => {
    const engagement = events.find((e): e is WebhookEvent & { objectTypeId: string } => e.subscriptionType === 'object.creation' && e.objectTypeId === '0-48')!;
    const token = sandbox.issueTokens(portalId).accessToken;
    const res = await request(sandbox.handler).post(`/crm/v4/associations/${engagement.objectTypeId}/contacts/batch/read`)
      .set('Authorization', `Bearer ${token}`).send({ inputs: [{ id: String(engagement.objectId) }] }).expect(200);
    const contactId = String(res.body.results[0].to[0].toObjectId);
    expect([...ids.contacts.values()]).toContain(contactId);
    expect(engagement.sourceId).toMatch(/^userId:\d+$/);
  });

  it('leaves contacts in the state their journey ends in', () => {
    const contact = scenario.contacts.find((c) => c.journey.some((a) => a.kind === 'page_view'))!;
    const pageViews = contact.journey.filter((a) => a.kind === 'page_view').length;
    const stored = sandbox.state.properties(portalId, 'contacts', ids.contacts.get(contact.key)!)!;
    expect(stored.hs_analytics_num_page_views).toBe(String(pageViews));
    expect(stored.email).toBe(contact.properties.email);
  });
});
