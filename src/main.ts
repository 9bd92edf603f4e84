import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './log';
import { startSandboxMode } from './sandbox-mode';
import { startService, type Service } from './service';

/** Entry point of `npm start`: live with HubSpot credentials, sandbox mode without. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const running = config.mode === 'sandbox' ? await startSandboxMode(config, logger) : await startLive(config, logger);
  stopOnSignals(running.stop, config.shutdownTimeoutMs, logger);
}

async function startLive(config: Config, logger: Logger): Promise<Service> {
  const service = await startService({
    config,
    hubspot: config.hubspot!,
    tokenEncryptionKey: config.tokenEncryptionKey!,
    logger,
  });
  logger.info(
    { url: service.url, appBaseUrl: config.appBaseUrl, database: service.db.kind, redis: Boolean(config.redisUrl) },
    `Lead Manager is running. Install it into a portal at ${config.appBaseUrl}/oauth/install`,
  );
  return service;
}

/**
 * The first SIGTERM or SIGINT stops gracefully (requests in flight and batches in hand finish; nothing new starts)
 * and exits 0, or 1 when that takes longer than `timeoutMs` (what was left unfinished comes back to another
 * instance when its lease runs out). A second signal exits at once, non-zero.
 */
function stopOnSignals(stop: () => Promise<void>, timeoutMs: number, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    logger.info({ signal, timeoutMs }, 'stopping');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'unclean stop: still stopping after the shutdown timeout; exiting');
      process.exit(1);
    }, timeoutMs);
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error);
  process.stderr.write(`Lead Manager could not start: ${detail}\n`);
  process.exit(1);
});
