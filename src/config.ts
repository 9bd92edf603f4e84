import { API_VERSION_PATTERN, DEFAULT_HUBSPOT_API_VERSION } from './hubspot/api-paths';
import { isIP } from 'node:net';
import { z } from 'zod';

/** HubSpot's public API host; anything else (the sandbox emulator, a proxy) serves its own authorize page. */
export const HUBSPOT_PUBLIC_API = 'https://api.hubapi.com';

/** web: HTTP in, inbox written; worker: everything behind the inbox; all: both in one process. */
export const ROLES = ['web', 'worker', 'all'] as const;
export type Role = (typeof ROLES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`)
    .transform((value) => value.replace(/\/+$/, ''));

const optionalUrl = (protocols: string[]) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), url(protocols).optional());

const encryptionKey = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value), 'must be base64')
  .transform((value) => Buffer.from(value, 'base64'))
  .superRefine((key, ctx) => {
    if (key.length !== 32) ctx.addIssue({ code: 'custom', message: `must decode to 32 bytes (got ${key.length})` });
  });

/** What express's `trust proxy` takes: off, on for any hop, a number of hops, or the proxies' addresses. */
export type TrustProxy = boolean | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or one of the names express knows for a kind of address. */
const isProxyAddress = (entry: string): boolean => {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // express (proxy-addr) takes prefixes from 1 up to the address's length.
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
};

// Off unless the service is known to sit behind a proxy: otherwise X-Forwarded-For is whatever the caller wrote.
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): TrustProxy => {
    if (value === undefined || value === '' || value.toLowerCase() === 'false') return false;
    if (value.toLowerCase() === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.filter((entry) => !isProxyAddress(entry));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false, a number of proxy hops, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal (not: ${bad.map((entry) => JSON.stringify(entry)).join(', ')})`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** The operator API's bearer token is refused below this length: it guards every portal's data. */
export const ADMIN_TOKEN_MIN_LENGTH = 32;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  APP_BASE_URL: optionalUrl(['http:', 'https:']),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  HUBSPOT_CLIENT_ID: optionalText,
  HUBSPOT_CLIENT_SECRET: optionalText,
  HUBSPOT_API_BASE: url(['http:', 'https:']).default(HUBSPOT_PUBLIC_API),
  HUBSPOT_API_VERSION: z
    .string()
    .trim()
    .regex(API_VERSION_PATTERN, 'a HubSpot API version: YYYY-03 or YYYY-09')
    .default(DEFAULT_HUBSPOT_API_VERSION),
  HUBSPOT_APP_ID: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce.number().int().positive().optional(),
  ),
  TOKEN_ENCRYPTION_KEY: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    encryptionKey.optional(),
  ),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  UNINSTALLED_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
  TRUST_PROXY: trustProxy,
  ROLE: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    z.enum(ROLES, { error: 'must be web, worker or all' }).default('all'),
  ),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
  ADMIN_TOKEN: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().min(ADMIN_TOKEN_MIN_LENGTH, `must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (e.g. \`openssl rand -hex 32\`); leave it unset to turn the operator API off`).optional(),
  ),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface HubspotCredentials {
  clientId: string;
  clientSecret: string;
  appId: number | undefined;
  apiBase: string;
  /** HubSpot's date-based API version every call uses (HUBSPOT_API_VERSION); default DEFAULT_HUBSPOT_API_VERSION. */
  apiVersion?: string;
}

export interface Config {
  /** sandbox: no HubSpot credentials were given, so the service runs against the local emulator. */
  mode: 'sandbox' | 'live';
  port: number;
  appBaseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  /** Absent in sandbox mode until the emulator is up and hands out its own credentials. */
  hubspot: HubspotCredentials | undefined;
  tokenEncryptionKey: Buffer | undefined;
  logLevel: LogLevel;
  uninstalledRetentionDays: number;
  /** Which proxies' X-Forwarded-For express believes for `req.ip` (what the logs record as the caller). */
  trustProxy: TrustProxy;
  role: Role;
  /** How long SIGTERM waits for requests in flight and batches in hand before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** How long a worker holds claimed inbox and outbox rows: a crashed worker's work comes back after this. */
  leaseMs: number;
  /** The operator API's bearer token (ADMIN_TOKEN); the API does not exist without it. */
  adminToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the environment once. Throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`),
    );
  }
  const vars = parsed.data;
  const problems: string[] = [];
  const hasId = vars.HUBSPOT_CLIENT_ID !== undefined;
  const hasSecret = vars.HUBSPOT_CLIENT_SECRET !== undefined;
  const mode = hasId || hasSecret ? 'live' : 'sandbox';
  if (mode === 'live') {
    if (!hasId) problems.push('HUBSPOT_CLIENT_ID: required when HUBSPOT_CLIENT_SECRET is set');
    if (!hasSecret) problems.push('HUBSPOT_CLIENT_SECRET: required when HUBSPOT_CLIENT_ID is set');
    if (!vars.TOKEN_ENCRYPTION_KEY) {
      problems.push('TOKEN_ENCRYPTION_KEY: required outside sandbox mode (32 random bytes, base64: `openssl rand -base64 32`)');
    }
    if (!vars.APP_BASE_URL) {
      problems.push('APP_BASE_URL: required outside sandbox mode (the public https URL HubSpot calls)');
    }
  }
  if (vars.ROLE !== 'all' && mode === 'sandbox') {
    problems.push(`ROLE: ${vars.ROLE} needs live mode (HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET); sandbox mode runs everything in one process`);
  } else if (vars.ROLE !== 'all' && !vars.DATABASE_URL) {
    problems.push(`ROLE: ${vars.ROLE} needs DATABASE_URL (web and worker processes share one PostgreSQL; the embedded database serves one process)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode,
    port: vars.PORT,
    appBaseUrl: vars.APP_BASE_URL ?? `http://localhost:${vars.PORT}`,
    databaseUrl: vars.DATABASE_URL,
    dataDir: vars.DATA_DIR,
    redisUrl: vars.REDIS_URL,
    hubspot:
      mode === 'live'
        ? {
            clientId: vars.HUBSPOT_CLIENT_ID!,
            clientSecret: vars.HUBSPOT_CLIENT_SECRET!,
            appId: vars.HUBSPOT_APP_ID,
            apiBase: vars.HUBSPOT_API_BASE,
            apiVersion: vars.HUBSPOT_API_VERSION,
          }
        : undefined,
    tokenEncryptionKey: vars.TOKEN_ENCRYPTION_KEY,
    logLevel: vars.LOG_LEVEL,
    uninstalledRetentionDays: vars.UNINSTALLED_RETENTION_DAYS,
    trustProxy: vars.TRUST_PROXY,
    role: vars.ROLE,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    leaseMs: vars.LEASE_MS,
    adminToken: vars.ADMIN_TOKEN,
  };
}

/** Where a user approves the install: HubSpot's own page for the public API, the emulator's otherwise. */
export function authorizeUrlFor(apiBase: string): string {
  return apiBase === HUBSPOT_PUBLIC_API
    ? 'https://app.hubspot.com/oauth/authorize'
    : `${apiBase}/oauth/authorize`;
}
