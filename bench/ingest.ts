import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { Pool } from 'pg';
import { createHttpApp } from '../src/http/app';
import { WEBHOOKS_PATH, webhooksRouter } from '../src/ingest/webhooks-router';
import { silentLogger } from '../src/log';
import { InboxWriter } from '../src/ingest/inbox-writer';
import { InstalledPortals } from '../src/ingest/webhook-portals';
import { openDb, type Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import type { BenchRow } from './gateway-overhead';
import type { LoadJob, LoadResult } from './ingest-load';

const SECRET = 'bench-client-secret';
const PUBLIC_BASE = 'https://bench.example.com';
const PORTAL = 4_242;

interface Measured {
  eventsPerSecond: number;
  p99Ms: number;
}

interface IngestBenchOptions {
  /** Requests per measured round; each endpoint is measured in `rounds` rounds, interleaved. */
  requests?: number;
  rounds?: number;
  /**
   * Requests each endpoint takes before it is measured: enough for JIT and for every pool connection to
   * plan a prepared statement the 5 times PostgreSQL does before it reuses a generic plan.
   */
  warmupRequests?: number;
  concurrency?: number;
}

type Load = (url: string, requests: number) => Promise<LoadResult>;

/**
 * Webhook ingest as HubSpot loads it: signed 100-event POSTs, 10 at once, from a load generator in its own
 * process. Our endpoint (verify, validate, portal check, group-committed idempotent insert, 200 after the
 * commit) beside (b) an express endpoint that only parses the body, the ceiling, and (c) one that parses it
 * and does one multi-row INSERT per request into a table of the inbox's shape, the least durable work.
 * On PGlite always, on PostgreSQL too when DATABASE_URL is set. The endpoints are measured in interleaved
 * rounds (median throughput, p99 over all rounds) so that a noisy neighbour hits them alike.
 */
export async function ingestBench(options: IngestBenchOptions = {}): Promise<BenchRow[]> {
  const { requests = 150, rounds = 5, warmupRequests = 100, concurrency = 10 } = options;
  const child = fork(join(__dirname, 'ingest-load.ts'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let firstEventId = 1;
  const load: Load = async (url, count) => {
    const job: LoadJob = {
      url: `${url}${WEBHOOKS_PATH}`,
      signedUri: `${PUBLIC_BASE}${WEBHOOKS_PATH}`,
      clientSecret: SECRET,
      portalId: PORTAL,
      requests: count,
      concurrency,
      eventsPerRequest: 100,
      firstEventId,
    };
    firstEventId += count * 100;
    const result = await runLoad(child, job);
    if (Object.keys(result.failures).length > 0) throw new Error(`bench requests failed: ${JSON.stringify(result.failures)}`);
    return result;
  };
  const compare = async (urls: string[]): Promise<Measured[]> => {
    for (const url of urls) await load(url, warmupRequests);
    const results: LoadResult[][] = urls.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [index, url] of urls.entries()) results[index]!.push(await load(url, requests));
    }
    return results.map((measured) => summarize(measured, requests * 100));
  };

  const rows: BenchRow[] = [];
  try {
    const databases: { name: 'pglite' | 'postgres'; open: () => Promise<BenchDb> }[] = [{ name: 'pglite', open: openPglite }];
    if (process.env.DATABASE_URL) databases.push({ name: 'postgres', open: () => openPostgres(process.env.DATABASE_URL!) });
    for (const database of databases) {
      const { db, close } = await database.open();
      try {
        await prepare(db);
        const [ours, ceiling, insertOnly] = await withServers([ourApp(db), parseOnlyApp(), insertOnlyApp(db)], compare);
        const label = `webhook ingest on ${database.name}, ${rounds}×${requests} requests of 100 events, ${concurrency} at once`;
        rows.push(
          ratioRow(`${label} (events/s)`, ours!.eventsPerSecond, ceiling!.eventsPerSecond, 'parse only', 0),
          {
            ...ratioRow(`${label} (events/s)`, ours!.eventsPerSecond, insertOnly!.eventsPerSecond, 'one INSERT per request', 0),
            key: `ingest.${database.name}.ratioVsOneInsert`,
            value: Number((ours!.eventsPerSecond / insertOnly!.eventsPerSecond).toFixed(3)),
          },
          ratioRow(`${label} (p99 ack ms)`, ours!.p99Ms, ceiling!.p99Ms, 'parse only', 1),
          ratioRow(`${label} (p99 ack ms)`, ours!.p99Ms, insertOnly!.p99Ms, 'one INSERT per request', 1),
        );
      } finally {
        await close();
      }
    }
  } finally {
    child.disconnect();
  }
  return rows;
}

function summarize(rounds: LoadResult[], eventsPerRound: number): Measured {
  const rates = rounds.map((round) => eventsPerRound / (round.elapsedMs / 1000)).sort((a, b) => a - b);
  const latencies = rounds.flatMap((round) => round.latenciesMs).sort((a, b) => a - b);
  return {
    eventsPerSecond: rates[Math.floor(rates.length / 2)]!,
    p99Ms: latencies[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)]!,
  };
}

