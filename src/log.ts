import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/** Fields that may hold secrets are never written out, whatever logs them. */
const REDACT = [
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.client_secret',
  '*.clientSecret',
  '*.authorization',
  '*.Authorization',
  'req.headers.authorization',
  'req.headers["x-hubspot-signature-v3"]',
];

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'lead-manager' } }, destination);
}

/** A logger that writes nothing, for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
