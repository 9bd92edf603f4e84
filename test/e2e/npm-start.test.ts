import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { readyInSandbox, watchProcess } from '../support/service-process';

const ROOT = join(__dirname, '..', '..');

/** `npm start` on a fresh data directory, without credentials: the first thing a new user does. */
describe('npm start without HubSpot credentials', () => {
  it('reaches /readyz 200 with the demo portal installed through OAuth, and stops cleanly', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'lead-manager-start-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    for (const name of ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'TOKEN_ENCRYPTION_KEY', 'APP_BASE_URL', 'DATABASE_URL', 'REDIS_URL']) {
      delete env[name];
    }
    const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // Its exit waits for every process holding the output pipes, the service included, not just npm.
    const { output, exited } = watchProcess(child);
    try {
      const base = `http://localhost:${port}`;
      const ready = await readyInSandbox(base, child, output);
      expect({ status: ready?.status, output: output() }).toMatchObject({ status: 200 });
      expect(await ready!.json()).toEqual({ status: 'ready', database: 'pglite' });
      expect(output()).toMatch(/SANDBOX MODE.*Demo portal 20250001 .* was installed through http:\/\/localhost:\d+\/oauth\/install/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/^lead_manager_active_portals 1$/m);
      expect(metrics).toMatch(/^lead_manager_installs_total\{kind="new"\} 1$/m);
      expect(output()).not.toMatch(/access_token|refresh_token/);
    } finally {
      // SIGTERM to the whole group, as a process manager stopping `npm start` would; the SIGKILL is a safety net.
      process.kill(-child.pid!, 'SIGTERM');
      const safety = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
      const { code, signal } = await exited;
      clearTimeout(safety);
      rmSync(dataDir, { recursive: true, force: true });
      // npm itself dies of the signal; what matters is that the service stopped gracefully.
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(output()).toMatch(/"signal":"SIGTERM".*"msg":"stopping"/);
      expect(output()).not.toMatch(/unclean stop/);
    }
  }, 90_000);
});
