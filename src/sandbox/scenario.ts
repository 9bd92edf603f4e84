import { Faker, base, en } from '@faker-js/faker';
import { EMPLOYEE_RANGES } from './default-properties';
import { seededRandom } from './random';

export interface ScenarioOptions {
  seed: number;
  contacts: number;
  owners?: number;
  teams?: number;
  days?: number;
  /** Epoch ms of the first day. A fixed default keeps a seed's scenario identical across runs. */
  start?: number;
}

export interface ScenarioTeam { key: string; name: string }
export interface ScenarioOwner { key: string; firstName: string; lastName: string; email: string; teamKeys: string[] }
export interface ScenarioCompany {
  key: string;
  properties: { name: string; domain: string; industry: string; numberofemployees: string; country: string; city: string };
}

export type Intent = 'cold' | 'warm' | 'hot' | 'job_seeker';
export type Outcome = 'none' | 'opportunity' | 'won' | 'lost';

export type Activity =
  | { kind: 'page_view'; at: number; url: string }
  | { kind: 'email_open'; at: number }
  | { kind: 'email_click'; at: number }
  | { kind: 'form_submission'; at: number; conversion: string }
  | { kind: 'unsubscribe'; at: number }
  | { kind: 'meeting_booked'; at: number; ownerKey: string }
  | { kind: 'call' | 'sales_email' | 'note'; at: number; ownerKey: string }
  | { kind: 'lifecycle_change'; at: number; stage: string }
  | { kind: 'lead_status_change'; at: number; status: string };

export interface ScenarioContact {
  key: string;
  createdAt: number;
  companyKey: string;
  intent: Intent;
  /** Properties at creation. */
  properties: {
    firstname: string; lastname: string; email: string; jobtitle: string; company: string; industry: string;
    numemployees: string; country: string; city: string; lifecyclestage: string; hs_analytics_source: string;
  };
  /** Time-ordered. */
  journey: Activity[];
  outcome: Outcome;
}

export interface Scenario {
  seed: number;
  start: number;
  days: number;
  teams: ScenarioTeam[];
  owners: ScenarioOwner[];
  companies: ScenarioCompany[];
  contacts: ScenarioContact[];
}

export const SITE = 'https://www.example-saas.com';
export const PRICING_URL = `${SITE}/pricing`;
export const CAREERS_URL = `${SITE}/careers`;

/** Conversion (form) names by what they say about intent. */
export const CONVERSIONS = {
  nurture: ['Newsletter signup', 'Ebook: The lead routing playbook', 'Whitepaper: State of B2B lead management 2025'],
  consideration: ['Webinar registration: Scoring that sales trusts', 'Case study download: Acme cuts response time 80%', 'Whitepaper: State of B2B lead management 2025'],
  decision: ['Demo request', 'Pricing: contact sales', 'Free trial signup'],
} as const;

const CONTENT_PAGES = ['/', '/product', '/product/scoring', '/product/routing', '/blog/lead-scoring-101', '/blog/speed-to-lead', '/customers', '/integrations/hubspot'];
const INDUSTRIES = ['Computer Software', 'Financial Services', 'Hospital & Health Care', 'Retail', 'Manufacturing', 'Marketing and Advertising', 'Telecommunications', 'Education Management', 'Logistics and Supply Chain', 'Real Estate'];
const COUNTRIES = [['United States', 30], ['United Kingdom', 12], ['Germany', 10], ['France', 8], ['Canada', 7], ['Netherlands', 5], ['Australia', 5], ['India', 8], ['Brazil', 5], ['Spain', 5], ['Japan', 5]] as const;
const JOB_TITLES = {
  senior: ['CEO', 'Founder', 'CMO', 'VP Marketing', 'VP Sales', 'Head of Growth', 'Director of Revenue Operations', 'CTO'],
  practitioner: ['Marketing Manager', 'Demand Generation Manager', 'Sales Operations Analyst', 'Account Executive', 'Marketing Operations Specialist', 'Growth Marketer'],
  other: ['Software Engineer', 'Student', 'Intern', 'Office Manager', 'Recruiter', 'Teacher'],
} as const;
const SOURCES = [['ORGANIC_SEARCH', 30], ['PAID_SEARCH', 15], ['EMAIL_MARKETING', 10], ['SOCIAL_MEDIA', 10], ['REFERRALS', 10], ['DIRECT_TRAFFIC', 15], ['PAID_SOCIAL', 5], ['OFFLINE', 5]] as const;
const EMPLOYEE_COUNTS: Readonly<Record<(typeof EMPLOYEE_RANGES)[number], readonly [number, number]>> = {
  '1-5': [1, 5], '5-25': [5, 25], '25-50': [25, 50], '50-100': [50, 100], '100-500': [100, 500], '500-1000': [500, 1000], '1000+': [1000, 20000],
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Weighted<T> = readonly (readonly [T, number])[];

/** Seeded picks for the structure of the scenario (faker supplies the names). */
class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: Weighted<T>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return items[items.length - 1]![0];
  }
  /** Exponentially distributed gap with the given mean. */
  gap(meanMs: number): number {
    return Math.round(-Math.log(1 - this.next()) * meanMs);
  }
}

