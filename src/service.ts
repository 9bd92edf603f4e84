import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import IORedis, { type Redis } from 'ioredis';
import { installerUserId } from './access/installer-user-id';
import { createPublishPermission } from './access/publish-permission';
import { createSuperAdminCheck } from './access/super-admin-check';
import { loadAppDefinition, oauthRedirectUri } from './app-definition';
import type { Config, HubspotCredentials } from './config';
import { createHttpApp } from './http/app';
import { healthRouter } from './http/health-router';
import { installBrowserCookie } from './http/install-browser-cookie';
import { oauthRouter } from './http/oauth-router';
import { webhooksRouter } from './ingest/webhooks-router';
import { Router } from 'express';
import { cardsRouter } from './api/cards-router';
import { routingCardRouter } from './api/routing-card-router';
import { hubspotFetchAuth } from './api/hubspot-fetch-auth';
import { reportsRouter } from './api/reports-router';
import { SettingsParser } from './api/settings-parser';
import { settingsRouter } from './api/settings-router';
import { PortalRescorer } from './process/rescore-portal';
import { InboxWriter } from './ingest/inbox-writer';
import { InstalledPortals } from './ingest/webhook-portals';
import { HubspotGateway } from './hubspot/gateway';
import { createPortalLimiters } from './hubspot/limiter';
import { OAuthClient } from './hubspot/oauth-client';
import { provisionProperties } from './hubspot/provision-properties';
import { TokenCipher } from './store/token-cipher';
import { TokenVault } from './hubspot/token-vault';
import { decayJob } from './jobs/decay-job';
import { holdQueueJob } from './jobs/hold-queue-job';
import { ownersSyncJob, syncPortalOwners } from './jobs/owners-sync-job';
import { repAvailabilityJob } from './jobs/rep-availability-job';
import { syncRepAvailability } from './leads/sync-rep-availability';
import { repAvailabilityRouter } from './api/rep-availability-router';
import { lifecycleStagesJob, syncLifecycleStages } from './jobs/lifecycle-stages-job';
import { sendTasksJob } from './jobs/send-tasks-job';
import { slaSweepJob } from './jobs/sla-sweep-job';
import { purgeUninstalledJob, refreshTokensJob } from './jobs/installation-jobs';
import { scheduleJob, type ScheduledJob } from './jobs/schedule-job';
import { INSTANCE_ID } from './instance-id';
import type { Logger } from './log';
import { createMetrics, type Metrics } from './metrics';
import { openDb, type Db } from './store/db';
import { InstallationRepository } from './store/installations';
import { migrate } from './store/migrate';
import { OAuthStateStore } from './store/oauth-states';
import { SettingsStore } from './store/settings-store';
import { Backfill } from './process/backfill';
import { OutboxWriter, runOutboxWriter } from './write-back/outbox-writer';
import { createPipelineMetrics, type PipelineMetrics } from './process/pipeline-metrics';
import { InboxWorker } from './process/inbox-worker';
import { adminRouter } from './admin/admin-router';
import { CallLedger } from './hubspot/call-ledger';

export interface ServiceOptions {
  config: Config;
  /** The HubSpot app's credentials: from the config when live, from the emulator in sandbox mode. */
  hubspot: HubspotCredentials;
  tokenEncryptionKey: Buffer;
  logger: Logger;
  /** An open database to use (and close on stop) instead of the one the config names; tests isolate themselves this way. */
  db?: Db;
  now?: () => Date;
  /** Cron jobs (token refresh, retention, decay); tests drive jobs directly instead. */
  jobs?: boolean;
  /** Background inbox workers and the outbox writer (default on); tests drive them with drain/flushAll. */
  pipeline?: boolean;
  /** Inbox workers in this process (default 2). */
  workers?: number;
  /** How often a worker instance looks for backfills requested by an install elsewhere (default 5 s). */
  backfillPollMs?: number;
  /** Backfill a portal's existing contacts when it is first installed (default true). */
  backfillOnInstall?: boolean;
  /** Re-check every active portal's properties at start (default true). */
  provisionAtStart?: boolean;
  /** Overrides of the per-portal rate limit, for tests that scale it down. */
  limits?: { maxRequests?: number; windowMs?: number };
  installedPage?: (outcome: { portalId: number; hubDomain: string | undefined }) => string;
}

