/**
 * The service's API as the extensions see it. Mirrors the service's zod schemas
 * (src/domain/scoring, src/domain/write-back, src/domain/routing, src/domain/sla, src/domain/calendar); the extensions are bundled on their own, so they
 * declare the shapes instead of importing them. The server's test/http/cards-contract.test.ts type-checks the
 * access and owner shapes against its contract.
 */

export type Grade = 'A' | 'B' | 'C' | 'D';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

export type LeadStatus = 'new' | 'mql' | 'sql' | 'cooling' | 'recycled' | 'disqualified';
export const LEAD_STATUSES: readonly LeadStatus[] = ['new', 'mql', 'sql', 'cooling', 'recycled', 'disqualified'];

export interface LeadReason {
  ruleId: string;
  label: string;
  kind: 'engagement' | 'fit';
  count: number;
  /** Points the rule contributes now (after caps and decay). */
  points: number;
}

export interface Lead {
  contactId: string;
  score: number;
  fit: number;
  engagement: number;
  grade: Grade;
  status: LeadStatus;
  statusSince: string | null;
  reasons: LeadReason[];
  thresholds: { mql: number; sql: number; minGradeForSql: Grade };
  next: { label: 'MQL' | 'SQL'; at: number; remaining: number } | null;
  trend: { date: string; score: number }[];
  updatedAt: string | null;
  /** HubSpot refused the lead manager's last update of this contact (the portal's validation rules). */
  writeRejection: WriteRejection | null;
}

export interface WriteRejection {
  /** HubSpot's message. */
  message: string;
  /** The properties HubSpot named; may be empty. */
  properties: string[];
  /** When HubSpot refused it (ISO 8601). */
  at: string;
}

export type DecisionKind = 'accept' | 'recycle' | 'disqualify';

export type CapPeriod = 'day' | 'week' | 'month' | 'ever';
export const CAP_PERIODS: readonly CapPeriod[] = ['day', 'week', 'month', 'ever'];

export type TextOperator = 'eq' | 'contains' | 'matches';

export interface TextCondition {
  op: TextOperator;
  value: string;
}

export interface EngagementRule {
  id: string;
  label: string;
  activity: string;
  when?: TextCondition & { field: string };
  points: number;
  group?: string;
  cap?: { max: number; per: CapPeriod };
}

export type GroupDecay = { kind: 'half_life'; days: number } | { kind: 'linear'; percent: number; everyDays: number };

export interface RuleGroup {
  id: string;
  label: string;
  cap?: { maxPoints: number; per: CapPeriod };
  decay?: GroupDecay;
}

interface FitRuleBase {
  id: string;
  label: string;
  property: string;
  points: number;
}

export type FitRule = FitRuleBase & ValueTest;

export interface CounterMapping {
  property: string;
  activity: string;
  timeProperty?: string;
  maxPerChange: number;
}

export interface PropertyMapping {
  property: string;
  activity: string;
  when?: TextCondition;
  detailField: string;
  keyBy: 'event' | 'value' | 'valueAt' | 'timestamp';
  timeProperty?: string;
}

export interface EngagementMapping {
  objectType: 'calls' | 'emails' | 'meetings' | 'notes' | 'tasks';
  activity: string;
  when?: TextCondition & { property: string };
  detail: Record<string, string>;
}

export interface ActivityMapping {
  creation: { activity: string; sourceProperty: string; timeProperty: string };
  counters: CounterMapping[];
  properties: PropertyMapping[];
  engagements: EngagementMapping[];
}

export interface ScoringModel {
  engagementRules: EngagementRule[];
  groups: RuleGroup[];
  engagementCap?: number;
  fitRules: FitRule[];
  fitGrades: { A: number; B: number; C: number };
  thresholds: { mql: number; sql: number; minGradeForSql: Grade };
  mapping: ActivityMapping;
}

export interface WriteBackSettings {
  lifecycleStage: { enabled: boolean; mqlStage: string; sqlStage: string; order: string[] };
  leadStatus: { enabled: boolean; values: Partial<Record<LeadStatus, string>> };
}

export interface PortalSettings {
  scoring: ScoringModel;
  writeBack: WriteBackSettings;
  /** Without it, leads are scored but not routed. */
  routing?: RoutingSettings;
  /** Without it, no first-touch clock runs. */
  sla?: SlaSettings;
  /** Without it, only the installer and super admins may publish. */
  access?: AccessSettings;
}

export interface AccessSettings {
  /** HubSpot user ids who may publish and roll back, beside the installer and super admins. */
  editors: number[];
}

export type ValueTest =
  | { op: 'eq'; value: string }
  | { op: 'in'; values: string[] }
  | { op: 'range'; min?: number; max?: number }
  | { op: 'contains'; value: string }
  | { op: 'exists' };

export type ScoreField = 'total' | 'fit' | 'engagement';
export const SCORE_FIELDS: readonly ScoreField[] = ['total', 'fit', 'engagement'];

export type RoutingCondition =
  | { subject: 'property'; property: string; test: ValueTest }
  | { subject: 'score'; score: ScoreField; test: ValueTest }
  | { subject: 'grade'; test: ValueTest }
  | { subject: 'status'; test: ValueTest };

