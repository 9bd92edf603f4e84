import { portalSettingsSchema } from '../../src/domain/portal-settings';
import { SettingsParser } from '../../src/api/settings-parser';
import { LIMITS } from '../../src/limits';
import { largestRoutingSettings, largestScoringSettings } from '../support/largest-settings';

describe('SettingsParser (settings checked on a thread of their own)', () => {
  const parser = new SettingsParser();
  afterAll(() => parser.close());

  it('gives the settings the schema gives, defaults filled in', async () => {
    const settings = { ...largestScoringSettings(), ...largestRoutingSettings() };
    expect(await parser.parse(settings)).toEqual({ success: true, data: portalSettingsSchema.parse(settings) });
  });

  it('gives the first issues and how many there were', async () => {
    const largest = largestScoringSettings();
    const rules = largest.scoring.engagementRules.map((rule) => ({ ...rule, points: 'many' }));
    const parsed = await parser.parse({ ...largest, scoring: { ...largest.scoring, engagementRules: rules } });
    expect(parsed).toMatchObject({ success: false, issueCount: rules.length });
    const issues = parsed.success ? [] : parsed.issues;
    expect(issues).toHaveLength(LIMITS.api.issuesPerAnswer);
    expect(issues[0]).toEqual({ path: ['scoring', 'engagementRules', 0, 'points'], message: 'Points must be a number' });
  });

  it('starts a new thread when used after closing', async () => {
    await parser.close();
    expect(await parser.parse({})).toMatchObject({ success: false });
  });
});