const ascii = (s: string): string => s.normalize('NFKD').replace(/[^a-zA-Z0-9]/g, '').toLowerCase();

type Step = 'page_view' | 'pricing' | 'careers' | 'email_open' | 'email_click' | 'form' | 'unsubscribe' | 'meeting' | 'sales_touch';

const STEPS: Readonly<Record<Intent, Weighted<Step>>> = {
  cold: [['page_view', 45], ['email_open', 35], ['email_click', 6], ['form', 5], ['unsubscribe', 6], ['pricing', 3]],
  warm: [['page_view', 30], ['email_open', 20], ['email_click', 15], ['form', 20], ['pricing', 10], ['unsubscribe', 2], ['meeting', 3]],
  hot: [['page_view', 18], ['pricing', 18], ['email_click', 10], ['email_open', 8], ['form', 20], ['meeting', 12], ['sales_touch', 14]],
  job_seeker: [['careers', 70], ['page_view', 25], ['form', 5]],
};

const JOURNEY_LENGTH: Readonly<Record<Intent, readonly [number, number]>> = {
  cold: [1, 4], warm: [3, 8], hot: [5, 12], job_seeker: [2, 5],
};

function journeyFor(dice: Dice, intent: Intent, createdAt: number, end: number, owners: readonly ScenarioOwner[]): { journey: Activity[]; outcome: Outcome } {
  const journey: Activity[] = [];
  let at = createdAt;
  let unsubscribed = false;
  let ownerKey: string | undefined;
  let metAt: number | undefined;
  const [min, max] = JOURNEY_LENGTH[intent];
  const length = dice.int(min, max);
  for (let i = 0; i < length; i++) {
    at += dice.gap(intent === 'hot' ? 18 * HOUR : 2 * DAY) + 60_000;
    if (at >= end) break;
    let step = dice.weighted(STEPS[intent]);
    if (unsubscribed && (step === 'email_open' || step === 'email_click' || step === 'unsubscribe')) step = 'page_view';
    if (step === 'sales_touch' && ownerKey === undefined) step = 'pricing';
    switch (step) {
      case 'page_view': journey.push({ kind: 'page_view', at, url: SITE + dice.pick(CONTENT_PAGES) }); break;
      case 'pricing': journey.push({ kind: 'page_view', at, url: PRICING_URL }); break;
      case 'careers': journey.push({ kind: 'page_view', at, url: CAREERS_URL }); break;
      case 'email_open': journey.push({ kind: 'email_open', at }); break;
      case 'email_click':
        journey.push({ kind: 'email_open', at });
        journey.push({ kind: 'email_click', at: at + dice.int(5_000, 120_000) });
        break;
      case 'form': {
        const stage = intent === 'hot' ? 'decision' : intent === 'warm' ? 'consideration' : 'nurture';
        journey.push({ kind: 'form_submission', at, conversion: dice.pick(CONVERSIONS[stage]) });
        break;
      }
      case 'unsubscribe':
        journey.push({ kind: 'unsubscribe', at });
        unsubscribed = true;
        break;
      case 'meeting':
        ownerKey ??= dice.pick(owners).key;
        metAt ??= at;
        journey.push({ kind: 'meeting_booked', at, ownerKey });
        break;
      case 'sales_touch':
        journey.push({ kind: dice.weighted([['call', 5], ['sales_email', 3], ['note', 2]] as const), at, ownerKey: ownerKey! });
        break;
    }
  }
  const outcome: Outcome = metAt === undefined ? (intent === 'warm' && dice.chance(0.02) ? 'opportunity' : 'none')
    : dice.weighted([['none', 30], ['opportunity', 30], ['won', 20], ['lost', 20]] as const);
  const last = journey[journey.length - 1]?.at ?? createdAt;
  const decidedAt = Math.min(end - 1, last + dice.gap(3 * DAY) + HOUR);
  if (outcome !== 'none' && decidedAt > last) {
    journey.push({ kind: 'lifecycle_change', at: decidedAt, stage: 'opportunity' });
    if (outcome === 'won') journey.push({ kind: 'lifecycle_change', at: Math.min(end - 1, decidedAt + dice.gap(5 * DAY) + 1), stage: 'customer' });
    if (outcome === 'lost') journey.push({ kind: 'lead_status_change', at: Math.min(end - 1, decidedAt + dice.gap(5 * DAY) + 1), status: 'UNQUALIFIED' });
  }
  journey.sort((a, b) => a.at - b.at);
  return { journey, outcome: outcome !== 'none' && decidedAt > last ? outcome : 'none' };
}