export interface Service {
  url: string;
  db: Db;
  gateway: HubspotGateway;
  tokens: TokenVault;
  installations: InstallationRepository;
  metrics: Metrics;
  pipelineMetrics: PipelineMetrics;
  settings: SettingsStore;
  workers: InboxWorker[];
  writer: OutboxWriter;
  backfill: Backfill;
  rescorer: PortalRescorer;
  /** Creates the app's properties in a portal where they are missing. */
  provision(portalId: number): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * The composition root: config → store → HubSpot gateway → HTTP → jobs. `config.role` says what this process does:
 * `web` serves HTTP (webhooks into the inbox, OAuth, the extension API); `worker` does everything behind the inbox
 * (inbox workers, outbox writer, backfills, scheduled jobs) and serves only /healthz, /readyz and /metrics;
 * `all` does both.
 */
export async function startService(options: ServiceOptions): Promise<Service> {
  const { config, logger } = options;
  const serves = config.role !== 'worker';
  const works = config.role !== 'web';
  const now = options.now ?? (() => new Date());
  const db =
    options.db ??
    (await openDb({
      databaseUrl: config.databaseUrl,
      dataDir: join(config.dataDir, 'pglite'),
      // Nothing recovers an embedded database whose WebAssembly faulted: say so once and exit for a restart.
      onFatal: (error) => {
        logger.fatal({ err: error }, 'the embedded database failed and cannot recover; exiting so the service restarts on its data directory');
        process.exit(1);
      },
    }));
  const applied = await migrate(db);
  logger.info({ database: db.kind, applied }, applied.length > 0 ? 'database migrated' : 'database schema up to date');

  const installations = new InstallationRepository(db, new TokenCipher(options.tokenEncryptionKey));
  const metrics = createMetrics({ countActivePortals: async () => (await installations.activePortals()).length });
  const app = loadAppDefinition(config.appBaseUrl);
  const states = new OAuthStateStore(db);
  const oauth = new OAuthClient(options.hubspot, oauthRedirectUri(config.appBaseUrl), options.hubspot.apiVersion);
  const tokens = new TokenVault({
    db,
    installations,
    oauth,
    logger,
    now,
    onUninstalled: () => metrics.uninstalls.inc(),
  });
  const redis: Redis | undefined = config.redisUrl ? new IORedis(config.redisUrl, { lazyConnect: false }) : undefined;
  const calls = new CallLedger({ db, redis, logger, now });
  const gateway = new HubspotGateway({
    apiBase: options.hubspot.apiBase,
    apiVersion: options.hubspot.apiVersion,
    tokens,
    logger,
    registry: metrics.registry,
    onCall: (portalId, outcome) => calls.record(portalId, outcome),
    limiters: createPortalLimiters({ logger, redis, ...options.limits }),
    searchLimiters: createPortalLimiters({ logger, redis, maxRequests: 4, windowMs: 1000, jitterMs: 0, maxConcurrent: 4, name: 'hubspot-search' }),
  });
  const provision = (portalId: number) => provisionProperties(gateway.forPortal(portalId).properties, logger.child({ portalId }));
  /** An install also reads the portal's owners (names, who is deactivated); the hourly sync keeps them current. */
  const provisionInstall = async (portalId: number) => {
    const provisioned = await provision(portalId);
    await syncPortalOwners({ db, gateway }, portalId, now()).catch((error: unknown) =>
      logger.warn({ portalId, err: error }, 'owners could not be synced at install; the hourly sync will retry'),
    );
    // Reps' availability from HubSpot's users, matched to the owners just read.
    const availability = await syncRepAvailability({ db, gateway, installations }, portalId, now()).catch((error: unknown) => ({ outcome: 'failed' as const, error }));
    if (availability.outcome === 'failed') logger.warn({ portalId, err: availability.error }, 'reps\u2019 availability could not be read at install; the hourly read will retry');
    await syncLifecycleStages({ db, gateway }, portalId, now()).catch((error: unknown) =>
      logger.warn({ portalId, err: error }, 'lifecycle stages could not be read at install; the hourly sync will retry'),
    );
    return provisioned;
  };
  const settings = new SettingsStore(db, undefined, undefined, logger);
  const pipelineMetrics = createPipelineMetrics(metrics.registry, db);
  const pipelineDeps = { db, gateway, settings, logger, metrics: pipelineMetrics, now };
  const workers = works ? Array.from({ length: options.workers ?? 2 }, (_, i) => new InboxWorker({ ...pipelineDeps, id: `${INSTANCE_ID}/inbox-${i}`, leaseMs: config.leaseMs })) : [];
  const writer = new OutboxWriter({ ...pipelineDeps, leaseMs: config.leaseMs });
  const backfill = new Backfill(pipelineDeps);
  /** The install is recorded as a backfill due, which this process starts if it works and any worker instance finds otherwise. */
  const backfillInstalled = async ({ portalId, created }: { portalId: number; created: boolean }) => {
    if (!created) return;
    await backfill.request(portalId);
    if (works && options.pipeline !== false) void backfill.run(portalId);
  };

  const portals = new InstalledPortals({ db, now });
  const rescorer = new PortalRescorer({ db, logger, now });
  const publishPermission = createPublishPermission({
    installations,
    settings,
    installerOf: (installation) => installerUserId(installation, { installations, oauth, logger }),
    superAdmin: createSuperAdminCheck({ gateway, logger, now: () => now().getTime() }),
  });
  const parser = new SettingsParser();
  const extensionApi = Router();
  extensionApi.use('/api', hubspotFetchAuth({ clientSecret: options.hubspot.clientSecret, appBaseUrl: config.appBaseUrl, portals, logger, now }));
  extensionApi.use(cardsRouter({ db, gateway, settings, logger, now }));
  extensionApi.use(routingCardRouter({ db, gateway, settings, logger, now }));
  extensionApi.use(settingsRouter({ db, settings, rescorer, parser, publishPermission, logger, now }));
  extensionApi.use(reportsRouter({ db, settings, now }));
  extensionApi.use(repAvailabilityRouter({ db, gateway, installations, settings, logger, now }));
  const health = healthRouter({ db, metrics });
  // The operator API exists only with ADMIN_TOKEN, on every role, so any instance answers for all of them.
  const operator = config.adminToken ? [adminRouter({ token: config.adminToken, db, installations, gateway, backfill, calls, logger, now })] : [];
  // A worker serves only health and metrics, so that it can be probed and scraped like a web instance.
  const webRouters = serves
    ? [
        webhooksRouter({
          clientSecret: options.hubspot.clientSecret,
          appBaseUrl: config.appBaseUrl,
          inbox: new InboxWriter({ db, registry: metrics.registry }),
          portals,
          registry: metrics.registry,
          logger,
          now,
        }),
        oauthRouter({
          app,
          db,
          states,
          browser: installBrowserCookie({
            tokenKey: options.tokenEncryptionKey,
            secure: new URL(config.appBaseUrl).protocol === 'https:',
            maxAgeMs: states.ttlMs,
          }),
          oauth,
          installations,
          provision: provisionInstall,
          logger,
          metrics,
          now,
          ...(options.backfillOnInstall === false ? {} : { onInstalled: backfillInstalled }),
          ...(options.installedPage ? { installedPage: options.installedPage } : {}),
        }),
        extensionApi,
      ]
    : [];
  const http = createHttpApp([health, ...operator, ...webRouters], logger, config.trustProxy);
  // express 5 calls back with the error too (a port already taken): start-up must fail then, not go on unbound.
  const server: Server = await new Promise((resolve, reject) => {
    const listening = http.listen(config.port, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;

  if (works && options.provisionAtStart !== false) {
    // Properties are provisioned at install; re-check at start in case an admin deleted one.
    for (const portalId of await installations.activePortals()) {
      provision(portalId).catch((error: unknown) => logger.warn({ portalId, err: error }, 'property provisioning at start failed'));
    }
  }

  const tasks: ScheduledJob[] =
    !works || options.jobs === false
      ? []
      : [
          refreshTokensJob({ installations, tokens, logger }),
          purgeUninstalledJob({ db, installations, states, retentionDays: config.uninstalledRetentionDays, logger }),
          decayJob({ db, installations, settings, logger }),
          holdQueueJob({ db, gateway, installations, settings, logger }),
          slaSweepJob({ db, gateway, installations, settings, logger }),
          ownersSyncJob({ db, gateway, installations, logger }),
          repAvailabilityJob({ db, gateway, installations, logger }),
          lifecycleStagesJob({ db, gateway, installations, logger }),
          sendTasksJob({ db, gateway, logger }),
        ].map((job) => scheduleJob(job, db, logger));
  calls.start();
  const pipeline = works && options.pipeline !== false;
  const background = pipeline ? runOutboxWriter(writer, logger) : undefined;
  let backfillPoll: NodeJS.Timeout | undefined;
  if (pipeline) {
    for (const worker of workers) worker.start();
    const pollBackfills = () =>
      backfill.runUnfinished().catch((error: unknown) => logger.warn({ err: error, job: 'backfill' }, 'could not look for backfills to run'));
    await pollBackfills();
    backfillPoll = setInterval(() => void pollBackfills(), options.backfillPollMs ?? 5_000);
  }

  return {
    url,
    db,
    gateway,
    tokens,
    installations,
    metrics,
    pipelineMetrics,
    settings,
    workers,
    writer,
    backfill,
    rescorer,
    provision,
    /**
     * Stops accepting connections and lets the requests in flight finish, while the jobs, backfills and workers
     * finish what they hold (a batch in hand commits; nothing new is claimed); then closes HubSpot, Redis and the
     * database. Whoever calls it bounds how long it may take.
     */
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      clearInterval(backfillPoll);
      await Promise.all([
        closed,
        Promise.all(tasks.map((task) => task.stop())),
        backfill.stop(),
        Promise.all(workers.map((worker) => worker.stop())),
        background?.stop(),
      ]);
      await rescorer.idle();
      await parser.close();
      await gateway.close();
      await calls.stop();
      if (redis) await redis.quit().catch(() => undefined);
      await db.close();
    },
  };
}
