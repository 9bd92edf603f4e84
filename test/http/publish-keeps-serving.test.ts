import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LIMITS } from '../../src/limits';
import { applyScenario, generateScenario, type AppliedScenario } from '../../src/sandbox';
import { testDatabases } from '../support/databases';
import { largestScoringSettings } from '../support/largest-settings';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { signedCall } from '../support/signed-fetch';

const PORTAL = 8_101;
const CONTACTS = 300;
/** Generous on purpose: the point is that the service answers while it rescores, not how fast. */
const BOUND_MS = 1_000;

const pglite = testDatabases.find((database) => database.name === 'pglite')!;

describe('publishing the largest settings the limits allow, on the embedded database', () => {
  const scenario = generateScenario({ seed: 31, contacts: CONTACTS, days: 20, start: Date.now() - 20 * 86_400_000 });
  let harness: PipelineHarness;
  let applied: AppliedScenario;

  beforeAll(async () => {
    harness = await startPipelineHarness(pglite, {
      sandbox: { portals: [{ portalId: PORTAL }] },
      arrange: (sandbox) => (applied = applyScenario(sandbox.state, scenario, { portalId: PORTAL, appId: sandbox.app.appId })),
    });
    await harness.deliver(applied.events);
  });
  afterAll(() => harness.stop());

  it('keeps answering /healthz within a second while it rescores every contact', async () => {
    const settings = largestScoringSettings();
    expect(JSON.stringify({ settings }).length).toBeLessThanOrEqual(LIMITS.api.settingsBodyBytes);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const published = await signedCall(harness.service.url, 'POST', '/api/settings/publish', { settings }, { portalId: PORTAL, secret: harness.sandbox.app.clientSecret });
    expect(published.status).toBe(200);

    let rescoring = true;
    const rescored = harness.service.rescorer.idle().finally(() => (rescoring = false));
    const answers: number[] = [];
    while (rescoring) {
      const asked = performance.now();
      const response = await fetch(`${harness.service.url}/healthz`);
      expect(response.status).toBe(200);
      answers.push(performance.now() - asked);
      await sleep(20);
    }
    await rescored;
    await sleep(50); // lets the monitor record the last turn of the loop
    delay.disable();

    expect(harness.service.rescorer.status(PORTAL)).toEqual({ state: 'done', done: CONTACTS, total: CONTACTS });
    expect(Math.max(...answers)).toBeLessThan(BOUND_MS);
    expect(delay.max / 1e6).toBeLessThan(BOUND_MS);
    expect(answers.length).toBeGreaterThan(1);
  });
});
