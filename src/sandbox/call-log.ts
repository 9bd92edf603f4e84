/**
 * One request the emulator served.
 *
 * `path` names the route, not the URL: a route HubSpot serves at dated paths is recorded under its dated pattern with
 * `:version` standing for the version (`/crm/objects/:version/:objectType/batch/update`), whether it was called at
 * `/crm/objects/2026-03/contacts/batch/update` or at the legacy `/crm/v3/objects/contacts/batch/update`; `version`
 * says which (`'2026-03'`, `'v3'`). Routes without a dated version keep their legacy pattern
 * (`/oauth/v1/access-tokens/:token`); requests no route answered are `(unmatched)`. `callPaths` lists the names.
 */
export interface RecordedCall {
  portalId: number | null;
  method: string;
  path: string;
  /** The version segment of the path called; null for unversioned paths such as `/oauth/authorize`. */
  version: string | null;
  status: number;
  at: number;
}

export type CallFilter = Partial<Pick<RecordedCall, 'portalId' | 'method' | 'path' | 'version' | 'status'>>;

function matches(call: RecordedCall, filter: CallFilter): boolean {
  return (Object.keys(filter) as (keyof CallFilter)[]).every((key) => call[key] === filter[key]);
}

/** Call accounting: what the app asked of HubSpot, for assertions on calls and on rate-limit behaviour. */
export class CallLog {
  private readonly recorded: RecordedCall[] = [];

  record(call: RecordedCall): void {
    this.recorded.push(call);
  }

  all(filter: CallFilter = {}): RecordedCall[] {
    return this.recorded.filter((call) => matches(call, filter));
  }

  count(filter: CallFilter = {}): number {
    return this.all(filter).length;
  }

  /** Counts keyed by `"METHOD /route"`, by status, or by both (`"METHOD /route 200"`). */
  countBy(key: 'route' | 'status' | 'routeAndStatus', filter: CallFilter = {}): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.all(filter)) {
      const name = key === 'status' ? String(call.status)
        : key === 'route' ? `${call.method} ${call.path}` : `${call.method} ${call.path} ${call.status}`;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  }

  /** The most requests matching `filter` that fell in any window of `windowMs` (a window [t, t + windowMs)). */
  maxInWindow(windowMs: number, filter: CallFilter = {}): number {
    const times = this.all(filter).map((call) => call.at).sort((a, b) => a - b);
    let max = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= windowMs) start++;
      max = Math.max(max, end - start + 1);
    }
    return max;
  }

  clear(): void {
    this.recorded.length = 0;
  }
}
