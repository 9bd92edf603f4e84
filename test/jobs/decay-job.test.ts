import { decayJob } from '../../src/jobs/decay-job';
import { runJobOnce } from '../../src/jobs/schedule-job';
import { silentLogger } from '../../src/log';
import { OutboxWriter } from '../../src/write-back/outbox-writer';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { formSubmission } from '../support/form-submission';
import { callPaths } from '../../src/sandbox/route-paths';

const PORTAL = 7_001;
const DAY = 86_400_000;
const UPDATE = { portalId: PORTAL, path: callPaths.batchUpdate };

describe.each(testDatabases)('decay job on $name', (database) => {
  let harness: PipelineHarness;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, { sandbox: { portals: [{ portalId: PORTAL }] } });
  });
  afterAll(() => harness.stop());

  it('rescores as time passes, writes the lead cooling below MQL, and writes nothing when nothing visible changed', async () => {
    const contactId = Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: 'decay@example.com' }).id);
    const at = Date.now() - 60_000;
    const form = (form: string, offset: number) => formSubmission({ portalId: PORTAL, appId: harness.sandbox.app.appId, contactId, eventId: offset + 1, form, occurredAt: at + offset });
    // 30 + 25 + 10 under the default model: an MQL at 65
    await harness.deliver([form('Demo request', 0), form('Spring webinar', 1), form('Ebook: lead scoring', 2)]);
    const props = () => harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))!;
    expect(props()).toMatchObject({ lm_score: '65', lm_status: 'mql' });

    const job = decayJob({ db: harness.service.db, installations: harness.service.installations, settings: harness.service.settings, logger: silentLogger });
    const tick = async (days: number) => {
      const now = new Date(Date.now() + days * DAY);
      const result = await runJobOnce(job, harness.service.db, now);
      const { db, gateway } = harness.service;
      await new OutboxWriter({ db, gateway, logger: silentLogger, metrics: harness.service.pipelineMetrics, now: () => now }).flushAll();
      return result;
    };

    const calls = harness.sandbox.calls.count(UPDATE);
    await tick(0);
    expect(harness.sandbox.calls.count(UPDATE)).toBe(calls); // same hour, same score: nothing written

    await tick(60); // one half-life of the "Forms and events" group
    expect(props()).toMatchObject({ lm_score: '32', lm_status: 'cooling' });
    expect(harness.sandbox.calls.count(UPDATE)).toBe(calls + 1);
  });
});
