import { decayJob } from '../../src/jobs/decay-job';
import { runJobOnce } from '../../src/jobs/schedule-job';
import { silentLogger } from '../../src/log';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { formSubmission } from '../support/form-submission';

const BROKEN = 7_101;
const HEALTHY = 7_102;
const DAY = 86_400_000;

describe.each(testDatabases)('a per-portal job on $name', (database) => {
  let harness: PipelineHarness;

  beforeAll(async () => {
    harness = await startPipelineHarness(database, { sandbox: { portals: [{ portalId: BROKEN }, { portalId: HEALTHY }] } });
    harness.sandbox.setInstallingPortal(HEALTHY);
    await installThroughOAuth(harness.service.url);
  });
  afterAll(() => harness.stop());

  it('goes on with the other portals when one fails, and counts the failure', async () => {
    const at = Date.now() - 60_000;
    const scored = async (portalId: number) => {
      const contactId = Number(harness.sandbox.state.createRecord(portalId, 'contacts', { email: `lead-${portalId}@example.com` }).id);
      await harness.deliver([formSubmission({ portalId, appId: harness.sandbox.app.appId, contactId, eventId: portalId, occurredAt: at })]);
      return contactId;
    };
    const brokenContact = await scored(BROKEN);
    const healthyContact = await scored(HEALTHY);
    const scoredAt = async (portalId: number, contactId: number) =>
      (await harness.service.db.query<{ scored_at: Date }>('SELECT scored_at FROM contacts WHERE portal_id = $1 AND contact_id = $2', [portalId, contactId]))[0]!
        .scored_at;
    const before = { broken: await scoredAt(BROKEN, brokenContact), healthy: await scoredAt(HEALTHY, healthyContact) };

    // The first portal's contacts can no longer be saved; the second's can.
    await harness.service.db.exec(`
      CREATE FUNCTION refuse_portal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.portal_id = ${BROKEN} THEN RAISE EXCEPTION 'portal % refused', NEW.portal_id; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_portal BEFORE UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION refuse_portal();`);
    try {
      const job = decayJob({ db: harness.service.db, installations: harness.service.installations, settings: harness.service.settings, logger: silentLogger });
      const outcome = await runJobOnce(job, harness.service.db, new Date(Date.now() + 30 * DAY));
      expect(outcome).toMatchObject({ acquired: true, value: { rescored: 1, failedPortals: 1 } });
      expect(await scoredAt(BROKEN, brokenContact)).toEqual(before.broken);
      expect((await scoredAt(HEALTHY, healthyContact)).getTime()).toBeGreaterThan(before.healthy.getTime());
    } finally {
      await harness.service.db.exec('DROP TRIGGER refuse_portal ON contacts; DROP FUNCTION refuse_portal();');
    }
  });
});
