/** How long a chain of work may run before it lets timers and I/O (HTTP requests, `/healthz`) have a turn. */
const BUSY_MS = 10;

let turnStartedAt: number | undefined;

/**
 * Waits for the next turn of the event loop (setImmediate) when the loop has been busy for more than
 * BUSY_MS since it last reached the macrotask queue; otherwise returns at once. Long loops of awaited
 * work call it between steps: awaited promises alone never leave the microtask queue (the embedded
 * database resolves its queries as microtasks), so such a loop would otherwise hold the process until it
 * ends. One clock for the whole process, so nested and concurrent loops share the budget.
 */
export async function yieldWhenBusy(): Promise<void> {
  const now = performance.now();
  if (turnStartedAt === undefined) {
    turnStartedAt = now;
    // Runs once the loop reaches the macrotask queue, which is what "a turn" means here.
    setImmediate(() => (turnStartedAt = undefined));
    return;
  }
  if (now - turnStartedAt < BUSY_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
}
