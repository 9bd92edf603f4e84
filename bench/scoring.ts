import { Engine } from 'json-rules-engine';
import { DEFAULT_SCORING_MODEL, evaluate, scoringModelSchema, type LedgerEntry, type ScoringModel } from '../src/domain/scoring';
import { seededRandom } from '../src/sandbox/random';
import type { BenchRow } from './gateway-overhead';

const DAY = 86_400_000;
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

  const engine = new Engine([], { allowUndefinedFacts: true });
  // json-rules-engine's own `contains` is for arrays; a substring test needs an operator of its own.
  engine.addOperator('includesText', (fact: unknown, value: unknown) => typeof fact === 'string' && fact.includes(String(value)));
  for (const rule of model.engagementRules) {
    engine.addRule({
      conditions: { all: [{ fact: 'counts', path: `$.${rule.activity}`, operator: 'greaterThan', value: 0 }] },
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

  const theirs = async (contact: (typeof population)[number]) => {
    const counts: Record<string, number> = {};
    for (const entry of contact.ledger) counts[entry.ruleId] = (counts[entry.ruleId] ?? 0) + 1;
    const { events } = await engine.run({
      counts,
      industry: contact.facts.industry,
      employees: Number(contact.facts.numemployees),
      country: contact.facts.country,
      jobtitleLower: contact.facts.jobtitle!.toLowerCase(),
      hasPhone: contact.facts.phone !== undefined,
    });
    return events.reduce((sum, event) => {
      const params = event.params as { points: number; activity?: string };
      return sum + (params.activity ? params.points * counts[params.activity]! : params.points);
    }, 0);
  };
  const ours = (contact: (typeof population)[number]) => evaluate(model, contact.ledger, contact.facts, now).total;

  for (const contact of population) {
    const [a, b] = [ours(contact), await theirs(contact)];
    if (a !== b) throw new Error(`engines disagree: ours ${a}, json-rules-engine ${b}`);
  }
  const time = async (run: () => Promise<void> | void) => {
    const started = process.hrtime.bigint();
    await run();
    return contacts / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  const oursRate = await time(() => population.forEach(ours));
  const theirRate = await time(async () => {
    for (const contact of population) await theirs(contact);
  });
  return [
    {
      name: `scoring: ${contacts} contacts × ${activitiesPerContact} activities, 5 fit rules (evaluations/s)`,
      ours: oursRate.toFixed(0),
      baseline: `${theirRate.toFixed(0)} (json-rules-engine)`,
      ratio: (oursRate / theirRate).toFixed(2),
    },
  ];
}
