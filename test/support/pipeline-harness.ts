import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config';
import type { PortalSettings } from '../../src/domain/portal-settings';
import { silentLogger } from '../../src/log';
import { createHubspotSandbox, sendWebhooks, type HubspotSandbox, type HubspotSandboxOptions, type ListeningSandbox, type WebhookEvent } from '../../src/sandbox';
import { installThroughOAuth } from '../../src/sandbox-mode';
import { startService, type Service, type ServiceOptions } from '../../src/service';
import type { TestDatabase } from './databases';
import { freePort } from './free-port';

export interface PipelineHarness {
  sandbox: HubspotSandbox;
  emulator: ListeningSandbox;
  service: Service;
  /** Sends events the way HubSpot does (signed, ≤100 a request, retried) and returns once they are acked. */
  send(events: readonly WebhookEvent[]): Promise<void>;
  /** send, then run the worker until the inbox is empty and flush the outbox. */
  deliver(events: readonly WebhookEvent[]): Promise<void>;
  publish(portalId: number, settings: PortalSettings, version?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The real service on a test database, installed through OAuth into a portal of the HubSpot emulator. */
export async function startPipelineHarness(
  database: TestDatabase,
  options: { sandbox?: HubspotSandboxOptions; service?: Partial<ServiceOptions>; arrange?: (sandbox: HubspotSandbox) => void } = {},
): Promise<PipelineHarness> {
  const sandbox = createHubspotSandbox(options.sandbox);
  options.arrange?.(sandbox);
  const emulator = await sandbox.listen();
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), APP_BASE_URL: `http://localhost:${port}`, LOG_LEVEL: 'silent' });
  const service = await startService({
    config,
    hubspot: { clientId: sandbox.app.clientId, clientSecret: sandbox.app.clientSecret, appId: sandbox.app.appId, apiBase: emulator.url },
    tokenEncryptionKey: randomBytes(32),
    logger: silentLogger,
    db: await database.open(),
    jobs: false,
    pipeline: false,
    backfillOnInstall: false,
    ...options.service,
  });
  await installThroughOAuth(service.url);
  const send = async (events: readonly WebhookEvent[]) => {
    const report = await sendWebhooks({
      targetUrl: `${service.url}/webhooks/hubspot`,
      clientSecret: sandbox.app.clientSecret,
      events: [...events],
      retry: { attempts: 3, baseDelayMs: 10 },
    });
    if (report.failed > 0) throw new Error(`${report.failed} webhook requests failed`);
  };
  return {
    sandbox,
    emulator,
    service,
    send,
    async deliver(events) {
      await send(events);
      await service.workers[0]!.drain();
      await service.writer.flushAll();
    },
    async publish(portalId, settings, version = 1) {
      await service.db.query(
        `INSERT INTO settings_versions (portal_id, version, settings, created_by, published_at, published_by)
         VALUES ($1, $2, $3, 'test', now(), 'test')`,
        [portalId, version, JSON.stringify(settings)],
      );
      service.settings.invalidate(portalId);
    },
    async stop() {
      await service.stop();
      await emulator.close();
    },
  };
}
