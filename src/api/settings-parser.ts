import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PortalSettings } from '../domain/portal-settings';
import type { AnswerIssue } from './issues-answer';

export type ParsedSettings = { success: true; data: PortalSettings } | { success: false; issues: AnswerIssue[]; issueCount: number };

interface Pending {
  resolve: (parsed: ParsedSettings) => void;
  reject: (error: Error) => void;
}

/**
 * Checks settings documents sent to the API against the schema on a thread of its own. Checking cannot be
 * split into steps, and a request's document (a few hundred KB, possibly thousands of problems) can take
 * longer than the service may keep its event loop; the thread takes that time instead. It starts on first
 * use, is not what keeps the process alive, and is restarted if it ever fails.
 */
export class SettingsParser {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  parse(input: unknown): Promise<ParsedSettings> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<ParsedSettings>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, input });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(threadEntry(), { eval: true });
    worker.unref();
    worker.on('message', ({ id, ...parsed }: { id: number } & ParsedSettings) => {
      this.pending.get(id)?.resolve(parsed);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the settings parser thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}

/**
 * The thread's module, in the form this file was loaded: the compiled sibling from a build, or the TypeScript
 * source through tsx when running from source (tsx, jest), where the thread cannot load `.ts` by itself.
 */
function threadEntry(): string {
  const thread = JSON.stringify(join(__dirname, `settings-parser-thread${extname(__filename)}`));
  return extname(__filename) === '.ts' ? `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${thread});` : `require(${thread});`;
}
