import type { Db, Queryable } from '../store/db';
import { yieldWhenBusy } from '../yield-when-busy';

/**
 * Contacts settled per transaction, a few statements for each chunk. The embedded database reads a
 * statement's whole answer in one turn of the event loop, and a large model's ledgers are large, so its
 * chunks stay small; PostgreSQL's answers stream in, so its chunks are as large as throughput wants.
 */
export const contactChunk = (db: Pick<Db, 'kind'>): number => (db.kind === 'pglite' ? 25 : 500);

/**
 * Chunks in flight at once, each in its own transaction on its own connection: while one waits on
 * PostgreSQL the next is being computed, so the database and the process work side by side. The chunks are
 * disjoint and each locks its contacts in id order, so they never wait on each other. The embedded
 * database has one connection: one chunk at a time.
 */
export const contactLanes = (db: Pick<Db, 'kind'>): number => (db.kind === 'pglite' ? 1 : 2);

/**
 * Runs `work` over `ids` a chunk per transaction, `contactLanes(db)` chunks at a time, and
 * calls `settled` with each chunk's result once it committed. A failure stops the lanes from taking further
 * chunks and is thrown once the chunks in flight have finished.
 */
export async function forEachContactChunk<T>(
  db: Db,
  ids: readonly number[],
  work: (tx: Queryable, chunk: readonly number[]) => Promise<T>,
  settled: (chunk: readonly number[], result: T) => void = () => undefined,
): Promise<void> {
  const size = contactChunk(db);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < ids.length) {
      const chunk = ids.slice(next, (next += size));
      try {
        settled(chunk, await db.transaction((tx) => work(tx, chunk)));
      } catch (error) {
        failed = true;
        throw error;
      }
      // Chunks are CPU work between their statements: the loop gets its turn between them too.
      await yieldWhenBusy();
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: contactLanes(db) }, lane));
  const failure = lanes.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}
