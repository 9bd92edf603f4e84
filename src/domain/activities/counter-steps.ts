import { textMatches } from '../text-match';
import type { Activity, ContactFacts } from './activity';
import type { ActivityMapping, PropertyMapping } from './activity-mapping';
import { parseCount } from './counter-activities';

/**
 * The changes of a property that `counterStep` rules pair (the rule's property and its counter) are kept in the
 * contact's facts as a log of `[at, value]`, oldest first, so the pairing can be computed again from the whole
 * known history whatever order its events came in. Each log keeps its newest STEP_LOG_ENTRIES changes.
 */
export const STEP_LOG_ENTRIES = 200;

export const stepLogKey = (property: string): string => `${property}@steps`;

type Step = [at: number, value: string];

const pairedRules = (mapping: ActivityMapping): Array<PropertyMapping & { counter: string }> =>
  mapping.properties.filter((rule): rule is PropertyMapping & { counter: string } => rule.keyBy === 'counterStep' && rule.counter !== undefined);

/** The properties whose changes the mapping's counterStep rules need logged. */
export function loggedProperties(mapping: ActivityMapping): Set<string> {
  return new Set(pairedRules(mapping).flatMap((rule) => [rule.property, rule.counter]));
}

function readLog(facts: ContactFacts, property: string): Step[] {
  const text = facts[stepLogKey(property)];
  if (text === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((step): step is Step => Array.isArray(step) && typeof step[0] === 'number' && typeof step[1] === 'string') : [];
  } catch {
    return [];
  }
}

const byTimeThenValue = (a: Step, b: Step): number => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/**
 * Facts with one more change in a property's log: sorted by time (then value), duplicates dropped, the newest
 * STEP_LOG_ENTRIES kept. The log is a function of the set of changes seen, so any arrival order ends the same.
 */
export function recordStep(facts: ContactFacts, property: string, value: string, at: number): ContactFacts {
  const log = readLog(facts, property);
  if (log.some(([stepAt, stepValue]) => stepAt === at && stepValue === value)) return facts;
  const next = [...log, [at, value] as Step].sort(byTimeThenValue).slice(-STEP_LOG_ENTRIES);
  return { ...facts, [stepLogKey(property)]: JSON.stringify(next) };
}

/** Whether any counterStep log differs between two versions of a contact's facts. */
export function stepLogsChanged(before: ContactFacts, after: ContactFacts, mapping: ActivityMapping): boolean {
  for (const property of loggedProperties(mapping)) if (before[stepLogKey(property)] !== after[stepLogKey(property)]) return true;
  return false;
}

export interface PairedActivities {
  activities: Activity[];
  /** Steps before this time are no longer decidable (a log dropped older changes): never retract them. */
  horizon: number;
}

/**
 * The activities of the mapping's counterStep rules on the logged history: every step of the counter to N
 * (at the earliest time N was seen) whose property value at that time (the latest change at or before it)
 * matches the rule is the activity `<activity>:N`. HubSpot sets a page view's counter and last page together,
 * so a change at the step's own time counts for it.
 */
export function counterStepActivities(facts: ContactFacts, mapping: ActivityMapping): PairedActivities {
  const activities = new Map<string, Activity>();
  let horizon = -Infinity;
  for (const rule of pairedRules(mapping)) {
    const counterLog = readLog(facts, rule.counter);
    const valueLog = readLog(facts, rule.property);
    for (const log of [counterLog, valueLog]) if (log.length >= STEP_LOG_ENTRIES) horizon = Math.max(horizon, log[0]![0]);
    const stepAt = new Map<number, number>();
    for (const [at, value] of counterLog) {
      const count = parseCount(value);
      const known = count === undefined ? undefined : stepAt.get(count);
      if (count !== undefined && count > 0 && (known === undefined || at < known)) stepAt.set(count, at);
    }
    for (const [count, at] of stepAt) {
      if (at < horizon) continue;
      const value = valueAt(valueLog, at)?.trim();
      if (!value || (rule.when && !textMatches(rule.when.op, rule.when.value, value))) continue;
      const key = `${rule.activity}:${count}`;
      if (!activities.has(key)) activities.set(key, { key, type: rule.activity, occurredAt: at, detail: { [rule.detailField]: value, ordinal: String(count) } });
    }
  }
  return { activities: [...activities.values()].filter((activity) => activity.occurredAt >= horizon), horizon };
}

/** The value the log says the property had at `at`: its latest change at or before then. */
function valueAt(log: readonly Step[], at: number): string | undefined {
  let value: string | undefined;
  for (const [changedAt, changed] of log) {
    if (changedAt > at) break;
    value = changed;
  }
  return value;
}

/**
 * What learning more history changed: the paired activities derived before that are gone or different now (to
 * be retracted, with their points), and the ones derived now (to be stored; a retracted key that is derived again
 * differently is stored afresh). Steps the logs can no longer decide are left as they were.
 */
export function counterStepChanges(before: ContactFacts, after: ContactFacts, mapping: ActivityMapping): { retracted: string[]; activities: Activity[] } {
  if (!stepLogsChanged(before, after, mapping)) return { retracted: [], activities: [] };
  const was = counterStepActivities(before, mapping);
  const now = counterStepActivities(after, mapping);
  const current = new Map(now.activities.map((activity) => [activity.key, activity]));
  const retracted = was.activities
    .filter((activity) => activity.occurredAt >= now.horizon)
    .filter((activity) => {
      const still = current.get(activity.key);
      return !still || JSON.stringify(still.detail) !== JSON.stringify(activity.detail);
    })
    .map((activity) => activity.key);
  return { retracted, activities: now.activities };
}
