/**
 * The HubSpot emulator of bench/service-memory.ts, in its own process so that its records and the webhook
 * events it generates do not count in the service's memory. Messages: an `EmulatorStart` makes the portals
 * and answers with an `EmulatorReady` (its URL, the app's credentials and every portal's webhook events);
 * `{ install: portalId }` makes that portal the one the next OAuth install lands in and is answered with
 * `{ installing: portalId }`.
 */
import { applyScenario, createHubspotSandbox, generateScenario, type WebhookEvent } from '../src/sandbox';

export interface EmulatorStart {
  portalIds: number[];
  contactsPerPortal: number;
  /** The user who installs the app in each portal. */
  userId: number;
}

export interface EmulatorReady {
  url: string;
  app: { clientId: string; clientSecret: string; appId: number };
  events: WebhookEvent[];
}

async function start({ portalIds, contactsPerPortal, userId }: EmulatorStart): Promise<void> {
  const sandbox = createHubspotSandbox({ portals: portalIds.map((portalId) => ({ portalId, user: { id: userId, email: 'admin@example.com' } })) });
  const events = portalIds.flatMap(
    (portalId, i) => applyScenario(sandbox.state, generateScenario({ seed: 31 + i, contacts: contactsPerPortal, days: 30 }), { portalId, appId: sandbox.app.appId }).events,
  );
  const { url } = await sandbox.listen();
  process.on('message', (message: { install: number }) => {
    sandbox.setInstallingPortal(message.install);
    process.send?.({ installing: message.install });
  });
  const { clientId, clientSecret, appId } = sandbox.app;
  process.send?.({ url, app: { clientId, clientSecret, appId }, events } satisfies EmulatorReady);
}

process.once('message', (message: EmulatorStart) => {
  start(message).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
