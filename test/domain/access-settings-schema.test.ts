import { DEFAULT_PORTAL_SETTINGS, portalSettingsSchema } from '../../src/domain/portal-settings';
import { LIMITS } from '../../src/limits';

const withEditors = (editors: unknown) => portalSettingsSchema.safeParse({ ...DEFAULT_PORTAL_SETTINGS, access: { editors } });
const issuePaths = (editors: unknown) => {
  const parsed = withEditors(editors);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('access settings: the editors who may publish', () => {
  it('are optional, and list HubSpot user ids', () => {
    expect(portalSettingsSchema.safeParse(DEFAULT_PORTAL_SETTINGS).success).toBe(true);
    expect(withEditors([]).success).toBe(true);
    expect(withEditors([101, 9_000_001]).success).toBe(true);
  });

  it('refuses ids that are not positive whole numbers, a user listed twice, and more than the bound', () => {
    expect(issuePaths([0])).toEqual(['access.editors.0']);
    expect(issuePaths(['101'])).toEqual(['access.editors.0']);
    expect(issuePaths([1.5])).toEqual(['access.editors.0']);
    expect(issuePaths([101, 101])).toEqual(['access.editors']);
    const many = Array.from({ length: LIMITS.settings.editors + 1 }, (_, i) => i + 1);
    expect(issuePaths(many)).toEqual(['access.editors']);
    expect(withEditors(many.slice(1)).success).toBe(true);
  });
});
