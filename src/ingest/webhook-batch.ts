import { LIMITS } from '../limits';
import { boundedJson, jsonDepth } from './bounded-json';
import type { InboxRow, RejectedEvent } from './inbox-writer';
import { eventKey, inboxObjectId, rejectionReason, webhookEventSchema } from './webhook-event';
import { acceptCommonEvent } from './webhook-event-fast-path';

const { eventsPerRequest, eventDepth } = LIMITS.webhooks;

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
  if (parsed.length > eventsPerRequest) {
    return { ok: false, reason: `at most ${eventsPerRequest} events per request (got ${parsed.length})` };
  }
  return { ok: true, elements: parsed };
}

export interface ClassifiedEvents {
  valid: InboxRow[];
  rejected: RejectedEvent[];
  /** Every element is valid and stored exactly as sent (nothing rejected, no field left out). */
  allAsSent: boolean;
}

/**
 * Validates each element on its own: one bad event never costs the others. A valid event is stored as the
 * schema reads it (known fields only, each bounded), the common kinds checked by the fast path; a rejected
 * one as a bounded copy beside its reason.
 */
export function classifyEvents(elements: readonly unknown[]): ClassifiedEvents {
  const valid: InboxRow[] = [];
  const rejected: RejectedEvent[] = [];
  let allAsSent = true;
  const reject = (element: unknown, reason: string) =>
    rejected.push({ portalId: portalIdOf(element), reason, payload: boundedJson(element, LIMITS.rejectedPayload) ?? null });
  for (const element of elements) {
    let event = acceptCommonEvent(element);
    // An event the fast path takes as it is holds only scalars; any other may nest anything anywhere.
    if (event !== element && jsonDepth(element, eventDepth) > eventDepth) {
      reject(element, `nested deeper than ${eventDepth} levels`);
      continue;
    }
    if (event === undefined) {
      const parsed = webhookEventSchema.safeParse(element);
      if (!parsed.success) {
        reject(element, rejectionReason(parsed.error));
        continue;
      }
      event = parsed.data;
    }
    if (event !== element) allAsSent = false;
    valid.push({
      portalId: event.portalId,
      eventKey: eventKey(event),
      subscriptionType: event.subscriptionType,
      objectId: inboxObjectId(event),
      occurredAt: event.occurredAt,
      payload: event,
    });
  }
  return { valid, rejected, allAsSent: allAsSent && rejected.length === 0 };
}

function portalIdOf(element: unknown): number | null {
  const portalId = (element as { portalId?: unknown } | null)?.portalId;
  return typeof portalId === 'number' && Number.isSafeInteger(portalId) && portalId > 0 ? portalId : null;
}
