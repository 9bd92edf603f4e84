import { Engine, Fact } from 'json-rules-engine';
import { DEFAULT_SCORING_MODEL, evaluate, scoringModelSchema, type LedgerEntry, type ScoringModel } from '../src/domain/scoring';
import { seededRandom } from '../src/sandbox/random';
import type { BenchRow } from './gateway-overhead';

const DAY = 86_400_000;
const ROUNDS = 7;
const ACTIVITIES = ['email_open', 'email_click', 'page_view', 'pricing_page_view', 'meeting_booked'] as const;
const INDUSTRIES = ['Internet', 'Computer Software', 'Retail', 'Education', 'Financial Services'];
const COUNTRIES = ['United States', 'Germany', 'Brazil', 'India', 'Canada'];

/**
 * Our engine against json-rules-engine on the same rules and contacts. json-rules-engine has no caps or
 * decay, so the rule set is the part both can express: points per activity and fit rules (in, range,
 * contains, exists). Both must agree on every contact's total before their speed is compared.
 */
export async function scoringBench(contacts = 2_000, activitiesPerContact = 30): Promise<BenchRow[]> {
  const model: ScoringModel = scoringModelSchema.parse({
    ...DEFAULT_SCORING_MODEL,
    groups: [],
    engagementCap: undefined,
    engagementRules: ACTIVITIES.map((activity, i) => ({ id: activity, label: activity, activity, points: [2, 4, 5, 10, 10][i] })),
    fitRules: [
      { id: 'industry', label: 'Industry', property: 'industry', op: 'in', values: ['Internet', 'Computer Software'], points: 15 },
      { id: 'size', label: 'Size', property: 'numemployees', op: 'range', min: 50, max: 100, points: 10 },
      { id: 'country', label: 'Country', property: 'country', op: 'in', values: ['United States', 'Canada'], points: 10 },
      { id: 'title', label: 'Title', property: 'jobtitle', op: 'contains', value: 'marketing', points: 5 },
      { id: 'phone', label: 'Phone', property: 'phone', op: 'exists', points: 5 },
    ],
  });
  const random = seededRandom(42);
  const now = Date.UTC(2026, 10, 1);
  const population = Array.from({ length: contacts }, (_, c) => {
    const ledger: LedgerEntry[] = Array.from({ length: activitiesPerContact }, (_, i) => {
      const activity = ACTIVITIES[Math.floor(random() * ACTIVITIES.length)]!;
      const rule = model.engagementRules.find((r) => r.activity === activity)!;
      return { sourceKey: `${c}:${i}`, ruleId: rule.id, points: rule.points, occurredAt: now - Math.floor(random() * 90) * DAY };
    });
    const facts: Record<string, string> = {
      industry: INDUSTRIES[Math.floor(random() * INDUSTRIES.length)]!,
      numemployees: String(Math.floor(random() * 200)),
      country: COUNTRIES[Math.floor(random() * COUNTRIES.length)]!,
      jobtitle: random() < 0.3 ? 'Head of Marketing' : 'Engineer',
      ...(random() < 0.5 ? { phone: '+1 555 0100' } : {}),
    };
    return { ledger, facts };
  });

  // Their side is set up for speed too: each count is a fact of its own (a path into one object of
  // counts goes through JSONPath, which throws and catches an error per lookup), and facts are
  // constants, so they are given without the cache key json-rules-engine would otherwise hash for each.
  const engine = new Engine([], { allowUndefinedFacts: true });
  // json-rules-engine's own `contains` is for arrays; a substring test needs an operator of its own.
  engine.addOperator('includesText', (fact: unknown, value: unknown) => typeof fact === 'string' && fact.includes(String(value)));
  for (const rule of model.engagementRules) {
    engine.addRule({
      conditions: { all: [{ fact: rule.id, operator: 'greaterThan', value: 0 }] },
      event: { type: 'engagement', params: { activity: rule.activity, points: rule.points } },
    });
  }
  engine.addRule({ conditions: { all: [{ fact: 'industry', operator: 'in', value: ['Internet', 'Computer Software'] }] }, event: { type: 'fit', params: { points: 15 } } });
  engine.addRule({
    conditions: { all: [{ fact: 'employees', operator: 'greaterThanInclusive', value: 50 }, { fact: 'employees', operator: 'lessThanInclusive', value: 100 }] },
    event: { type: 'fit', params: { points: 10 } },
  });
  engine.addRule({ conditions: { all: [{ fact: 'country', operator: 'in', value: ['United States', 'Canada'] }] }, event: { type: 'fit', params: { points: 10 } } });
  engine.addRule({ conditions: { all: [{ fact: 'jobtitleLower', operator: 'includesText', value: 'marketing' }] }, event: { type: 'fit', params: { points: 5 } } });
  engine.addRule({ conditions: { all: [{ fact: 'hasPhone', operator: 'equal', value: true }] }, event: { type: 'fit', params: { points: 5 } } });

  const constant = (id: string, value: unknown) => new Fact(id, value, { cache: false });
  const theirs = async (contact: (typeof population)[number]) => {
    const counts: Record<string, number> = {};
    for (const entry of contact.ledger) counts[entry.ruleId] = (counts[entry.ruleId] ?? 0) + 1;
    const facts: Record<string, Fact> = {
      industry: constant('industry', contact.facts.industry),
      employees: constant('employees', Number(contact.facts.numemployees)),
      country: constant('country', contact.facts.country),
      jobtitleLower: constant('jobtitleLower', contact.facts.jobtitle!.toLowerCase()),
      hasPhone: constant('hasPhone', contact.facts.phone !== undefined),
    };
    for (const [ruleId, count] of Object.entries(counts)) facts[ruleId] = constant(ruleId, count);
    const { events } = await engine.run(facts);
    return events.reduce((sum, event) => {
      const params = event.params as { points: number; activity?: string };
      return sum + (params.activity ? params.points * counts[params.activity]! : params.points);
    }, 0);
  };
  const ours = (contact: (typeof population)[number]) => evaluate(model, contact.ledger, contact.facts, now).total;

  // Agreement first: totals must match on every contact before speed means anything.
  for (const contact of population) {
    const [a, b] = [ours(contact), await theirs(contact)];
    if (a !== b) throw new Error(`engines disagree: ours ${a}, json-rules-engine ${b}`);
  }

  // Ours takes a few milliseconds over the population, so a round repeats it until it lasts long
  // enough to time; the engines alternate within each round so that load from elsewhere on the
  // machine falls on both, and the median round's ratio is reported.
  let checksum = 0;
  const oursPass = () => {
    for (const contact of population) checksum += ours(contact);
  };
  const theirsPass = async () => {
    for (const contact of population) checksum += await theirs(contact);
  };
  const elapsed = async (run: () => Promise<void> | void): Promise<number> => {
    const started = process.hrtime.bigint();
    await run();
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  await theirsPass(); // warm-up, as the first of ours below is
  const repeats = Math.max(1, Math.ceil(0.05 / (await elapsed(oursPass))));
  const rounds: { ours: number; theirs: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const oursSeconds = await elapsed(() => {
      for (let r = 0; r < repeats; r++) oursPass();
    });
    const theirSeconds = await elapsed(theirsPass);
    rounds.push({ ours: (contacts * repeats) / oursSeconds, theirs: contacts / theirSeconds });
  }
  if (!Number.isFinite(checksum)) throw new Error('no totals');
  const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratio = median(rounds.map((r) => r.ours / r.theirs));
  return [
    {
      name: `scoring: ${contacts} contacts × ${activitiesPerContact} activities, 5 fit rules (evaluations/s, median of ${ROUNDS} rounds)`,
      ours: median(rounds.map((r) => r.ours)).toFixed(0),
      baseline: `${median(rounds.map((r) => r.theirs)).toFixed(0)} (json-rules-engine)`,
      ratio: ratio.toFixed(2),
      key: 'scoring.ratioVsJsonRulesEngine',
      value: Number(ratio.toFixed(2)),
    },
  ];
}
