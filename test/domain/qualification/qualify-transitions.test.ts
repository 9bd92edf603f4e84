import type { ContactFacts } from '../../../src/domain/activities';
import { qualify, type Decision, type LeadStatus, type Transition } from '../../../src/domain/qualification';
import type { LedgerEntry } from '../../../src/domain/scoring';
import { DAY, entry, HOUR, MONDAY as T, testModel } from '../support/scoring-fixtures';

/** MQL 60, SQL 90 with grade B or better; webinars fade with a 30-day half-life, the rest does not. */
const model = testModel({
  groups: [{ id: 'behaviour', label: 'Behaviour', decay: { kind: 'half_life', days: 30 } }],
  engagementRules: [
    { id: 'webinar', label: 'Webinar', activity: 'form_submission', when: { field: 'form', op: 'contains', value: 'webinar' }, points: 25, group: 'behaviour' },
    { id: 'demo', label: 'Demo request', activity: 'form_submission', when: { field: 'form', op: 'contains', value: 'demo' }, points: 40 },
    { id: 'meeting', label: 'Meeting booked', activity: 'meeting_booked', points: 10 },
    { id: 'careers', label: 'Careers page', activity: 'careers_page_view', points: -10 },
  ],
});
const GRADE_A: ContactFacts = { industry: 'Software', numemployees: '50-100' }; // fit 25
const GRADE_B: ContactFacts = { industry: 'Software' }; // fit 15
const GRADE_D: ContactFacts = {}; // fit 0

const webinars = (at: number, n = 2): LedgerEntry[] => Array.from({ length: n }, () => entry('webinar', 25, at));
const decision = (kind: Decision['kind'], at: number, by = 'user:123', reason?: string): Decision => ({ kind, at, by, ...(reason ? { reason } : {}) });
const step = (from: LeadStatus, to: LeadStatus, at: number, reason: string): Transition => ({ from, to, at, reason });

interface Case {
  name: string;
  ledger: LedgerEntry[];
  facts: ContactFacts;
  decisions?: Decision[];
  now: number;
  status: LeadStatus;
  transitions: Transition[];
}

