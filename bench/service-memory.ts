import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { classifyEvents } from '../src/ingest/webhook-batch';
import { installThroughOAuth } from '../src/sandbox-mode';
import { openDb } from '../src/store/db';
import { freePort } from '../test/support/free-port';
import { BENCH_USER } from './bench-service';
import type { BenchRow } from './gateway-overhead';
import type { EmulatorReady, EmulatorStart } from './service-memory-emulator';
import type { MemorySample, ServiceStart } from './service-memory-service';

const FIRST_PORTAL = 95_001;
const MB = 2 ** 20;
const DAY_MS = 86_400_000;

interface ServiceMemoryOptions {
  events?: number;
  portals?: number;
  contactsPerPortal?: number;
  /** How long the idle service is sampled before the events are put in its inbox. */
  idleSeconds?: number;
  /** How long the service then works on them while it is sampled. */
  runSeconds?: number;
  sampleMs?: number;
}

/**
 * The service's own memory with a large backlog: the real service in its own process (background workers,
 * outbox writer and jobs on, as in production), the HubSpot emulator in another, both started and installed
 * through OAuth into `portals` portals with seeded scenarios. Its RSS is sampled idle with an empty inbox (the
 * baseline), then `events` unprocessed webhook events appear in its inbox at once (the emulator's events for
 * the portals, repeated under new event ids and earlier times, committed in one transaction) and it works
 * on them for `runSeconds`: the row is the peak RSS of that run. The service runs with `npm start`'s node
 * flags. PostgreSQL only: on PGlite the database lives in the service's process and would be measured with it.
 */
export async function serviceMemoryBench(kind: 'pglite' | 'postgres', options: ServiceMemoryOptions = {}): Promise<BenchRow[]> {
  const databaseUrl = process.env.DATABASE_URL;
  if (kind !== 'postgres' || !databaseUrl) return [];
  const { events = 1_000_000, portals = 10, contactsPerPortal = 1_300, idleSeconds = 5, runSeconds = 60, sampleMs = 100 } = options;
  const portalIds = Array.from({ length: portals }, (_, i) => FIRST_PORTAL + i);
  const schema = `bench_memory_${randomBytes(4).toString('hex')}`;
  const emulatorProcess = fork(join(__dirname, 'service-memory-emulator.ts'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const serviceProcess = fork(join(__dirname, 'service-memory-service.ts'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...startFlags()],
  });
  const samples: MemorySample[] = [];
  serviceProcess.on('message', (message: MemorySample | { url: string }) => {
    if ('rss' in message) samples.push(message);
  });
  try {
    const emulator = await request<EmulatorReady>(emulatorProcess, { portalIds, contactsPerPortal, userId: BENCH_USER } satisfies EmulatorStart);
    const { url } = await request<{ url: string }>(serviceProcess, {
      databaseUrl,
      schema,
      port: await freePort(),
      emulator: { url: emulator.url, app: emulator.app },
      sampleMs,
    } satisfies ServiceStart);
    for (const portalId of portalIds) {
      await request(emulatorProcess, { install: portalId });
      await installThroughOAuth(url);
    }

    const idle = await sampleFor(samples, idleSeconds);
    await fillInbox(databaseUrl, schema, emulator.events, events);
    const run = await sampleFor(samples, runSeconds);
    const processed = await countProcessed(databaseUrl, schema);

    const peak = Math.max(...run.map((sample) => sample.rss)) / MB;
    const idleRss = Math.max(...idle.map((sample) => sample.rss)) / MB;
    const peakHeap = Math.max(...run.map((sample) => sample.heapUsed)) / MB;
    return [
      {
        name: `service RSS (MB), own process, ${events.toLocaleString('en')} unprocessed events in the inbox, ${runSeconds} s of its workers (${processed.toLocaleString('en')} processed, peak heap ${peakHeap.toFixed(0)} MB)`,
        ours: peak.toFixed(0),
        baseline: `${idleRss.toFixed(0)} (idle, empty inbox)`,
        ratio: (peak / idleRss).toFixed(2),
        key: 'service.rssMb',
        value: Math.round(peak),
      },
    ];
  } finally {
    await stopService(serviceProcess);
    if (emulatorProcess.connected) emulatorProcess.disconnect();
    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => pool.end());
  }
}

