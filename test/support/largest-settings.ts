import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from '../../src/domain/portal-settings';
import { LIMITS } from '../../src/limits';

const S = LIMITS.settings;
/** Activities the sandbox's scenarios produce, so that the rules have work to do. */
const ACTIVITIES = ['page_view', 'email_open', 'email_click', 'form_submission', 'pricing_page_view', 'meeting_booked', 'call', 'sales_email', 'note', 'contact_created'];
const FIT_PROPERTIES = ['industry', 'country', 'jobtitle', 'numemployees', 'phone'];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Scoring settings with every list as long as the limits allow (rules, groups, mappings, a detail map
 * and an `in` test), rules spread over the activities contacts really have, and still small enough to
 * be sent as one settings body.
 */
export function largestScoringSettings(): PortalSettings {
  const base = DEFAULT_PORTAL_SETTINGS.scoring;
  const mapping = {
    ...base.mapping,
    counters: [
      ...base.mapping.counters,
      ...range(S.counterMappings - base.mapping.counters.length).map((i) => ({ property: `counter_${i}`, activity: `counted_${i}`, maxPerChange: 10 })),
    ],
    properties: [
      ...base.mapping.properties,
      ...range(S.propertyMappings - base.mapping.properties.length).map((i) => ({
        property: `signal_${i}`,
        activity: `signal_${i}`,
        detailField: 'value',
        keyBy: 'value' as const,
      })),
    ],
    engagements: [
      { objectType: 'notes' as const, activity: 'note', detail: Object.fromEntries(range(S.detailFieldsPerEngagement).map((i) => [`field${i}`, `hs_field_${i}`])) },
      ...base.mapping.engagements,
      ...range(S.engagementMappings - base.mapping.engagements.length - 1).map((i) => ({ objectType: 'tasks' as const, activity: `task_${i}`, detail: {} })),
    ],
  };
  const groups = range(S.ruleGroups).map((i) => ({
    id: `group_${i}`,
    label: `Group ${i}`,
    ...(i % 2 === 0 ? { cap: { maxPoints: 50 + i, per: 'week' as const } } : {}),
    decay: i % 3 === 0 ? { kind: 'linear' as const, percent: 10, everyDays: 30 } : { kind: 'half_life' as const, days: 30 + i },
  }));
  const engagementRules = range(S.engagementRules).map((i) => ({
    id: `rule_${i}`,
    label: `Rule ${i}`,
    activity: ACTIVITIES[i % ACTIVITIES.length]!,
    ...(i % 7 === 0 ? { when: { field: 'form', op: 'matches' as const, value: `webinar|demo|trial ${i}` } } : {}),
    points: (i % 9) - 2,
    group: `group_${i % S.ruleGroups}`,
    ...(i % 4 === 0 ? { cap: { max: 3, per: 'day' as const } } : {}),
  }));
  const fitRules = range(S.fitRules).map((i) => {
    const fit = { id: `fit_${i}`, label: `Fit ${i}`, property: FIT_PROPERTIES[i % FIT_PROPERTIES.length]!, points: (i % 11) - 3 };
    if (i === 0) return { ...fit, property: 'country', op: 'in' as const, values: range(S.valuesPerTest).map((v) => `Country ${v}`) };
    if (i % 5 === 3) return { ...fit, op: 'range' as const, min: i, max: i * 10 };
    if (i % 5 === 4) return { ...fit, op: 'exists' as const };
    return { ...fit, op: 'in' as const, values: [`Value ${i}`, 'Computer Software', 'United States', 'Marketing Manager'] };
  });
  return {
    ...DEFAULT_PORTAL_SETTINGS,
    scoring: { ...base, mapping, groups, engagementRules, fitRules, thresholds: { mql: 40, sql: 5_000, minGradeForSql: 'A' } },
  };
}

const TIME_ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles', 'Europe/London'];
const COUNTRIES = ['US', 'DE', 'JP', 'US', 'GB'];
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const isoDay = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
/** Eight short intervals: the most one day may have. */
const SPLIT_DAY = range(S.intervalsPerDay).map((i) => ({ start: `${String(8 + i).padStart(2, '0')}:00`, end: `${String(8 + i).padStart(2, '0')}:45` }));

