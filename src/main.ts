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
  stopOnSignals(running.stop, logger);
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

function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    stop().then(
      () => process.exit(0),
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
