/**
 * The service of bench/service-memory.ts, alone in its process so that its RSS is the service's own: the
 * real startService on PostgreSQL with its background workers, outbox writer and jobs on, as in production,
 * reaching the emulator over HTTP. A `ServiceStart` starts it and is answered with `{ url }`; from then on it
 * reports its memory every `sampleMs` as a `MemorySample`. `'stop'` stops it and ends the process.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { startService, type Service } from '../src/service';
import { openDb } from '../src/store/db';
import type { EmulatorReady } from './service-memory-emulator';

export interface ServiceStart {
  databaseUrl: string;
  schema: string;
  port: number;
  emulator: Pick<EmulatorReady, 'url' | 'app'>;
  sampleMs: number;
}

export interface MemorySample {
  rss: number;
  heapUsed: number;
  external: number;
}

let service: Service | undefined;

async function start({ databaseUrl, schema, port, emulator, sampleMs }: ServiceStart): Promise<void> {
  service = await startService({
    config: loadConfig({ PORT: String(port), APP_BASE_URL: `http://localhost:${port}`, LOG_LEVEL: 'silent' }),
    hubspot: { ...emulator.app, apiBase: emulator.url },
    tokenEncryptionKey: randomBytes(32),
    logger: silentLogger,
    db: await openDb({ databaseUrl, schema }),
    backfillOnInstall: false,
  });
  setInterval(() => {
    const { rss, heapUsed, external } = process.memoryUsage();
    process.send?.({ rss, heapUsed, external } satisfies MemorySample);
  }, sampleMs).unref();
  process.send?.({ url: service.url });
}

process.on('message', (message: ServiceStart | 'stop') => {
  if (message === 'stop') {
    void (service?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
    return;
  }
  start(message).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