const cases: Case[] = [
  { name: 'stays new below MQL', ledger: webinars(T, 1), facts: GRADE_B, now: T + HOUR, status: 'new', transitions: [] },
  {
    name: 'new → MQL',
    ledger: [...webinars(T, 1), ...webinars(T + HOUR, 1)],
    facts: GRADE_B,
    now: T + 2 * HOUR,
    status: 'mql',
    transitions: [step('new', 'mql', T + HOUR, 'score 65 ≥ MQL 60')],
  },
  {
    name: 'new → SQL by the universal lead definition',
    ledger: [entry('demo', 40, T), ...webinars(T, 1)],
    facts: GRADE_A,
    now: T + HOUR,
    status: 'sql',
    transitions: [step('new', 'sql', T, 'score 90 ≥ SQL 90 with fit grade A (B or better)')],
  },
  {
    name: 'MQL → SQL',
    ledger: [entry('demo', 40, T), entry('meeting', 10, T), entry('demo', 40, T + DAY)],
    facts: GRADE_B,
    now: T + 2 * DAY,
    status: 'sql',
    transitions: [step('new', 'mql', T, 'score 65 ≥ MQL 60'), step('mql', 'sql', T + DAY, 'score 105 ≥ SQL 90 with fit grade B (B or better)')],
  },
  {
    name: 'a high score with a poor fit stays MQL',
    ledger: [entry('demo', 40, T), entry('demo', 40, T), entry('meeting', 10, T)],
    facts: GRADE_D,
    now: T + DAY,
    status: 'mql',
    transitions: [step('new', 'mql', T, 'score 90 ≥ MQL 60')],
  },
  {
    name: 'MQL → cooling as points decay',
    ledger: webinars(T),
    facts: GRADE_B,
    now: T + 30 * DAY,
    status: 'cooling',
    transitions: [step('new', 'mql', T, 'score 65 ≥ MQL 60'), step('mql', 'cooling', T + 30 * DAY, 'score decayed to 40 < MQL 60')],
  },
  {
    name: 'cooling → MQL again with new points',
    ledger: [...webinars(T), entry('meeting', 10, T + 20 * DAY), ...webinars(T + 25 * DAY, 1)],
    facts: GRADE_B,
    now: T + 26 * DAY,
    status: 'mql',
    transitions: [
      step('new', 'mql', T, 'score 65 ≥ MQL 60'),
      step('mql', 'cooling', T + 20 * DAY, 'score decayed to 56 < MQL 60'), // 15 + 50 × 2^(-2/3) + 10
      step('cooling', 'mql', T + 25 * DAY, 'score 78 ≥ MQL 60 again'), // 15 + 50 × 2^(-5/6) + 10 + 25
    ],
  },
  {
    name: 'MQL → cooling as negative points arrive',
    ledger: [...webinars(T), entry('careers', -10, T + HOUR)],
    facts: GRADE_B,
    now: T + 2 * HOUR,
    status: 'cooling',
    transitions: [step('new', 'mql', T, 'score 65 ≥ MQL 60'), step('mql', 'cooling', T + HOUR, 'score fell to 55 < MQL 60')],
  },
  {
    name: 'an SQL never regresses because of its score',
    ledger: [entry('demo', 40, T), ...webinars(T, 1), entry('careers', -10, T + DAY)],
    facts: GRADE_A,
    now: T + 365 * DAY,
    status: 'sql',
    transitions: [step('new', 'sql', T, 'score 90 ≥ SQL 90 with fit grade A (B or better)')],
  },
  {
    name: 'a rep accepts a lead',
    ledger: webinars(T, 1),
    facts: GRADE_D,
    decisions: [decision('accept', T + DAY, 'user:123', 'asked for a quote')],
    now: T + 2 * DAY,
    status: 'sql',
    transitions: [step('new', 'sql', T + DAY, 'accepted by user:123: asked for a quote')],
  },
  {
    name: 'a recycled lead does not requalify on its old points',
    ledger: [...webinars(T), entry('meeting', 10, T + 2 * DAY)],
    facts: GRADE_B,
    decisions: [decision('recycle', T + DAY, 'user:5', 'no budget this quarter')],
    now: T + 3 * DAY,
    status: 'recycled',
    transitions: [step('new', 'mql', T, 'score 65 ≥ MQL 60'), step('mql', 'recycled', T + DAY, 'recycled by user:5: no budget this quarter')],
  },
  {
    name: 'a recycled lead becomes MQL again through points earned after the recycle',
    ledger: [...webinars(T), ...webinars(T + 3 * DAY)],
    facts: GRADE_B,
    decisions: [decision('recycle', T + DAY, 'user:5')],
    now: T + 4 * DAY,
    status: 'mql',
    transitions: [
      step('new', 'mql', T, 'score 65 ≥ MQL 60'),
      step('mql', 'recycled', T + DAY, 'recycled by user:5'),
      step('recycled', 'mql', T + 3 * DAY, 'score since recycle 65 ≥ MQL 60'),
    ],
  },
  {
    name: 'an SQL can be recycled',
    ledger: [entry('demo', 40, T), ...webinars(T, 1)],
    facts: GRADE_A,
    decisions: [decision('recycle', T + DAY, 'user:5')],
    now: T + 2 * DAY,
    status: 'recycled',
    transitions: [step('new', 'sql', T, 'score 90 ≥ SQL 90 with fit grade A (B or better)'), step('sql', 'recycled', T + DAY, 'recycled by user:5')],
  },
  {
    name: 'reopening a recycled lead counts all its points again',
    ledger: webinars(T),
    facts: GRADE_B,
    decisions: [decision('recycle', T + DAY, 'user:5'), decision('reopen', T + 2 * DAY, 'user:6')],
    now: T + 3 * DAY,
    status: 'mql',
    transitions: [
      step('new', 'mql', T, 'score 65 ≥ MQL 60'),
      step('mql', 'recycled', T + DAY, 'recycled by user:5'),
      step('recycled', 'new', T + 2 * DAY, 'reopened by user:6'),
      step('new', 'mql', T + 2 * DAY, 'score 63 ≥ MQL 60'), // 15 + 50 × 2^(-2/30)
    ],
  },
  {
    name: 'a disqualified lead ignores points and acceptance until reopened',
    ledger: [...webinars(T), entry('demo', 40, T + 2 * DAY)],
    facts: GRADE_B,
    decisions: [decision('disqualify', T + DAY, 'user:9', 'competitor'), decision('accept', T + 3 * DAY), decision('recycle', T + 3 * DAY)],
    now: T + 4 * DAY,
    status: 'disqualified',
    transitions: [step('new', 'mql', T, 'score 65 ≥ MQL 60'), step('mql', 'disqualified', T + DAY, 'disqualified by user:9: competitor')],
  },
  {
    name: 'reopening a disqualified lead goes back to new, then where the score says',
    ledger: [...webinars(T), entry('demo', 40, T + 2 * DAY)],
    facts: GRADE_B,
    decisions: [decision('disqualify', T + DAY, 'user:9'), decision('reopen', T + 4 * DAY, 'user:9', 'new project')],
    now: T + 5 * DAY,
    status: 'sql',
    transitions: [
      step('new', 'mql', T, 'score 65 ≥ MQL 60'),
      step('mql', 'disqualified', T + DAY, 'disqualified by user:9'),
      step('disqualified', 'new', T + 4 * DAY, 'reopened by user:9: new project'),
      step('new', 'sql', T + 4 * DAY, 'score 101 ≥ SQL 90 with fit grade B (B or better)'),
    ],
  },
  {
    name: 'decisions and points after now are not history yet',
    ledger: [...webinars(T, 1), entry('demo', 40, T + 2 * DAY)],
    facts: GRADE_B,
    decisions: [decision('accept', T + 2 * DAY)],
    now: T + DAY,
    status: 'new',
    transitions: [],
  },
];

describe('qualify: status transitions', () => {
  it.each(cases)('$name', ({ ledger, facts, decisions = [], now, status, transitions }) => {
    const result = qualify(model, ledger, facts, decisions, now);
    expect(result.transitions).toEqual(transitions);
    expect(result.status).toBe(status);
  });

  it('returns the score at now with the status', () => {
    const ledger = [entry('demo', 40, T), ...webinars(T, 1)];
    const { score } = qualify(model, ledger, GRADE_A, [], T + 30 * DAY);
    expect(score).toMatchObject({ fit: 25, engagement: 53, total: 78, grade: 'A' });
  });
});
