import { Button, ErrorState, Input, LoadingSpinner, NumberInput, Select, Toggle } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import { fakeService, ok } from '../support/fake-service';
import { OVERVIEW } from '../support/settings-fixtures';
import { textOf } from '../support/text-of';
import { renderLoadedSettings, renderSettings, SETTINGS_URL } from './support';

describe('settings page: loading', () => {
  it('shows a spinner while the settings load', async () => {
    const service = fakeService();
    const { find } = renderSettings();

    expect(find(LoadingSpinner).props.label).toBe('Loading settings');
    await service.nthCall(SETTINGS_URL);
  });

  it('shows an error with a retry that loads the settings', async () => {
    const service = fakeService().on(SETTINGS_URL, { status: 502 }).on(SETTINGS_URL, ok(OVERVIEW));
    const { find, findByTestId, waitFor } = renderSettings();
    await waitFor(() => find(ErrorState));
    expect(textOf(find(ErrorState))).toContain('not answering (502)');

    findByTestId(Button, 'retry').trigger('onClick');

    await waitFor(() => find(NumberInput));
    expect(service.callsTo(SETTINGS_URL)).toHaveLength(2);
  });

  it('fills the form with the live settings, each field named by its path', async () => {
    fakeService().on(SETTINGS_URL, ok(OVERVIEW));
    const { find } = await renderLoadedSettings();

    expect(find(NumberInput, { name: 'scoring.thresholds.mql' }).props.value).toBe(60);
    expect(find(NumberInput, { name: 'scoring.thresholds.sql' }).props.value).toBe(90);
    expect(find(Select, { name: 'scoring.thresholds.minGradeForSql' }).props.value).toBe('B');
    expect(find(NumberInput, { name: 'scoring.engagementRules.0.points' }).props.value).toBe(2);
    expect(find(Select, { name: 'scoring.engagementRules.0.cap.per' }).props.value).toBe('day');
    expect(find(NumberInput, { name: 'scoring.engagementRules.0.cap.max' }).props.value).toBe(3);
    expect(find(Select, { name: 'scoring.groups.1.decay.kind' }).props.value).toBe('linear');
    expect(find(NumberInput, { name: 'scoring.groups.1.decay.percent' }).props.value).toBe(25);
    expect(find(Input, { name: 'scoring.fitRules.0.values' }).props.value).toBe('Canada, Ireland');
    expect(find(NumberInput, { name: 'scoring.fitRules.1.min' }).props.value).toBe(50);
    expect(find(Input, { name: 'scoring.mapping.counters.0.property' }).props.value).toBe('hs_analytics_num_page_views');
    expect(find(Toggle, { name: 'writeBack.lifecycleStage.enabled' }).props.checked).toBe(false);
  });
});
