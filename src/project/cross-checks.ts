import type { AppDefinition } from '../app-definition';
import { fitProperties } from '../domain/fit-properties';
import { DEFAULT_SCORING_MODEL } from '../domain/scoring';
import type { ScoringModel } from '../domain/scoring/scoring-model';
import { SUBSCRIPTION_TYPES } from '../ingest/webhook-event';
import { SALES_ACTIVITY_PROPERTIES } from '../domain/sla';
import { ENGAGEMENT_OBJECT_TYPES } from '../process/inbox-worker';
import type { WebhooksDefinition } from './webhooks-definition';

/** v3 object type names (ENGAGEMENT_OBJECT_TYPES values) → the singular names webhooks-hsmeta.json uses. */
const WEBHOOK_OBJECT_NAMES: Record<string, string> = { calls: 'call', emails: 'email', meetings: 'meeting', notes: 'note', tasks: 'task' };

/** One subscription, as a comparable key: `contact.propertyChange:industry`, `object.creation:call`. */
type SubscriptionKey = string;

export interface ConsumedSubscriptions {
  /** Must be declared (and active). */
  required: Map<SubscriptionKey, string>;
  /** May be declared: read alongside a required property, so a change of it alone is harmless. */
  optional: Set<SubscriptionKey>;
}

/**
 * What the service consumes: every SUBSCRIPTION_TYPES entry; for contact.propertyChange the
 * properties a change of which the pipeline acts on (fit rules, the mapping's counters and
 * property rules, the creation source, lifecyclestage); for object.creation the engagement types
 * the worker reads. The mapping's time companions (timeProperty, creation.timeProperty) are read
 * together with their property and need no subscription of their own: declaring them is allowed.
 */
export function consumedSubscriptions(model: ScoringModel = DEFAULT_SCORING_MODEL): ConsumedSubscriptions {
  const required = new Map<SubscriptionKey, string>();
  const optional = new Set<SubscriptionKey>();
  const { creation, counters, properties } = model.mapping;
  for (const type of SUBSCRIPTION_TYPES) {
    if (type === 'contact.propertyChange' || type === 'object.creation') continue;
    required.set(type, 'src/ingest/webhook-event.ts SUBSCRIPTION_TYPES');
  }
  const property = (name: string, why: string) => required.set(`contact.propertyChange:${name}`, why);
  for (const name of fitProperties(model)) property(name, 'a fit rule of the default scoring model');
  property(creation.sourceProperty, 'the default mapping\u2019s creation source');
  for (const counter of counters) property(counter.property, `the default mapping\u2019s ${counter.activity} counter`);
  for (const rule of properties) property(rule.property, `the default mapping\u2019s ${rule.activity} rule`);
  property('lifecyclestage', 'lifecycle stage (forward-only write-back, reports)');
  for (const name of SALES_ACTIVITY_PROPERTIES) property(name, 'a sales-activity change that meets the first-touch SLA (src/domain/sla/touches.ts)');
  const companions = [creation.timeProperty, ...counters.map((c) => c.timeProperty), ...properties.map((p) => p.timeProperty)];
  for (const name of companions) {
    if (name && !required.has(`contact.propertyChange:${name}`)) optional.add(`contact.propertyChange:${name}`);
  }
  for (const [typeId, objectType] of Object.entries(ENGAGEMENT_OBJECT_TYPES)) {
    required.set(`object.creation:${WEBHOOK_OBJECT_NAMES[objectType] ?? objectType}`, `ENGAGEMENT_OBJECT_TYPES ${typeId} (${objectType}) in src/process/inbox-worker.ts`);
  }
  return { required, optional };
}

function declaredSubscriptions(webhooks: WebhooksDefinition): Map<SubscriptionKey, boolean> {
  const { crmObjects, legacyCrmObjects, hubEvents } = webhooks.config.subscriptions;
  const declared = new Map<SubscriptionKey, boolean>();
  for (const s of legacyCrmObjects) declared.set(s.propertyName ? `${s.subscriptionType}:${s.propertyName}` : s.subscriptionType, s.active);
  for (const s of crmObjects) declared.set(`${s.subscriptionType}:${s.objectType}${s.propertyName ? `:${s.propertyName}` : ''}`, s.active);
  for (const s of hubEvents) declared.set(s.subscriptionType, s.active);
  return declared;
}

/** Problems, one line each: subscriptions the service consumes but webhooks-hsmeta.json lacks, and the reverse. */
export function checkSubscriptions(webhooks: WebhooksDefinition, consumed = consumedSubscriptions()): string[] {
  const file = 'webhooks/webhooks-hsmeta.json';
  const declared = declaredSubscriptions(webhooks);
  const problems: string[] = [];
  for (const [key, why] of consumed.required) {
    const active = declared.get(key);
    if (active === undefined) problems.push(`${file}: the service consumes ${describe(key)} (${why}) but it is not declared`);
    else if (!active) problems.push(`${file}: ${describe(key)} is consumed (${why}) but declared inactive`);
  }
  for (const key of declared.keys()) {
    if (!consumed.required.has(key) && !consumed.optional.has(key)) {
      problems.push(`${file}: ${describe(key)} is declared but the service does not consume it`);
    }
  }
  return problems;
}

function describe(key: SubscriptionKey): string {
  const [type, detail] = key.split(':');
  if (!detail) return type!;
  return type === 'contact.propertyChange' ? `${type} of "${detail}"` : `${type} for ${detail}`;
}

/** permittedUrls.fetch must hold the service's base URL, or hubspot.fetch from the cards is refused. */
export function checkPermittedUrls(app: AppDefinition, appBaseUrl: string): string[] {
  const fetch = app.config.permittedUrls.fetch.map((url) => url.replace(/\/+$/, ''));
  return fetch.includes(appBaseUrl)
    ? []
    : [`app.json: permittedUrls.fetch must hold APP_BASE_URL (${appBaseUrl}) so the cards can call the service; it holds [${fetch.join(', ')}]`];
}