export interface RoutingRule {
  id: string;
  label: string;
  /** Every condition must hold; none matches every lead. */
  when: RoutingCondition[];
  poolId: string;
  /** Priority of the leads it matches (picks their SLA policy); normal when unset. */
  priority?: LeadPriority;
}

export type RoutingStrategy = 'round_robin' | 'weighted' | 'least_loaded';
export const ROUTING_STRATEGIES: readonly RoutingStrategy[] = ['round_robin', 'weighted', 'least_loaded'];

export interface PoolMember {
  ownerId: string;
  /** Relative share under the weighted strategy; ignored by the others. */
  weight: number;
  caps: { perDay?: number; open?: number };
}

export interface Pool {
  id: string;
  label: string;
  strategy: RoutingStrategy;
  members: PoolMember[];
  managerOwnerId: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** 'HH:MM' local wall-clock times; end after start. */
export interface WorkingInterval {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  timeZone: string;
  /** A missing or empty day is not worked. */
  workingHours: Partial<Record<Weekday, WorkingInterval[]>>;
  holidays: { country?: string; region?: string; extra?: string[]; ignore?: string[] };
}

/** ISO dates (inclusive, local) or date-times with offset. */
export interface OutOfOffice {
  from: string;
  to: string;
}

export interface RepAvailability {
  /** Also the calendar the rep's SLA clock runs in. */
  calendar: BusinessCalendar;
  outOfOffice: OutOfOffice[];
  away: boolean;
}

export interface RoutingSettings {
  useCompanyOwner: boolean;
  rules: RoutingRule[];
  defaultPool: string;
  pools: Pool[];
  /** Per HubSpot owner id; every pool member needs one. */
  reps: Record<string, RepAvailability>;
}

export type LeadPriority = 'high' | 'normal' | 'low';
export const LEAD_PRIORITIES: readonly LeadPriority[] = ['high', 'normal', 'low'];

export type BreachAction = 'reassign' | 'escalate' | 'recycle';
export const BREACH_ACTIONS: readonly BreachAction[] = ['reassign', 'escalate', 'recycle'];

export interface SlaPolicy {
  id: string;
  label: string;
  /** A missing condition matches any lead. */
  appliesTo: { poolIds?: string[]; priority?: LeadPriority };
  firstTouchWithinHours: number;
  /** Share of the window (0–1, exclusive) after which the reminder goes out. */
  reminderAtFraction: number;
  onBreach: BreachAction;
  clearOwnerOnRecycle: boolean;
}

export interface SlaSettings {
  /** Tried in order; the first that applies wins. */
  policies: SlaPolicy[];
  /** For owners without a rep calendar under routing. */
  defaultCalendar: BusinessCalendar;
}

export interface Owner {
  ownerId: string;
  /** The owner's HubSpot user; null for an owner without one. */
  userId: number | null;
  name: string;
  email: string | null;
  archived: boolean;
}

export type RoutingOutcome = 'assigned' | 'held';

export interface RoutingPreviewLead {
  contactId: number;
  salesReadyAt: string;
  actual: { kind: RoutingOutcome | 'released'; ownerId: string | null; poolId: string | null } | null;
  preview: { kind: RoutingOutcome; ownerId: string | null; poolId: string | null; ruleId: string; reason: string };
}

export interface RoutingPreview {
  evaluatedAt: string;
  leads: RoutingPreviewLead[];
  perOwner: { ownerId: string; name: string; actual: number; preview: number }[];
  held: number;
  changed: number;
}

export interface SettingsVersion {
  version: number;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  note: string | null;
}

/** Whether the caller may publish and roll back; the page is read-only for those who may not, with the reason. */
export type SettingsAccess = { canPublish: true; as: 'installer' | 'editor' | 'super_admin' } | { canPublish: false; reason: string };

export interface SettingsOverview {
  live: { version: number; settings: PortalSettings; publishedAt: string | null; publishedBy: string | null };
  versions: SettingsVersion[];
  access: SettingsAccess;
}

export type IssuePath = (string | number)[];

export interface ValidationIssue {
  path: IssuePath;
  message: string;
}

export type ValidationResult = { ok: true } | { ok: false; issues: ValidationIssue[] };

export interface SettingsPreview {
  contacts: number;
  changedStatus: number;
  before: Record<LeadStatus, number>;
  after: Record<LeadStatus, number>;
  bands: { band: string; contacts: number; convertedBefore: number; convertedAfter: number }[];
}

export interface RescoreProgress {
  state: 'idle' | 'running' | 'done';
  done: number;
  total: number;
}

export interface FunnelRow {
  source: string;
  month: string;
  captured: number;
  mql: number;
  sql: number;
  opportunity: number;
  won: number;
}

export interface CalibrationBand {
  band: string;
  contacts: number;
  converted: number;
  rate: number;
}

export interface HomeReport {
  funnel: FunnelRow[];
  medianDaysToMql: number | null;
  medianDaysToSql: number | null;
  calibration: CalibrationBand[];
}
