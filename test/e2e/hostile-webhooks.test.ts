import { signV3 } from '../../src/hubspot/signature';
import { applyScenario, generateScenario, type AppliedScenario, type WebhookEvent } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

const PORTAL = 40_404;

/** JSON text nested `depth` levels around `leaf` (JSON.stringify itself cannot write such depths). */
function nested(depth: number, kind: 'array' | 'object', leaf: unknown = 1): RawJson {
  const [open, close] = kind === 'array' ? ['[', ']'] : ['{"key":', '}'];
  return new RawJson(`${open.repeat(depth)}${json(leaf)}${close.repeat(depth)}`);
}

class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value whose parts may already be JSON text. */
function json(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(json).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`).join(',')}}`;
  return JSON.stringify(value);
}

describe.each(testDatabases)('hostile webhook bodies cost nothing but themselves, on $name', (database) => {
  let harness: PipelineHarness;
  let applied: AppliedScenario;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL }] },
      arrange: (sandbox) => (applied = applyScenario(sandbox.state, generateScenario({ seed: 5, contacts: 6, days: 5 }), { portalId: PORTAL, appId: sandbox.app.appId })),
    });
  });
  afterAll(() => harness.stop());

  /** Posts a body exactly as given, signed as HubSpot signs it. */
  async function post(body: unknown[]): Promise<{ status: number; json: Record<string, unknown> }> {
    const text = json(body);
    const url = `${harness.service.url}/webhooks/hubspot`;
    const timestamp = Date.now();
    const signature = signV3({ clientSecret: harness.sandbox.app.clientSecret, method: 'POST', uri: url, body: text, timestamp });
    const response = await fetch(url, {
      method: 'POST',
      body: text,
      headers: { 'Content-Type': 'application/json', 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) },
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const readyz = async () => (await fetch(`${harness.service.url}/readyz`)).status;
  const unprocessed = async () =>
    (await harness.service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE processed_at IS NULL'))[0]!.n;
  const failures = async () =>
    harness.service.db.query<{ event_key: string; last_error: string }>('SELECT event_key, last_error FROM inbox WHERE last_error IS NOT NULL');

  it('stores the valid events beside out-of-range dates and deep nesting, and keeps processing afterwards', async () => {
    const [first, ...rest] = applied.events as (WebhookEvent & Record<string, unknown>)[];
    const contactId = rest.find((e) => e.subscriptionType === 'contact.creation')!.objectId;
    const change = (eventId: number, overrides: Record<string, unknown>) => ({
      eventId,
      subscriptionId: 1,
      portalId: PORTAL,
      appId: harness.sandbox.app.appId,
      occurredAt: Date.now() - 60_000,
      subscriptionType: 'contact.propertyChange',
      attemptNumber: 0,
      objectId: contactId,
      propertyName: 'hs_analytics_source',
      propertyValue: 'ORGANIC_SEARCH',
      ...overrides,
    });
    const hostile = [
      change(900_001, { occurredAt: 8.64e15 }),
      change(900_002, { occurredAt: 253_402_300_800_000 }),
      change(900_003, { extra: nested(5_000, 'object') }),
      nested(5_000, 'object', change(900_004, {})),
      nested(100_000, 'array', change(900_005, {})),
      change(900_006, { extra: nested(1_100, 'object') }),
    ];
    // Valid, but carrying a date (year 10000) and a count no table could hold.
    const storableButOdd = [
      change(900_007, { propertyName: 'hs_email_last_open_date', propertyValue: '253402300800000' }),
      change(900_008, { propertyName: 'hs_analytics_num_page_views', propertyValue: '99999999999999999999999' }),
    ];

    const response = await post([first, ...hostile, ...storableButOdd]);

    expect(response).toEqual({ status: 200, json: { accepted: 3, duplicates: 0, rejected: 6, dropped: 0 } });
    const rejected = await harness.service.db.query<{ reason: string }>('SELECT reason FROM rejected_events ORDER BY id');
    expect(rejected.map((row) => row.reason)).toEqual([
      expect.stringMatching(/^occurredAt: /),
      expect.stringMatching(/^occurredAt: /),
      'nested deeper than 8 levels',
      'nested deeper than 8 levels',
      'nested deeper than 8 levels',
      'nested deeper than 8 levels',
    ]);
    expect(await readyz()).toBe(200);

    await harness.deliver(rest);

    expect(await readyz()).toBe(200);
    expect(await unprocessed()).toBe(0);
    expect(await failures()).toEqual([]);
    const written = harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))!;
    expect(written.lm_score).toMatch(/^\d+$/);
  });
});
