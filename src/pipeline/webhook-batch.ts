import type { InboxRow, RejectedEvent } from './inbox-writer';
import { eventKey, inboxObjectId, rejectionReason, webhookEventSchema } from './webhook-event';

/** HubSpot never sends more events in one request. */
export const MAX_EVENTS_PER_REQUEST = 100;

export type ParsedBody = { ok: true; elements: unknown[] } | { ok: false; reason: string };

/** A webhook body: a JSON array of at most 100 elements, each still to be validated on its own. */
export function parseWebhookBody(body: string): ParsedBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  if (!Array.isArray(parsed)) return { ok: false, reason: 'body must be a JSON array of events' };
  if (parsed.length > MAX_EVENTS_PER_REQUEST) {
    return { ok: false, reason: `at most ${MAX_EVENTS_PER_REQUEST} events per request (got ${parsed.length})` };
  }
  return { ok: true, elements: parsed };
}

export interface ClassifiedEvents {
  valid: InboxRow[];
  rejected: RejectedEvent[];
}

/**
 * Validates each element on its own: one bad event never costs the others. `body` is the raw text the
 * elements came from; when it holds no \u escape PostgreSQL could refuse, the per-event check is skipped.
 */
export function classifyEvents(elements: readonly unknown[], body: string): ClassifiedEvents {
  const checkStorable = MAYBE_UNSTORABLE.test(body);
  const valid: InboxRow[] = [];
  const rejected: RejectedEvent[] = [];
  for (const element of elements) {
    const json = checkStorable ? JSON.stringify(element) : undefined;
    if (json !== undefined && UNSTORABLE_ESCAPE.test(json)) {
      rejected.push({ portalId: portalIdOf(element), reason: 'contains \\u0000 or an unpaired surrogate, which PostgreSQL cannot store', payload: storable(json) });
      continue;
    }
    const parsed = webhookEventSchema.safeParse(element);
    if (!parsed.success) {
      rejected.push({ portalId: portalIdOf(element), reason: rejectionReason(parsed.error), payload: element ?? null });
      continue;
    }
    const event = parsed.data;
    valid.push({
      portalId: event.portalId,
      eventKey: eventKey(event),
      subscriptionType: event.subscriptionType,
      objectId: inboxObjectId(event),
      occurredAt: event.occurredAt,
      payload: element,
    });
  }
  return { valid, rejected };
}

/** A cheap scan of the whole body; false positives only cost the precise per-event check. */
const MAYBE_UNSTORABLE = /\\u(?:0000|d[89a-f])/i;
/** In JSON.stringify output: an escaped NUL, or a surrogate escape (paired surrogates are written as characters). */
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;
const UNSTORABLE_ESCAPES = new RegExp(UNSTORABLE_ESCAPE.source, 'gi');

function storable(json: string): unknown {
  return JSON.parse(json.replace(UNSTORABLE_ESCAPES, (escape) => `${escape.slice(0, -6)}\\ufffd`));
}

function portalIdOf(element: unknown): number | null {
  const portalId = (element as { portalId?: unknown } | null)?.portalId;
  return typeof portalId === 'number' && Number.isSafeInteger(portalId) && portalId > 0 ? portalId : null;
}
