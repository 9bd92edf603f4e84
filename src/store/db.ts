import { mkdirSync } from 'node:fs';
import type { PGlite as PGliteInstance } from '@electric-sql/pglite';
import { Pool, types as pgTypes, type PoolClient } from 'pg';
import { yieldWhenBusy } from '../yield-when-busy';

/** Anything SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Row[]>;
  /** Runs several statements separated by semicolons, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface QueryOptions {
  /**
   * PostgreSQL: prepare the statement once per connection under this name and reuse its plan, for a hot
   * statement whose planning costs as much as a good part of running it. One name, one SQL text, for good.
   * PGlite ignores it.
   */
  preparedAs?: string;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Statements it runs at once: the pool's connections on PostgreSQL, 1 on PGlite. */
  readonly connections: number;
  /** Runs fn in one transaction on one connection; rolls back if fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn while this process holds the advisory lock `key`, on one connection, so that only one
   * instance (of any number sharing the database) runs it at a time. With `wait: false` it returns
   * `{ acquired: false }` at once when another holder has the lock.
   */
  withLock<T>(key: number, fn: (conn: Queryable) => Promise<T>, options?: { wait?: boolean }): Promise<LockResult<T>>;
  close(): Promise<void>;
}

export type LockResult<T> = { acquired: true; value: T } | { acquired: false };

export interface DbOptions {
  /** postgres://… → PostgreSQL through `pg`; undefined → embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined keeps it in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL: use this schema (created if missing) instead of public; tests isolate themselves this way. */
  schema?: string | undefined;
  maxConnections?: number | undefined;
  /**
   * PGlite: called once when the embedded database breaks for good (a fault inside its WebAssembly, after
   * which every statement fails). The service logs it and exits, so a supervisor restarts it; it never hangs.
   */
  onFatal?: ((error: Error) => void) | undefined;
}

/** int8 values (bigserial ids, portal and contact ids, counts) as JS numbers in both drivers. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const toNumber = (value: string) => Number(value);

export async function openDb(options: DbOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(databaseUrl: string, options: DbOptions): Promise<Db> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const connections = options.maxConnections ?? 10;
  const pool = new Pool({
    connectionString: databaseUrl,
    max: connections,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? toNumber : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
    },
  });
  // An idle client that loses its server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);

  /**
   * A client checked out of the pool, with an error listener for as long as it is out: pg-pool listens only to
   * idle clients, and a client whose server goes away between two statements (a restart, pg_terminate_backend)
   * emits 'error', which unheard would end the process. The statement in flight or the next one fails with it
   * instead, and a client that failed is destroyed on release rather than handed out again.
   */
  const checkout = async () => {
    const client = await pool.connect();
    let failure: Error | undefined;
    const onError = (error: Error) => (failure = error);
    client.on('error', onError);
    return {
      conn: clientQueryable(client, () => failure),
      release(error?: Error) {
        client.off('error', onError);
        client.release(error ?? failure);
      },
    };
  };

  const inTransaction = async <T>(conn: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    await conn.query('BEGIN');
    try {
      const value = await fn(conn);
      await conn.query('COMMIT');
      return value;
    } catch (error) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };

  return {
    kind: 'postgres',
    connections,
    async query<Row>(sql: string, params?: unknown[], options?: QueryOptions) {
      const result =
        options?.preparedAs === undefined ? await pool.query(sql, params) : await pool.query({ name: options.preparedAs, text: sql, values: params });
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const { conn, release } = await checkout();
      try {
        return await inTransaction(conn, fn);
      } finally {
        release();
      }
    },
    async withLock(key, fn, { wait = true } = {}) {
      const { conn, release } = await checkout();
      let released = false;
      try {
        if (wait) {
          await conn.query('SELECT pg_advisory_lock($1)', [key]);
        } else {
          const [row] = await conn.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
          if (!row?.ok) return { acquired: false };
        }
        try {
          return { acquired: true, value: await fn(conn) };
        } finally {
          await conn.query('SELECT pg_advisory_unlock($1)', [key]).catch((error: unknown) => {
            // A connection that cannot unlock is destroyed, which releases the lock server-side.
            released = true;
            release(error instanceof Error ? error : new Error(String(error)));
          });
        }
      } finally {
        if (!released) release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** A checked-out client as a Queryable; once its connection failed, each statement fails with why. */
function clientQueryable(client: PoolClient, failure: () => Error | undefined): Queryable {
  const send = async (sql: string, params?: unknown[], options?: QueryOptions) => {
    const failed = failure();
    if (failed) throw failed;
    return options?.preparedAs === undefined ? client.query(sql, params) : client.query({ name: options.preparedAs, text: sql, values: params });
  };
  return {
    async query<Row>(sql: string, params?: unknown[], options?: QueryOptions) {
      return (await send(sql, params, options)).rows as Row[];
    },
    async exec(sql: string) {
      await send(sql);
    },
  };
}

async function openPglite(options: DbOptions): Promise<Db> {
  // PGlite is ESM with a WASM payload; load it lazily so PostgreSQL deployments never pay for it.
  const { PGlite } = await import('@electric-sql/pglite');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pg: PGliteInstance = await PGlite.create(options.dataDir, {
    parsers: { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber },
  });
  // One connection: advisory locks are re-entrant within it, so in-process callers queue here.
  const locks = new Map<number, Promise<unknown>>();

  // A fault inside the WebAssembly (not an SQL error) leaves PGlite unusable: every later statement fails too.
  let broken = false;
  const watch = async <T>(statement: Promise<T>): Promise<T> => {
    try {
      return await statement;
    } catch (error) {
      if (!broken && error instanceof Error && error.name === 'RuntimeError') {
        broken = true;
        options.onFatal?.(error);
      }
      throw error;
    }
  };

  // PGlite runs each statement synchronously in WASM and resolves it as a microtask, so a loop of awaited
  // statements would never let a request in; every statement first gives the loop a turn if it is due one.
  const queryable = (target: Pick<PGliteInstance, 'query' | 'exec'>): Queryable => ({
    async query<Row>(sql: string, params?: unknown[]) {
      await yieldWhenBusy();
      return (await watch(target.query<Row>(sql, params))).rows;
    },
    async exec(sql: string) {
      await yieldWhenBusy();
      await watch(target.exec(sql));
    },
  });

  return {
    kind: 'pglite',
    connections: 1,
    ...queryable(pg),
    async transaction(fn) {
      return pg.transaction((tx) => fn(queryable(tx)));
    },
    async withLock(key, fn, { wait = true } = {}) {
      const held = locks.get(key);
      if (held && !wait) return { acquired: false };
      const run = (held ?? Promise.resolve()).catch(() => undefined).then(() => fn(queryable(pg)));
      locks.set(key, run);
      try {
        return { acquired: true, value: await run };
      } finally {
        if (locks.get(key) === run) locks.delete(key);
      }
    },
    async close() {
      await pg.close();
    },
  };
}
