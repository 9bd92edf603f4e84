import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oauthRedirectUri } from './app-definition';
import type { Config } from './config';
import type { Logger } from './log';
import { applyScenario, createHubspotSandbox, demoPortalSettings, generateScenario, seedDemoAvailability, sendWebhooks, type HubspotSandbox } from './sandbox';
import { startService, type Service } from './service';

export const DEMO_PORTAL_ID = 20_250_001;
const DEMO_SEED = 2025;

export interface SandboxMode {
  sandbox: HubspotSandbox;
  sandboxUrl: string;
  service: Service;
  portalId: number;
  stop(): Promise<void>;
}

/**
 * `npm start` without HubSpot credentials: a local HubSpot emulator with a seeded demo portal, the
 * service against it, and the demo portal installed through the real /oauth/install flow.
 */
export async function startSandboxMode(
  config: Config,
  logger: Logger,
  options: { contacts?: number; jobs?: boolean } = {},
): Promise<SandboxMode> {
  const log = logger.child({ sandbox: true });
  const sandbox = createHubspotSandbox({
    logger: log,
    portals: [{ portalId: DEMO_PORTAL_ID, domain: 'demo-portal.sandbox.hubspot.local', user: { id: 1, email: 'admin@demo-portal.example', superAdmin: true } }],
    app: { redirectUris: [oauthRedirectUri(config.appBaseUrl)] },
  });
  const scenario = generateScenario({ seed: DEMO_SEED, contacts: options.contacts ?? 300 });
  const { events, ids } = applyScenario(sandbox.state, scenario, { portalId: DEMO_PORTAL_ID, appId: sandbox.app.appId });
  const demoPortal = sandbox.state.portal(DEMO_PORTAL_ID);
  seedDemoAvailability(demoPortal, scenario.owners.map((owner) => demoPortal.owners.get(ids.owners.get(owner.key)!)!.userId), Date.now());
  const emulator = await sandbox.listen(0);

  const service = await startService({
    config,
    hubspot: { clientId: sandbox.app.clientId, clientSecret: sandbox.app.clientSecret, appId: sandbox.app.appId, apiBase: emulator.url },
    tokenEncryptionKey: config.tokenEncryptionKey ?? sandboxKey(config.dataDir),
    logger,
    // The emulator is new each start, so the demo portal is installed afresh below, not re-provisioned.
    provisionAtStart: false,
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
  });

  try {
    // Routing and the SLA are on from the first lead; a portal an earlier start already configured keeps its settings.
    await publishDemoSettings(service, scenario.owners.map((owner) => ids.owners.get(owner.key)!));
    await installThroughOAuth(service.url);
  } catch (error) {
    await service.stop();
    await emulator.close();
    throw error;
  }
  log.warn(
    {
      portalId: DEMO_PORTAL_ID,
      serviceUrl: service.url,
      hubspotEmulator: emulator.url,
      contacts: scenario.contacts.length,
      owners: scenario.owners.length,
      database: service.db.kind,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
    },
    [
      'SANDBOX MODE: no HubSpot credentials are set, so the service runs against a local HubSpot emulator.',
      `Demo portal ${DEMO_PORTAL_ID} (${scenario.contacts.length} contacts, ${scenario.owners.length} owners) was installed through ${service.url}/oauth/install.`,
      `Look at ${service.url}/readyz and ${service.url}/metrics; the emulator answers at ${emulator.url}.`,
      `The emulator now sends the scenario's ${events.length} webhook events to ${config.appBaseUrl}/webhooks/hubspot, as HubSpot would.`,
      'Set HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, TOKEN_ENCRYPTION_KEY and APP_BASE_URL to run against HubSpot.',
    ].join(' '),
  );
  // HubSpot signs for the public URL (APP_BASE_URL); the emulator delivers to this process directly.
  const publicTarget = `${config.appBaseUrl}/webhooks/hubspot`;
  const streaming = sendWebhooks({
    targetUrl: publicTarget,
    clientSecret: sandbox.app.clientSecret,
    events,
    logger: log,
    fetch: (url, init) => fetch(String(url) === publicTarget ? `${service.url}/webhooks/hubspot` : url, init),
  }).then(
    (report) => log.info({ ...report }, 'sandbox: scenario webhooks delivered'),
    (error: unknown) => log.error({ err: error }, 'sandbox: scenario webhooks failed'),
  );

  return {
    sandbox,
    sandboxUrl: emulator.url,
    service,
    portalId: DEMO_PORTAL_ID,
    async stop() {
      await streaming;
      await service.stop();
      await emulator.close();
    },
  };
}

async function publishDemoSettings(service: Service, ownerIds: string[]): Promise<void> {
  await service.db.query(
    `INSERT INTO settings_versions (portal_id, version, settings, created_by, published_at, published_by, note)
     SELECT $1, 1, $2, 'sandbox', now(), 'sandbox', 'Demo routing and SLA'
     WHERE NOT EXISTS (SELECT 1 FROM settings_versions WHERE portal_id = $1)`,
    [DEMO_PORTAL_ID, JSON.stringify(demoPortalSettings(ownerIds))],
  );
  service.settings.invalidate(DEMO_PORTAL_ID);
}

/**
 * Follows the install like a browser would: our /oauth/install → HubSpot's authorize → our callback, sending
 * back the cookie /oauth/install set (the callback takes the state only from the browser it was issued to).
 * One jar for every hop: the callback may come back through APP_BASE_URL, a tunnel to this same service.
 */
export async function installThroughOAuth(serviceUrl: string): Promise<void> {
  const cookies = new Map<string, string>();
  let url = `${serviceUrl}/oauth/install`;
  for (let hop = 0; hop < 5; hop += 1) {
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0]!;
      cookies.set(pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    if (!response.ok) throw new Error(`demo portal install failed at ${new URL(url).pathname}: ${response.status} ${await response.text()}`);
    return;
  }
  throw new Error('demo portal install redirected too many times');
}

/** Sandbox mode needs no key from the user: one is made once and kept beside the embedded database. */
function sandboxKey(dataDir: string): Buffer {
  const file = join(dataDir, 'sandbox-token-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
