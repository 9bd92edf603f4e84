import { vi } from 'vitest';

export interface ServiceCall {
  method: string;
  /** Path without the API base, e.g. "/api/settings/preview". */
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  /** Answer a call that no route answered. */
  reply: (status: number, body?: unknown) => void;
}

type Route = (call: ServiceCall) => { status: number; body?: unknown } | undefined;

const API_BASE = '__APP_BASE_URL__';

/**
 * Stands in for the lead manager behind HubSpot's proxy: `hubspot.fetch` calls `self.hsFetch`,
 * which this stubs. Routes answer at once; calls without a route wait for `reply`, so a test can
 * settle them in any order.
 */
export function fakeService() {
  const calls: ServiceCall[] = [];
  const routes = new Map<string, Route[]>();

  const hsFetch = vi.fn((url: string, options: { method?: string; body?: Record<string, unknown> } = {}) => {
    if (!url.startsWith(`${API_BASE}/`)) throw new Error(`hubspot.fetch called outside the service: ${url}`);
    const parsed = new URL(url.slice(API_BASE.length), 'https://service.test');
    return new Promise<Response>((resolve) => {
      const call: ServiceCall = {
        method: options.method ?? 'GET',
        path: parsed.pathname,
        query: Object.fromEntries(parsed.searchParams),
        body: options.body,
        reply: (status, body) =>
          resolve(new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
      };
      calls.push(call);
      const key = `${call.method} ${call.path}`;
      const answers = routes.get(key) ?? [];
      const nth = calls.filter((earlier) => `${earlier.method} ${earlier.path}` === key).length - 1;
      const answer = answers[Math.min(nth, answers.length - 1)]?.(call);
      if (answer) call.reply(answer.status, answer.body);
    });
  });
  vi.stubGlobal('self', { hsFetch });

  return {
    calls,
    /** Answers `METHOD path` calls: the n-th `on` for a key answers its n-th call; the last one answers every later call. */
    on(key: string, answer: Route | { status: number; body?: unknown }) {
      const route: Route = typeof answer === 'function' ? answer : () => answer;
      routes.set(key, [...(routes.get(key) ?? []), route]);
      return this;
    },
    callsTo(key: string): ServiceCall[] {
      return calls.filter((call) => `${call.method} ${call.path}` === key);
    },
    /** Waits until the n-th (1-based) call to `METHOD path` has been made, and returns it. */
    async nthCall(key: string, n = 1): Promise<ServiceCall> {
      return vi.waitFor(() => {
        const call = this.callsTo(key)[n - 1];
        if (!call) throw new Error(`no call #${n} to ${key} yet (calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ') || 'none'})`);
        return call;
      });
    },
  };
}

export const ok = (body: unknown) => ({ status: 200, body });
