import { Alert, Button, Input, LoadingButton, NumberInput, Select, Toggle } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import type { PortalSettings } from '../../src/shared/types';
import { fakeService, ok } from '../support/fake-service';
import { OVERVIEW, SETTINGS } from '../support/settings-fixtures';
import { textOf } from '../support/text-of';
import { triggerWith } from '../support/trigger-with';
import { PREVIEW_URL, renderLoadedSettings, SETTINGS_URL, VALIDATE } from './support';

describe('settings page: editing and validation', () => {
  it('edits a draft and sends the whole draft to be checked', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(OVERVIEW)).on(VALIDATE, ok({ ok: true }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    triggerWith(find(NumberInput, { name: 'scoring.thresholds.sql' }), 'onChange', 80);
    triggerWith(find(Select, { name: 'scoring.engagementRules.1.cap.per' }), 'onChange', 'week');
    triggerWith(find(Select, { name: 'scoring.groups.0.decay.kind' }), 'onChange', '');
    triggerWith(find(Input, { name: 'scoring.fitRules.0.values' }), 'onChange', 'Canada, Ireland,  France ');
    triggerWith(find(Toggle, { name: 'writeBack.lifecycleStage.enabled' }), 'onChange', true);
    findByTestId(Button, 'check').trigger('onClick');

    const settings = (await service.nthCall(VALIDATE)).body?.settings as PortalSettings;
    expect(settings.scoring.thresholds).toEqual({ mql: 60, sql: 80, minGradeForSql: 'B' });
    expect(settings.scoring.engagementRules[1]?.cap).toEqual({ max: 1, per: 'week' });
    expect(settings.scoring.groups[0]).toEqual({ id: 'email', label: 'Marketing email', cap: { maxPoints: 20, per: 'week' } });
    expect(settings.scoring.fitRules[0]).toMatchObject({ op: 'in', values: ['Canada', 'Ireland', 'France'] });
    expect(settings.writeBack.lifecycleStage.enabled).toBe(true);
    expect(settings.scoring.mapping).toEqual(SETTINGS.scoring.mapping);
    await waitFor(() => findByTestId(Alert, 'check-ok'));
    expect(find(Input, { name: 'writeBack.lifecycleStage.mqlStage' }).props.value).toBe('marketingqualifiedlead');
  });

  it('shows the server’s validation messages next to the fields they name', async () => {
    const issues = [
      { path: ['scoring', 'thresholds', 'sql'], message: 'The SQL threshold (50) must not be below the MQL threshold (60)' },
      { path: ['scoring', 'engagementRules', 1, 'points'], message: 'Points must be between -1000 and 1000' },
      { path: ['scoring', 'groups', 0, 'cap', 'maxPoints'], message: 'A group cap allows at least 1 point' },
    ];
    fakeService().on(SETTINGS_URL, ok(OVERVIEW)).on(VALIDATE, ok({ ok: false, issues }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    triggerWith(find(NumberInput, { name: 'scoring.thresholds.sql' }), 'onChange', 50);
    findByTestId(Button, 'check').trigger('onClick');

    await waitFor(() => findByTestId(Alert, 'issues'));
    expect(find(NumberInput, { name: 'scoring.thresholds.sql' }).props).toMatchObject({ error: true, validationMessage: issues[0]?.message });
    expect(find(NumberInput, { name: 'scoring.engagementRules.1.points' }).props.validationMessage).toBe(issues[1]?.message);
    expect(find(NumberInput, { name: 'scoring.groups.0.cap.maxPoints' }).props.validationMessage).toBe(issues[2]?.message);
    expect(find(NumberInput, { name: 'scoring.thresholds.mql' }).props).toMatchObject({ error: false, validationMessage: undefined });
    expect(findByTestId(Alert, 'issues').props.title).toBe('Fix these 3 problems before publishing');
    expect(textOf(findByTestId(Alert, 'issues'))).toContain('scoring.thresholds.sql: The SQL threshold (50)');

    triggerWith(find(NumberInput, { name: 'scoring.thresholds.sql' }), 'onChange', 95);

    expect(find(NumberInput, { name: 'scoring.thresholds.sql' }).props.validationMessage).toBeUndefined();
    expect(find(NumberInput, { name: 'scoring.engagementRules.1.points' }).props.validationMessage).toBe(issues[1]?.message);
  });

  it('places issues whose path starts at the request body', async () => {
    fakeService()
      .on(SETTINGS_URL, ok(OVERVIEW))
      .on(VALIDATE, ok({ ok: false, issues: [{ path: ['settings', 'scoring', 'fitGrades', 'B'], message: 'Grade B (40) must start below grade A (35)' }] }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    findByTestId(Button, 'check').trigger('onClick');

    await waitFor(() => expect(find(NumberInput, { name: 'scoring.fitGrades.B' }).props.validationMessage).toContain('Grade B (40)'));
  });

  it('does not preview a draft the server finds invalid', async () => {
    const service = fakeService()
      .on(SETTINGS_URL, ok(OVERVIEW))
      .on(VALIDATE, ok({ ok: false, issues: [{ path: ['scoring', 'thresholds', 'mql'], message: 'The MQL threshold must be at least 1' }] }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    triggerWith(find(NumberInput, { name: 'scoring.thresholds.mql' }), 'onChange', 0);
    findByTestId(LoadingButton, 'preview').trigger('onClick');

    await waitFor(() => expect(find(NumberInput, { name: 'scoring.thresholds.mql' }).props.validationMessage).toBe('The MQL threshold must be at least 1'));
    expect(service.callsTo(PREVIEW_URL)).toHaveLength(0);
  });
});