/** A seeded, realistic population of owners, companies and contacts with their marketing and sales journeys. */
export function generateScenario(options: ScenarioOptions): Scenario {
  const { seed, days = 30, start = Date.UTC(2025, 0, 6) } = options;
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const dice = new Dice(seededRandom(seed));
  const end = start + days * DAY;

  const teams: ScenarioTeam[] = Array.from({ length: options.teams ?? 2 }, (_, i) => ({
    key: `team-${i + 1}`,
    name: ['Inbound Sales', 'Enterprise', 'EMEA', 'Mid-Market', 'SMB', 'Partners'][i] ?? `Team ${i + 1}`,
  }));
  const owners: ScenarioOwner[] = Array.from({ length: Math.max(1, options.owners ?? 8) }, (_, i) => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    return {
      key: `owner-${i + 1}`,
      firstName,
      lastName,
      email: `${ascii(firstName)}.${ascii(lastName)}@example-saas.com`,
      teamKeys: teams.length === 0 ? [] : [teams[i % teams.length]!.key],
    };
  });
  const companies: ScenarioCompany[] = Array.from({ length: Math.max(1, Math.ceil(options.contacts / 5)) }, (_, i) => {
    const name = faker.company.name();
    const range = dice.weighted(EMPLOYEE_RANGES.map((r, j) => [r, [10, 20, 15, 15, 20, 10, 10][j]!] as const));
    const [low, high] = EMPLOYEE_COUNTS[range];
    return {
      key: `company-${i + 1}`,
      properties: {
        name,
        domain: `${ascii(name).slice(0, 24) || 'company'}${i + 1}.example.com`,
        industry: dice.pick(INDUSTRIES),
        numberofemployees: String(dice.int(low, high)),
        country: dice.weighted(COUNTRIES),
        city: faker.location.city(),
      },
    };
  });
  const contacts: ScenarioContact[] = [];
  for (let i = 0; i < options.contacts; i++) {
    const company = dice.pick(companies);
    const intent = dice.weighted([['cold', 55], ['warm', 25], ['hot', 14], ['job_seeker', 6]] as const);
    const firstname = faker.person.firstName();
    const lastname = faker.person.lastName();
    const seniority = intent === 'job_seeker' ? 'other' : dice.weighted([['senior', intent === 'hot' ? 40 : 15], ['practitioner', 50], ['other', 20]] as const);
    const createdAt = start + dice.int(0, Math.floor(days * DAY * 0.7));
    const employees = Number(company.properties.numberofemployees);
    const { journey, outcome } = journeyFor(dice, intent, createdAt, end, owners);
    contacts.push({
      key: `contact-${i + 1}`,
      createdAt,
      companyKey: company.key,
      intent,
      properties: {
        firstname,
        lastname,
        email: `${ascii(firstname)}.${ascii(lastname)}.${i + 1}@${company.properties.domain}`,
        jobtitle: dice.pick(JOB_TITLES[seniority]),
        company: company.properties.name,
        industry: company.properties.industry,
        numemployees: EMPLOYEE_RANGES.find((r) => employees <= EMPLOYEE_COUNTS[r][1]) ?? '1000+',
        country: company.properties.country,
        city: company.properties.city,
        lifecyclestage: intent === 'cold' && dice.chance(0.5) ? 'subscriber' : 'lead',
        hs_analytics_source: dice.weighted(SOURCES),
      },
      journey,
      outcome,
    });
  }
  return { seed, start, days, teams, owners, companies, contacts };
}
