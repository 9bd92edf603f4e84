import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendWebhooks, type WebhookEvent } from '../../src/sandbox';
import { openDb } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { freePort } from '../support/free-port';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';
import { formSubmission } from '../support/form-submission';

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl from the machine's PostgreSQL), stopped and started
 * again under the running service. Skipped, saying why, where the server binaries are not installed.
 */
function serverBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(root, version, 'bin')).find((bin) => existsSync(join(bin, 'pg_ctl')));
}

const bin = serverBinaries();
if (!bin) console.warn('no PostgreSQL server binaries (initdb, pg_ctl): the database-restart test is skipped');
const describeWithServer = bin ? describe : describe.skip;

/** initdb refuses to run as root: there it runs as the postgres user, who then owns the data directory. */
function asServerUser(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  if (root) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  else execFileSync(command, args, { stdio: 'pipe' });
}

const PORTAL = 31_337;

describeWithServer('the service rides out a PostgreSQL restart', () => {
  let dir: string;
  let port: number;
  let harness: PipelineHarness;
  const pgCtl = (...args: string[]) => asServerUser(join(bin!, 'pg_ctl'), ['-D', join(dir, 'data'), ...args]);
  const startServer = () => pgCtl('-w', '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-manager-pg-'));
    if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    asServerUser(join(bin!, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    port = await freePort();
    startServer();
    const databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    harness = await startPipelineHarness(
      {
        name: 'postgres',
        async open() {
          const db = await openDb({ databaseUrl, maxConnections: 5 });
          await migrate(db);
          return db;
        },
      },
      { sandbox: { portals: [{ portalId: PORTAL }] }, service: { pipeline: true } },
    );
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const formEvent = (eventId: number, contactId: number) => formSubmission({ portalId: PORTAL, appId: harness.sandbox.app.appId, contactId, eventId });
  const newContact = (n: number) => Number(harness.sandbox.state.createRecord(PORTAL, 'contacts', { email: `restart-${n}@example.com` }).id);
  const scoreOf = (contactId: number) => harness.sandbox.state.properties(PORTAL, 'contacts', String(contactId))?.lm_score;
  const until = async (what: () => Promise<boolean> | boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const readyz = async () => (await fetch(`${harness.service.url}/readyz`)).status;
  const send = (events: WebhookEvent[], attempts: number) =>
    sendWebhooks({ targetUrl: `${harness.service.url}/webhooks/hubspot`, clientSecret: harness.sandbox.app.clientSecret, events, retry: { attempts, baseDelayMs: 200, maxDelayMs: 1_000 } });

  it('answers 503 and not ready while the server is down, and resumes by itself when it is back', async () => {
    const first = newContact(1);
    await send([formEvent(1, first)], 1);
    await until(() => scoreOf(first) === '30');

    pgCtl('-m', 'fast', '-w', 'stop');
    const second = newContact(2);
    expect((await send([formEvent(2, second)], 1)).failed).toBe(1); // HubSpot is told to retry
    expect(await readyz()).toBe(503);
    // Let the workers, the writer and the pool meet the dead server a few times.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    startServer();
    await until(async () => (await readyz()) === 200);
    expect((await send([formEvent(2, second)], 5)).delivered).toBe(1); // HubSpot's retry lands
    await until(() => scoreOf(second) === '30');
    expect(scoreOf(first)).toBe('30');
  }, 90_000);
});
