import { routingSettingsSchema, type RoutingLead } from '../../src/domain/routing';
import { assignLead } from '../../src/leads/assign-lead';
import { openDb, type Db } from '../../src/store/db';

/**
 * One pool of four reps, round robin, always available: what the concurrency tests assign from, in this
 * process and, run as a script, in another one (another instance of the service).
 */
export const REPS = ['101', '102', '103', '104'];
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
export const ROUND_ROBIN = routingSettingsSchema.parse({
  useCompanyOwner: false,
  rules: [],
  defaultPool: 'inbound',
  pools: [{ id: 'inbound', label: 'Inbound', strategy: 'round_robin', managerOwnerId: '900', members: REPS.map((ownerId) => ({ ownerId, weight: 1, caps: {} })) }],
  reps: Object.fromEntries(
    REPS.map((id) => [
      id,
      { calendar: { timeZone: 'UTC', workingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: {} } },
    ]),
  ),
});

export const salesReadyLead = (contactId: number): RoutingLead => ({
  contactId: String(contactId),
  properties: {},
  score: { total: 95, fit: 30, engagement: 65 },
  grade: 'A',
  status: 'sql',
});

const AT = new Date(Date.UTC(2026, 2, 4, 10));

/** Assigns contacts `from`..`to` with `workers` concurrent workers, each lead in its own transaction. */
export async function assignRange(db: Db, portalId: number, from: number, to: number, workers: number): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next <= to) {
      const contactId = next++;
      await db.transaction((tx) => assignLead(tx, portalId, ROUND_ROBIN, salesReadyLead(contactId), AT));
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

// Run as a script: ASSIGN_SCHEMA, ASSIGN_PORTAL, ASSIGN_FROM, ASSIGN_TO, ASSIGN_WORKERS and DATABASE_URL say what to do.
if (process.env.ASSIGN_SCHEMA) {
  const env = (name: string) => Number(process.env[name]);
  void (async () => {
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL, schema: process.env.ASSIGN_SCHEMA, maxConnections: 5 });
    try {
      await assignRange(db, env('ASSIGN_PORTAL'), env('ASSIGN_FROM'), env('ASSIGN_TO'), env('ASSIGN_WORKERS'));
    } finally {
      await db.close();
    }
  })().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