function ratioRow(name: string, ours: number, baseline: number, baselineName: string, digits: number): BenchRow {
  return { name, ours: ours.toFixed(digits), baseline: `${baseline.toFixed(digits)} (${baselineName})`, ratio: (ours / baseline).toFixed(2) };
}

function runLoad(load: ChildProcess, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
    load.once('exit', onExit);
    load.once('message', (message: LoadResult | { error: string }) => {
      load.off('exit', onExit);
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    load.send(job);
  });
}

async function withServers<T>(apps: express.Express[], fn: (urls: string[]) => Promise<T>): Promise<T> {
  const servers: Server[] = [];
  try {
    for (const app of apps) {
      servers.push(await new Promise((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      }));
    }
    return await fn(servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  } finally {
    for (const server of servers) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }
}

function ourApp(db: Db): express.Express {
  const now = () => new Date();
  return createHttpApp(
    [
      webhooksRouter({
        clientSecret: SECRET,
        appBaseUrl: PUBLIC_BASE,
        inbox: new InboxWriter({ db }),
        portals: new InstalledPortals({ db, now }),
        logger: silentLogger,
        now,
      }),
    ],
    silentLogger,
  );
}

/** (b) The ceiling: express reads and parses the body, nothing else. */
function parseOnlyApp(): express.Express {
  const app = express();
  app.post(WEBHOOKS_PATH, express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    const events = JSON.parse((req.body as Buffer).toString('utf8')) as unknown[];
    res.json({ received: events.length });
  });
  return app;
}

interface BenchEvent {
  eventId: number;
  portalId: number;
  subscriptionType: string;
  objectId: number;
  occurredAt: number;
}

/** (c) The least durable work: parse, then one multi-row INSERT of the request's events, committed before the 200. */
function insertOnlyApp(db: Db): express.Express {
  const app = express();
  app.post(WEBHOOKS_PATH, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const events = JSON.parse((req.body as Buffer).toString('utf8')) as BenchEvent[];
    const rows = events.map((e) => ({
      portal_id: e.portalId,
      event_key: `${e.subscriptionType}:${e.objectId}:${e.eventId}:${e.occurredAt}`,
      subscription_type: e.subscriptionType,
      object_id: e.objectId,
      occurred_at: new Date(e.occurredAt).toISOString(),
      payload: e,
    }));
    await db.query(
      `INSERT INTO inbox_baseline (portal_id, event_key, subscription_type, object_id, occurred_at, payload)
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS r(portal_id bigint, event_key text, subscription_type text, object_id bigint, occurred_at timestamptz, payload jsonb)
       ON CONFLICT (portal_id, event_key) DO NOTHING`,
      [JSON.stringify(rows)],
    );
    res.json({ stored: rows.length });
  });
  return app;
}

interface BenchDb {
  db: Db;
  close(): Promise<void>;
}

async function prepare(db: Db): Promise<void> {
  await migrate(db);
  await db.exec('CREATE TABLE inbox_baseline (LIKE inbox INCLUDING ALL)');
  await db.query(
    `INSERT INTO installations (portal_id, status, access_token_enc, refresh_token_enc, access_token_expires_at)
     VALUES ($1, 'active', 'unused', 'unused', now())`,
    [PORTAL],
  );
}

async function openPglite(): Promise<BenchDb> {
  const db = await openDb({});
  return { db, close: () => db.close() };
}

async function openPostgres(databaseUrl: string): Promise<BenchDb> {
  const schema = `bench_ingest_${randomBytes(4).toString('hex')}`;
  const db = await openDb({ databaseUrl, schema });
  return {
    db,
    async close() {
      await db.close();
      const pool = new Pool({ connectionString: databaseUrl, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => pool.end());
    },
  };
}

if (require.main === module) {
  ingestBench().then(
    (rows) => {
      for (const row of rows) process.stdout.write(`${row.name}  ours ${row.ours}  baseline ${row.baseline}  ratio ${row.ratio}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
