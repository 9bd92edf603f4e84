import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema } from '../../src/domain/portal-settings';
import { DEFAULT_SCORING_MODEL } from '../../src/domain/scoring';
import { lifecycleStagesOf } from '../../src/store/lifecycle-stages';
import type { SandboxState } from '../../src/sandbox';
import { formSubmission } from '../support/form-submission';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

const PORTAL = 41_414;
const DEFAULT_STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];

/** The portal's admin added "Demo scheduled" between MQL and SQL (listed last, placed by its displayOrder). */
function addCustomStage(state: SandboxState): void {
  const definition = state.portal(PORTAL).properties.get('contacts')!.get('lifecyclestage')!;
  for (const option of definition.options) if (option.displayOrder >= 3) option.displayOrder += 1;
  definition.options.push({ label: 'Demo scheduled', value: 'demo_scheduled', displayOrder: 3, hidden: false });
}

/** A demo request makes a lead sales-qualified, a newsletter signup marketing-qualified; lifecycle write-back on. */
const SETTINGS = portalSettingsSchema.parse({
  ...DEFAULT_PORTAL_SETTINGS,
  scoring: {
    ...DEFAULT_SCORING_MODEL,
    groups: [],
    engagementCap: undefined,
    engagementRules: [
      { id: 'demo', label: 'Demo request', activity: 'form_submission', when: { field: 'form', op: 'eq', value: 'Demo request' }, points: 40 },
      { id: 'newsletter', label: 'Newsletter', activity: 'form_submission', when: { field: 'form', op: 'eq', value: 'Newsletter' }, points: 15 },
    ],
    fitRules: [],
    thresholds: { mql: 10, sql: 30, minGradeForSql: 'D' },
  },
  writeBack: { ...DEFAULT_PORTAL_SETTINGS.writeBack, lifecycleStage: { ...DEFAULT_PORTAL_SETTINGS.writeBack.lifecycleStage, enabled: true } },
});

describe.each(testDatabases)('lifecycle stages come from the portal, on $name', (database) => {
  let harness: PipelineHarness;
  const contacts = new Map<string, number>();

  beforeAll(async () => {
    harness = await startPipelineHarness(database, {
      sandbox: { portals: [{ portalId: PORTAL }] },
      arrange: (sandbox) => {
        addCustomStage(sandbox.state);
        for (const [name, stage] of [['mql_to_sql', 'marketingqualifiedlead'], ['demo_to_sql', 'demo_scheduled'], ['demo_stays', 'demo_scheduled']] as const) {
          contacts.set(name, Number(sandbox.state.createRecord(PORTAL, 'contacts', { email: `${name}@example.com`, lifecyclestage: stage }).id));
        }
      },
    });
    await harness.publish(PORTAL, SETTINGS);
  });
  afterAll(() => harness.stop());

  it('reads the stages and their order from the lifecyclestage property at install', async () => {
    const stored = await lifecycleStagesOf(harness.service.db, PORTAL);
    expect(stored?.stages.map((stage) => stage.value)).toEqual([...DEFAULT_STAGES.slice(0, 3), 'demo_scheduled', ...DEFAULT_STAGES.slice(3)]);
    harness.service.settings.invalidate(PORTAL);
    expect((await harness.service.settings.live(PORTAL)).lifecycleStages).toContain('demo_scheduled');
  });

  it('moves contacts forward through the custom stage and never back', async () => {
    const { appId } = harness.sandbox.app;
    const form = (name: string, eventId: number, formName: string) => formSubmission({ portalId: PORTAL, appId, contactId: contacts.get(name)!, eventId, form: formName });
    await harness.deliver([form('mql_to_sql', 1, 'Demo request'), form('demo_to_sql', 2, 'Demo request'), form('demo_stays', 3, 'Newsletter')]);

    const stage = (name: string) => harness.sandbox.state.properties(PORTAL, 'contacts', String(contacts.get(name)))!.lifecyclestage;
    expect(harness.sandbox.state.properties(PORTAL, 'contacts', String(contacts.get('demo_stays')))!.lm_status).toBe('mql');
    expect({ mql_to_sql: stage('mql_to_sql'), demo_to_sql: stage('demo_to_sql'), demo_stays: stage('demo_stays') }).toEqual({
      mql_to_sql: 'salesqualifiedlead',
      demo_to_sql: 'salesqualifiedlead',
      demo_stays: 'demo_scheduled',
    });
  });
});