/**
 * Routing and SLA with every list as long as the limits allow: rules, conditions per rule, values per test,
 * pools, members per pool, reps, out-of-office periods, SLA policies and the pools one names, and a
 * calendar with the most intervals per day and extra and ignored days. Each list is at its limit once, not
 * every list inside every other, which is what "largest" means for a schema (the body limit bounds the rest).
 */
export function largestRoutingSettings(repCount: number = S.reps): Pick<PortalSettings, 'routing' | 'sla'> {
  const ownerIds = range(repCount).map((i) => String(1_000 + i));
  const calendar = (i: number) => ({
    timeZone: TIME_ZONES[i % TIME_ZONES.length]!,
    workingHours: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
    holidays: { country: COUNTRIES[i % COUNTRIES.length]! },
  });
  const busiest = {
    ...calendar(0),
    workingHours: { mon: SPLIT_DAY, tue: SPLIT_DAY, wed: SPLIT_DAY, thu: SPLIT_DAY, fri: SPLIT_DAY, sat: SPLIT_DAY, sun: SPLIT_DAY },
    holidays: { country: 'US', extra: range(S.calendarDays).map(isoDay), ignore: range(S.calendarDays).map(isoDay) },
  };
  const reps = Object.fromEntries(
    ownerIds.map((ownerId, i) => [
      ownerId,
      {
        calendar: i === 0 ? busiest : calendar(i),
        outOfOffice: i === 0 ? range(S.outOfOfficePeriods).map((d) => ({ from: isoDay(d), to: isoDay(d) })) : [],
        away: false,
      },
    ]),
  );
  const pools = range(S.pools).map((p) => ({
    id: `pool_${p}`,
    label: `Pool ${p}`,
    strategy: (['round_robin', 'weighted', 'least_loaded'] as const)[p % 3]!,
    managerOwnerId: ownerIds[p % repCount]!,
    members: (p === 0 ? ownerIds.slice(0, S.membersPerPool) : [ownerIds[p % repCount]!]).map((ownerId) => ({ ownerId, weight: 1, caps: {} })),
  }));
  const condition = (i: number) => ({ subject: 'property' as const, property: 'country', test: { op: 'in' as const, values: [`Country ${i}`, 'Germany'] } });
  const rules = range(S.routingRules).map((r) => ({
    id: `route_${r}`,
    label: `Route ${r}`,
    when:
      r === 0
        ? [
            { subject: 'property' as const, property: 'country', test: { op: 'in' as const, values: range(S.valuesPerTest).map((v) => `Country ${v}`) } },
            ...range(S.conditionsPerRule - 1).map(condition),
          ]
        : [condition(r), { subject: 'score' as const, score: 'total' as const, test: { op: 'range' as const, min: r } }],
    poolId: `pool_${r % S.pools}`,
  }));
  const policies = range(S.slaPolicies).map((i) => ({
    id: `policy_${i}`,
    label: `Policy ${i}`,
    appliesTo: i === 0 ? { poolIds: pools.map((pool) => pool.id) } : { priority: (['high', 'normal', 'low'] as const)[i % 3]! },
    firstTouchWithinHours: 1 + i,
    reminderAtFraction: 0.5,
    onBreach: 'escalate' as const,
    clearOwnerOnRecycle: false,
  }));
  return {
    routing: { useCompanyOwner: false, rules, defaultPool: 'pool_0', pools, reps },
    sla: { policies, defaultCalendar: busiest },
  };
}

/**
 * The largest routing and SLA one settings request may carry: every list of largestRoutingSettings at its
 * limit, with as many reps (each with a calendar) as still fit in LIMITS.api.settingsBodyBytes.
 */
export function largestRoutingBody(): PortalSettings {
  const size = (settings: PortalSettings) => Buffer.byteLength(JSON.stringify({ settings }));
  const withReps = (reps: number): PortalSettings => ({ ...DEFAULT_PORTAL_SETTINGS, ...largestRoutingSettings(reps) });
  let reps = S.reps;
  while (size(withReps(reps)) > LIMITS.api.settingsBodyBytes) reps -= 10;
  return withReps(reps);
}
