import { EMPTY_POOL_STATE, recordAssignment, routeLead, routingSettingsSchema, type PoolState, type RepState, type RoutingLead } from '../src/domain/routing';
import { seededRandom } from '../src/sandbox/random';
import type { BenchRow } from './gateway-overhead';

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const COUNTRIES = ['United States', 'Germany', 'France', 'Brazil', 'India', 'Japan', 'Canada', 'Spain', 'Italy', 'Mexico'];

/**
 * Routing decisions per second with 50 reps in 5 pools and 20 rules, beside the cheapest possible
 * assignment (an array index modulo the team, no rules, no availability) in the same run; and the fairness
 * the issue asks for: round-robin spread and weighted share error over 10,000 assignments.
 */
export function routingBench(decisions = 20_000): BenchRow[] {
  const reps = Array.from({ length: 50 }, (_, i) => String(1000 + i));
  const pools = Array.from({ length: 5 }, (_, p) => ({
    id: `pool_${p}`,
    label: `Pool ${p}`,
    strategy: (['round_robin', 'weighted', 'least_loaded', 'round_robin', 'weighted'] as const)[p]!,
    managerOwnerId: reps[p * 10]!,
    members: reps.slice(p * 10, p * 10 + 10).map((ownerId, m) => ({ ownerId, weight: 1 + (m % 3), caps: {} })),
  }));
  const rules = Array.from({ length: 20 }, (_, r) => ({
    id: `rule_${r}`,
    label: `Rule ${r}`,
    when: [
      { subject: 'property', property: 'country', test: { op: 'eq', value: COUNTRIES[r % COUNTRIES.length] } },
      { subject: 'score', score: 'total', test: { op: 'range', min: (r % 4) * 25, max: (r % 4) * 25 + 24 } },
    ],
    poolId: pools[r % pools.length]!.id,
  }));
  const settings = routingSettingsSchema.parse({
    useCompanyOwner: false,
    rules,
    defaultPool: 'pool_0',
    pools,
    reps: Object.fromEntries(
      reps.map((id) => [
        id,
        { calendar: { timeZone: 'Europe/Berlin', workingHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: { country: 'DE', region: 'BE' } } },
      ]),
    ),
  });
  const random = seededRandom(7);
  const leads: RoutingLead[] = Array.from({ length: decisions }, (_, i) => ({
    contactId: String(i),
    properties: { country: COUNTRIES[Math.floor(random() * COUNTRIES.length)]! },
    score: { total: Math.floor(random() * 100), fit: 20, engagement: 40 },
    grade: 'B',
    status: 'sql',
  }));
  const now = Date.UTC(2026, 10, 4, 10);

  let poolStates: Record<string, PoolState> = Object.fromEntries(pools.map((p) => [p.id, EMPTY_POOL_STATE]));
  let repStates: Record<string, RepState> = {};
  const started = process.hrtime.bigint();
  for (const lead of leads) {
    const decision = routeLead({ lead, settings, poolStates, repStates, now });
    if (decision.kind === 'assigned' && decision.poolId && decision.poolState) {
      poolStates = { ...poolStates, [decision.poolId]: decision.poolState };
      repStates = recordAssignment(repStates, decision.ownerId, now);
    }
  }
  const ours = decisions / (Number(process.hrtime.bigint() - started) / 1e9);

  const counts = new Array<number>(reps.length).fill(0);
  const baseStarted = process.hrtime.bigint();
  for (let i = 0; i < decisions; i += 1) counts[i % reps.length]! += 1;
  const baseline = decisions / (Number(process.hrtime.bigint() - baseStarted) / 1e9);

  // Fairness: one round-robin pool and one weighted pool, 10,000 assignments each.
  const fairness = (strategy: 'round_robin' | 'weighted') => {
    const members = reps.slice(0, 10).map((ownerId, m) => ({ ownerId, weight: 1 + (m % 3), caps: {} }));
    const single = routingSettingsSchema.parse({ ...settings, rules: [], defaultPool: 'p', pools: [{ id: 'p', label: 'P', strategy, managerOwnerId: reps[0], members }] });
    let state: PoolState = EMPTY_POOL_STATE;
    const got = new Map<string, number>();
    for (let i = 0; i < 10_000; i += 1) {
      const decision = routeLead({ lead: leads[i]!, settings: single, poolStates: { p: state }, repStates: {}, now });
      if (decision.kind !== 'assigned' || !decision.poolState) throw new Error('fairness run could not assign');
      state = decision.poolState;
      got.set(decision.ownerId, (got.get(decision.ownerId) ?? 0) + 1);
    }
    const totalWeight = members.reduce((sum, m) => sum + m.weight, 0);
    const values = members.map((m) => got.get(m.ownerId) ?? 0);
    const shareError = Math.max(...members.map((m) => Math.abs((got.get(m.ownerId) ?? 0) / 10_000 - m.weight / totalWeight)));
    return { spread: Math.max(...values) - Math.min(...values), shareError };
  };
  const roundRobin = fairness('round_robin');
  const weighted = fairness('weighted');
  return [
    {
      name: `routing: ${decisions} decisions, 50 reps in 5 pools, 20 rules, availability checked (decisions/s)`,
      ours: ours.toFixed(0),
      baseline: `${baseline.toFixed(0)} (index modulo team, no rules)`,
      ratio: (ours / baseline).toFixed(4),
    },
    { name: 'routing fairness: round robin, 10 reps, 10,000 assignments (max − min)', ours: String(roundRobin.spread), baseline: '≤ 1 required', ratio: '-' },
    { name: 'routing fairness: weighted 1/2/3, 10 reps, 10,000 assignments (max share error)', ours: `${(weighted.shareError * 100).toFixed(2)}%`, baseline: '≤ 2% required', ratio: '-' },
  ];
}
