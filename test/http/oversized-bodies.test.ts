import { DEFAULT_PORTAL_SETTINGS } from '../../src/domain/portal-settings';
import { signV3 } from '../../src/hubspot/signature';
import { LIMITS } from '../../src/limits';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { rawUpload } from '../support/raw-upload';
import { signedCall } from '../support/signed-fetch';

const PORTAL = 31_001;
const MIB = 1024 * 1024;

/** Each endpoint that reads a body, with the bound it reads to. */
const ENDPOINTS: [string, number][] = [
  ['/webhooks/hubspot', LIMITS.webhooks.bodyBytes],
  ['/api/settings/publish', LIMITS.api.settingsBodyBytes],
  ['/api/cards/lead-score/decision', LIMITS.api.bodyBytes],
];

/** A JSON object of exactly `bytes` bytes: `fields` plus a padding field the endpoints ignore. */
const paddedTo = (bytes: number, fields: Record<string, unknown>) => {
  const bare = JSON.stringify({ ...fields, pad: '' });
  return { ...fields, pad: 'x'.repeat(bytes - Buffer.byteLength(bare)) };
};

// The bounds are the HTTP edge's, the same on any database: PGlite alone is enough.
describe('request bodies over their bound are refused before they are read', () => {
  let harness: PipelineHarness;

  beforeAll(async () => {
    harness = await startPipelineHarness(testDatabases[0]!, { sandbox: { portals: [{ portalId: PORTAL }] } });
  });
  afterAll(() => harness.stop());

  const postWebhook = (text: string) => {
    const timestamp = Date.now();
    const signature = signV3({ clientSecret: harness.sandbox.app.clientSecret, method: 'POST', uri: `${harness.service.url}/webhooks/hubspot`, body: text, timestamp });
    return fetch(`${harness.service.url}/webhooks/hubspot`, {
      method: 'POST',
      body: text,
      headers: { 'content-type': 'application/json', 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) },
    });
  };
  const call = (path: string, body: unknown) => signedCall(harness.service.url, 'POST', path, body, { portalId: PORTAL, secret: harness.sandbox.app.clientSecret });

  it.each(ENDPOINTS)('POST %s answers 413 to an announced 50 MiB body after its first 4 KB, and closes the connection', async (path) => {
    const answer = await rawUpload(harness.service.url, path, { announce: 50 * MIB, bytes: 4096, pieceBytes: 4096 });
    expect(answer.status).toBe(413);
    expect(answer.answeredAfterMs).toBeLessThan(2_000);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(/^body larger than \d+ [KM]B$/) });
    expect(answer.closedByServer).toBe(true);
  });

  it.each(ENDPOINTS)('POST %s cuts a chunked body as soon as it passes %i bytes, while the sender is still sending', async (path, limit) => {
    const answer = await rawUpload(harness.service.url, path, { bytes: 4 * limit, pieceBytes: limit / 32 });
    expect(answer.status).toBe(413);
    expect(answer.sentWhenAnswered).toBeGreaterThan(limit);
    expect(answer.sentWhenAnswered).toBeLessThan(2 * limit);
    expect(answer.headers.connection).toBe('close');
    expect(answer.closedByServer).toBe(true);
  });

  const tooLargeWebhooks = async () => {
    const metric = await harness.service.metrics.registry.getSingleMetric('lead_manager_webhook_requests_total')!.get();
    return metric.values.find((value) => value.labels.outcome === 'too_large')?.value ?? 0;
  };

  it('takes a webhook body of exactly the limit, refuses one byte more with 413 and counts it', async () => {
    const before = await tooLargeWebhooks();
    const events = JSON.stringify([]);
    const atLimit = events + ' '.repeat(LIMITS.webhooks.bodyBytes - events.length);
    const taken = await postWebhook(atLimit);
    expect(taken.status).toBe(200);
    expect(await taken.json()).toEqual({ accepted: 0, duplicates: 0, rejected: 0, dropped: 0 });

    const refused = await postWebhook(`${atLimit} `);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: 'body larger than 1 MB' });
    expect(await tooLargeWebhooks()).toBe(before + 1);
  });

  it('takes a settings body of exactly its limit and a card body of exactly its limit; one byte more is 413', async () => {
    const settings = await call('/api/settings/validate', paddedTo(LIMITS.api.settingsBodyBytes, { settings: DEFAULT_PORTAL_SETTINGS }));
    expect(settings).toEqual({ status: 200, json: { ok: true } });
    const overSettings = await call('/api/settings/validate', paddedTo(LIMITS.api.settingsBodyBytes + 1, { settings: DEFAULT_PORTAL_SETTINGS }));
    expect(overSettings).toEqual({ status: 413, json: { error: 'body larger than 256 KB' } });

    // Read and parsed: the decision is refused for what it says (no reason), not for its size.
    const card = await call('/api/cards/lead-score/decision', paddedTo(LIMITS.api.bodyBytes, { contactId: 1, kind: 'recycle' }));
    expect(card.status).toBe(400);
    expect(card.json.issues).toEqual([{ path: ['reason'], message: 'a reason is required' }]);
    const overCard = await call('/api/cards/lead-score/decision', paddedTo(LIMITS.api.bodyBytes + 1, { contactId: 1, kind: 'recycle' }));
    expect(overCard).toEqual({ status: 413, json: { error: 'body larger than 64 KB' } });
  });

  it('still takes body-less requests', async () => {
    expect((await signedCall(harness.service.url, 'GET', '/api/settings', undefined, { portalId: PORTAL, secret: harness.sandbox.app.clientSecret })).status).toBe(200);
  });
});
