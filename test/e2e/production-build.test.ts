import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/free-port';
import { readyInSandbox, watchProcess } from '../support/service-process';
import { signedCall } from '../support/signed-fetch';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** The Dockerfile's last stage: what it copies from the repository, its environment and its command. */
function runtimeStage(): { copied: string[]; env: Record<string, string>; command: string[] } {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const lines = stage.split('\n').map((line) => line.trim());
  const copied = lines.filter((line) => /^COPY (?!--from)/.test(line)).flatMap((line) => line.split(/\s+/).slice(1, -1));
  const env = Object.fromEntries(
    lines.filter((line) => line.startsWith('ENV ')).flatMap((line) => line.slice(4).trim().split(/\s+/).map((pair) => pair.split('=') as [string, string])),
  );
  const command = JSON.parse(lines.find((line) => line.startsWith('CMD '))!.slice(4)) as string[];
  return { copied, env, command };
}

const IMAGE = runtimeStage();
const SANDBOX_SECRET = 'sandbox-client-secret';
const DEMO_PORTAL_ID = 20_250_001;

function registryAnswers(): boolean {
  try {
    execFileSync('npm', ['ping', '--silent'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const registry = registryAnswers();
if (!registry) console.warn('the npm registry does not answer: the production build test (npm ci --omit=dev) is skipped');

/**
 * What the container image runs, without building the image: `npm run build`, production dependencies only
 * (`npm ci --omit=dev`), then `node dist/main.js` in sandbox mode, in a folder where nothing of the repo's
 * sources or dev dependencies can be found.
 */
(registry ? describe : describe.skip)('node dist/main.js with production dependencies only', () => {
  it('reaches /readyz 200 in sandbox mode, checks settings on its parser thread, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lead-manager-build-'));
    const app = join(dir, 'app');
    const dataDir = join(dir, 'data');
    try {
      for (const name of IMAGE.copied) cpSync(join(ROOT, name), join(app, name), { recursive: true });
      await Promise.all([
        // Type errors are `npm test`'s to find (tsc --noEmit); the emitted files are the same without the check.
        run('npm', ['run', 'build', '--silent', '--', '--outDir', join(app, 'dist'), '--noCheck'], { cwd: ROOT }),
        run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app }),
      ]);
      for (const devOnly of ['tsx', 'typescript', 'jest', 'ts-jest', 'nock']) {
        expect({ devOnly, installed: existsSync(join(app, 'node_modules', devOnly)) }).toEqual({ devOnly, installed: false });
      }

      const port = await freePort();
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...IMAGE.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' };
      const [node, ...args] = IMAGE.command;
      expect({ node, main: args.at(-1) }).toEqual({ node: 'node', main: 'dist/main.js' });
      const child = spawn(process.execPath, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const { output, exited } = watchProcess(child);
      try {
        const base = `http://localhost:${port}`;
        const ready = await readyInSandbox(base, child, output);
        expect({ status: ready?.status, output: output() }).toMatchObject({ status: 200 });
        expect(await ready!.json()).toEqual({ status: 'ready', database: 'pglite' });

        const checked = await signedCall(base, 'POST', '/api/settings/validate', { settings: { scoring: 'not settings' } }, { portalId: DEMO_PORTAL_ID, secret: SANDBOX_SECRET });
        expect(checked).toMatchObject({ status: 200, json: { ok: false, issues: expect.arrayContaining([expect.objectContaining({ path: expect.anything() })]) } });
      } finally {
        child.kill('SIGTERM');
        const safety = setTimeout(() => child.kill('SIGKILL'), 20_000);
        const { code, signal } = await exited;
        clearTimeout(safety);
        expect({ code, signal, output: output() }).toMatchObject({ code: 0, signal: null });
        expect(output()).not.toMatch(/unclean stop/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