/** The node flags `npm start` runs the service with (its heap's size), so that it is measured as it runs. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((arg) => arg.startsWith('--') && arg !== '--import');
}

/** Sends a message to a child and resolves with its next answer; rejects if the child exits first. */
function request<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench child exited (${code})`));
    const onMessage = (answer: T | MemorySample) => {
      if (answer !== null && typeof answer === 'object' && 'rss' in answer) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(answer as T);
    };
    child.once('exit', onExit);
    child.on('message', onMessage);
    child.send(message as object);
  });
}

/** The samples the service reports over the next `seconds`. */
async function sampleFor(samples: MemorySample[], seconds: number): Promise<MemorySample[]> {
  const from = samples.length;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return samples.slice(from);
}

/**
 * Puts `count` events in the inbox in one transaction, so that the workers find them all at once: the
 * emulator's events as templates, then copies under new event ids, each copy a month earlier. The copies'
 * keys follow eventKey's format (type:object:eventId:occurredAt), built in SQL for speed.
 */
async function fillInbox(databaseUrl: string, schema: string, templates: EmulatorReady['events'], count: number): Promise<void> {
  const db = await openDb({ databaseUrl, schema, maxConnections: 1 });
  const { valid } = classifyEvents(templates);
  const stride = Math.max(...valid.map((row) => (row.payload as { eventId: number }).eventId)) + 1;
  try {
    await db.transaction(async (tx) => {
      await tx.exec(
        'CREATE TEMP TABLE bench_templates (portal_id bigint, subscription_type text, object_id bigint, event_id bigint, occurred_ms bigint, payload jsonb) ON COMMIT DROP',
      );
      for (let from = 0; from < valid.length; from += 10_000) {
        const rows = valid.slice(from, from + 10_000).map((row) => ({
          portal_id: row.portalId,
          subscription_type: row.subscriptionType,
          object_id: row.objectId,
          event_id: (row.payload as { eventId: number }).eventId,
          occurred_ms: row.occurredAt,
          payload: row.payload,
        }));
        await tx.query(
          `INSERT INTO bench_templates SELECT * FROM jsonb_to_recordset($1::jsonb)
             AS r(portal_id bigint, subscription_type text, object_id bigint, event_id bigint, occurred_ms bigint, payload jsonb)`,
          [JSON.stringify(rows)],
        );
      }
      await tx.query(
        `INSERT INTO inbox (portal_id, event_key, subscription_type, object_id, occurred_at, payload)
         SELECT portal_id, subscription_type || ':' || object_id || ':' || event_id || ':' || occurred_ms, subscription_type, object_id,
                'epoch'::timestamptz + occurred_ms * interval '1 millisecond', payload || jsonb_build_object('eventId', event_id, 'occurredAt', occurred_ms)
         FROM (
           SELECT portal_id, subscription_type, object_id, event_id + copy * $1::bigint AS event_id, occurred_ms - copy * $2::bigint AS occurred_ms, payload
           FROM bench_templates, generate_series(0, $3::int - 1) AS copy
           ORDER BY copy, occurred_ms
           LIMIT $4::bigint
         ) copies`,
        [stride, 31 * DAY_MS, Math.ceil(count / valid.length), count],
      );
    });
  } finally {
    await db.close();
  }
}

async function countProcessed(databaseUrl: string, schema: string): Promise<number> {
  const db = await openDb({ databaseUrl, schema, maxConnections: 1 });
  try {
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE processed_at IS NOT NULL');
    return row?.n ?? 0;
  } finally {
    await db.close();
  }
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.connected) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const killed = setTimeout(() => child.kill(), 30_000);
  await exited;
  clearTimeout(killed);
}

if (require.main === module) {
  serviceMemoryBench('postgres', {
    ...(process.env.BENCH_MEMORY_EVENTS ? { events: Number(process.env.BENCH_MEMORY_EVENTS) } : {}),
    ...(process.env.BENCH_MEMORY_SECONDS ? { runSeconds: Number(process.env.BENCH_MEMORY_SECONDS) } : {}),
  }).then(
    (rows) => {
      for (const row of rows) process.stdout.write(`${row.name}  ours ${row.ours}  baseline ${row.baseline}  ratio ${row.ratio}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
