import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config';

const key = randomBytes(32).toString('base64');
const live = {
  HUBSPOT_CLIENT_ID: 'client-id',
  HUBSPOT_CLIENT_SECRET: 'client-secret',
  TOKEN_ENCRYPTION_KEY: key,
  APP_BASE_URL: 'https://leads.example.com',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('runs in sandbox mode with defaults when no HubSpot credentials are set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'sandbox',
      port: 3000,
      appBaseUrl: 'http://localhost:3000',
      dataDir: './data',
      databaseUrl: undefined,
      redisUrl: undefined,
      hubspot: undefined,
      logLevel: 'info',
      uninstalledRetentionDays: 30,
      trustProxy: false,
    });
  });

  it.each<[string, unknown]>([
    ['', false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8,fd00::/8, 203.0.113.7', ['loopback', '10.0.0.0/8', 'fd00::/8', '203.0.113.7']],
  ])('reads TRUST_PROXY=%j as express takes it', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('takes the HubSpot API version from HUBSPOT_API_VERSION, a March or September version only', () => {
    expect(loadConfig({ ...live, HUBSPOT_API_VERSION: '2026-09' }).hubspot?.apiVersion).toBe('2026-09');
    expect(() => loadConfig({ ...live, HUBSPOT_API_VERSION: 'v3' })).toThrow(/HUBSPOT_API_VERSION: a HubSpot API version/);
    expect(() => loadConfig({ ...live, HUBSPOT_API_VERSION: '2026-04' })).toThrow(/HUBSPOT_API_VERSION/);
  });

  it('turns the operator API on with a strong ADMIN_TOKEN and refuses a weak one', () => {
    expect(loadConfig({}).adminToken).toBeUndefined();
    expect(loadConfig({ ADMIN_TOKEN: ' ' }).adminToken).toBeUndefined();
    expect(loadConfig({ ADMIN_TOKEN: 'a'.repeat(32) }).adminToken).toBe('a'.repeat(32));
    expect(problemsOf({ ADMIN_TOKEN: 'a'.repeat(31) })).toEqual([expect.stringMatching(/^ADMIN_TOKEN: must be at least 32 characters/)]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ HUBSPOT_CLIENT_ID: '', HUBSPOT_CLIENT_SECRET: ' ', DATABASE_URL: '' }).mode).toBe('sandbox');
  });

  it('runs live with credentials, key and base URL', () => {
    const config = loadConfig({ ...live, HUBSPOT_APP_ID: '123', DATABASE_URL: 'postgres://u@db:5432/leads', REDIS_URL: 'redis://cache:6379' });
    expect(config.mode).toBe('live');
    expect(config.hubspot).toEqual({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      appId: 123,
      apiBase: 'https://api.hubapi.com',
      apiVersion: '2026-03',
    });
    expect(config.tokenEncryptionKey).toEqual(Buffer.from(key, 'base64'));
    expect(config.appBaseUrl).toBe('https://leads.example.com');
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /^PORT: /],
    ['PORT', { PORT: '70000' }, /^PORT: /],
    ['APP_BASE_URL', { APP_BASE_URL: 'leads.example.com' }, /^APP_BASE_URL: must be a URL/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must be a URL starting with postgres:\/\//],
    ['REDIS_URL', { REDIS_URL: 'http://cache' }, /^REDIS_URL: must be a URL starting with redis:\/\//],
    ['HUBSPOT_API_BASE', { HUBSPOT_API_BASE: 'not a url' }, /^HUBSPOT_API_BASE: /],
    ['HUBSPOT_APP_ID', { HUBSPOT_APP_ID: '-4' }, /^HUBSPOT_APP_ID: /],
    ['TOKEN_ENCRYPTION_KEY', { TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' }, /^TOKEN_ENCRYPTION_KEY: must decode to 32 bytes \(got 5\)/],
    ['TOKEN_ENCRYPTION_KEY', { TOKEN_ENCRYPTION_KEY: 'not base64!' }, /^TOKEN_ENCRYPTION_KEY: must be base64/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    ['UNINSTALLED_RETENTION_DAYS', { UNINSTALLED_RETENTION_DAYS: '-1' }, /^UNINSTALLED_RETENTION_DAYS: /],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes' }, /^TRUST_PROXY: must be true, false, a number of proxy hops, or a comma-separated list .*\(not: "yes"\)$/],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33,10.0.0.0/0' }, /^TRUST_PROXY: .*\(not: "10.0.0.0\/33", "10.0.0.0\/0"\)$/],
    ['TRUST_PROXY', { TRUST_PROXY: 'loopback,proxy.internal,' }, /^TRUST_PROXY: .*\(not: "proxy.internal", ""\)$/],
  ])('names %s when it is bad', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('gives one line per bad variable', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', REDIS_URL: 'nope' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it.each([
    ['TOKEN_ENCRYPTION_KEY', { ...live, TOKEN_ENCRYPTION_KEY: undefined }],
    ['APP_BASE_URL', { ...live, APP_BASE_URL: undefined }],
    ['HUBSPOT_CLIENT_SECRET', { ...live, HUBSPOT_CLIENT_SECRET: undefined }],
    ['HUBSPOT_CLIENT_ID', { ...live, HUBSPOT_CLIENT_ID: undefined }],
  ])('requires %s outside sandbox mode', (name, env) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${name}: required`)).toBe(true);
  });

  it('never runs live on half the credentials, even with everything else set', () => {
    expect(() => loadConfig({ HUBSPOT_CLIENT_ID: 'only-id' })).toThrow(ConfigError);
  });
});

describe('ROLE and shutdown config', () => {
  const shared = { ...live, DATABASE_URL: 'postgres://db.example.com/leads' };

  it('runs every role in one process by default, with a 10 s shutdown and 60 s leases', () => {
    expect(loadConfig(shared)).toMatchObject({ role: 'all', shutdownTimeoutMs: 10_000, leaseMs: 60_000 });
  });

  it.each(['web', 'worker', 'all', ' Worker '])('takes ROLE=%j', (role) => {
    expect(loadConfig({ ...shared, ROLE: role }).role).toBe(role.trim().toLowerCase());
  });

  it('refuses an unknown ROLE with the values it takes', () => {
    expect(problemsOf({ ...shared, ROLE: 'scheduler' })).toEqual(['ROLE: must be web, worker or all']);
  });

  it('refuses web and worker without a shared PostgreSQL, and in sandbox mode', () => {
    expect(problemsOf({ ...live, ROLE: 'web' })).toEqual([expect.stringMatching(/^ROLE: web needs DATABASE_URL/)]);
    expect(problemsOf({ ROLE: 'worker' })).toEqual([expect.stringMatching(/^ROLE: worker needs live mode/)]);
  });

  it('reads SHUTDOWN_TIMEOUT_MS and LEASE_MS, refusing nonsense', () => {
    expect(loadConfig({ ...shared, SHUTDOWN_TIMEOUT_MS: '2500', LEASE_MS: '5000' })).toMatchObject({ shutdownTimeoutMs: 2_500, leaseMs: 5_000 });
    expect(problemsOf({ ...shared, SHUTDOWN_TIMEOUT_MS: '-1' })).toEqual([expect.stringMatching(/^SHUTDOWN_TIMEOUT_MS: /)]);
    expect(problemsOf({ ...shared, LEASE_MS: '10' })).toEqual([expect.stringMatching(/^LEASE_MS: /)]);
  });
});
