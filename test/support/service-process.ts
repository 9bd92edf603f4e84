import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote, stdout and stderr. */
  output(): string;
  /** Its JSON log lines. */
  logs(): Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Waits until `/readyz` answers 200 (or the process ends, which throws). */
  ready(timeoutMs?: number): Promise<void>;
}

/** The service's entry point as `npm start` runs it, in a process of its own with `env` added to ours. */
export function startServiceProcess(port: number, env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited } = watchProcess(child);
  const url = `http://localhost:${port}`;
  return {
    url,
    child,
    output,
    logs: () =>
      output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    async ready(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service ended before it was ready:\n${output()}`);
        const answer = await fetch(`${url}/readyz`).catch(() => undefined);
        if (answer?.status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`the service was not ready within ${timeoutMs} ms:\n${output()}`);
    },
  };
}

/**
 * Everything a child process writes (stdout and stderr) and when it has ended: 'close', so every process holding
 * its output pipes has ended, not just the one spawned (npm's service too).
 */
export function watchProcess(child: ChildProcess): {
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
} {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { output: () => output, exited };
}

/** Polls `/readyz` until it answers 200 with the sandbox's banner written, or the process ends (up to a minute): the last answer. */
export async function readyInSandbox(base: string, child: ChildProcess, output: () => string): Promise<Response | undefined> {
  let ready: Response | undefined;
  for (let attempt = 0; attempt < 240 && child.exitCode === null; attempt += 1) {
    ready = await fetch(`${base}/readyz`).catch(() => undefined);
    if (ready?.status === 200 && output().includes('SANDBOX MODE')) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return ready;
}
