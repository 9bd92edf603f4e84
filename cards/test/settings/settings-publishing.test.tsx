import { Alert, BarChart, Button, Input, LoadingButton, NumberInput, ProgressBar, StatisticsItem, StatusTag, TableRow } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import type { PortalSettings } from '../../src/shared/types';
import { fakeService, ok } from '../support/fake-service';
import { OVERVIEW, PREVIEW, SETTINGS } from '../support/settings-fixtures';
import { settle } from '../support/settle';
import { textOf } from '../support/text-of';
import { triggerWith } from '../support/trigger-with';
import { PREVIEW_URL, PUBLISH, RESCORE, renderLoadedSettings, ROLLBACK, SETTINGS_URL, VALIDATE } from './support';

const withSql = (sql: number): PortalSettings => ({ ...SETTINGS, scoring: { ...SETTINGS.scoring, thresholds: { ...SETTINGS.scoring.thresholds, sql } } });

describe('settings page: preview, publish and roll back', () => {
  it('previews the draft: status changes, MQL and SQL before and after, conversion by band', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(OVERVIEW)).on(VALIDATE, ok({ ok: true })).on(PREVIEW_URL, ok(PREVIEW));
    const { find, findAll, findByTestId, waitFor } = await renderLoadedSettings();

    triggerWith(find(NumberInput, { name: 'scoring.thresholds.sql' }), 'onChange', 100);
    findByTestId(LoadingButton, 'preview').trigger('onClick');

    await waitFor(() => findByTestId(BarChart, 'preview-bands'));
    expect((await service.nthCall(PREVIEW_URL)).body).toEqual({ settings: withSql(100) });
    expect(findAll(StatisticsItem).map((item) => [item.props.label, item.props.number])).toEqual([
      ['Contacts changing status', '85 of 1200'],
      ['MQLs', '200 → 170'],
      ['SQLs', '60 → 45'],
    ]);
    expect(findByTestId(BarChart, 'preview-bands').props.data).toEqual([
      { band: '0–29', settings: 'Live', conversion: 1 },
      { band: '0–29', settings: 'Draft', conversion: 0.5 },
      { band: '60+', settings: 'Live', conversion: 20 },
      { band: '60+', settings: 'Draft', conversion: 30 },
    ]);
  });

  it('shows the preview of the latest draft when an earlier preview answers late', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(OVERVIEW)).on(VALIDATE, ok({ ok: true }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    findByTestId(LoadingButton, 'preview').trigger('onClick');
    const first = await service.nthCall(PREVIEW_URL, 1);
    triggerWith(find(NumberInput, { name: 'scoring.thresholds.sql' }), 'onChange', 120);
    await waitFor(() => expect(findByTestId(LoadingButton, 'preview').props.disabled).toBe(true));
    // The button is disabled while a preview runs; a double submit still reaches the handler.
    findByTestId(LoadingButton, 'preview').trigger('onClick');
    const second = await service.nthCall(PREVIEW_URL, 2);
    expect((second.body?.settings as PortalSettings).scoring.thresholds.sql).toBe(120);

    second.reply(200, { ...PREVIEW, changedStatus: 300 });
    await waitFor(() => find(StatisticsItem));
    first.reply(200, { ...PREVIEW, changedStatus: 85 });
    await settle();

    expect(find(StatisticsItem, { label: 'Contacts changing status' }).props.number).toBe('300 of 1200');
  });

  it('publishes the draft with its note, then follows the background rescore to the end', async () => {
    const published = { ...OVERVIEW, live: { ...OVERVIEW.live, version: 4, settings: withSql(95) } };
    const service = fakeService()
      .on(SETTINGS_URL, ok(OVERVIEW))
      .on(SETTINGS_URL, ok(published))
      .on(VALIDATE, ok({ ok: true }))
      .on(PUBLISH, ok({ version: 4 }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    triggerWith(find(NumberInput, { name: 'scoring.thresholds.sql' }), 'onChange', 95);
    triggerWith(find(Input, { name: 'note' }), 'onChange', 'Stricter SQL');
    findByTestId(LoadingButton, 'publish').trigger('onClick');

    expect((await service.nthCall(PUBLISH)).body).toEqual({ settings: withSql(95), note: 'Stricter SQL' });
    (await service.nthCall(RESCORE, 1)).reply(200, { state: 'running', done: 10, total: 40 });
    await waitFor(() => findByTestId(ProgressBar, 'rescore-progress'));
    expect(findByTestId(ProgressBar, 'rescore-progress').props).toMatchObject({ value: 10, maxValue: 40, valueDescription: '10 of 40 contacts' });
    expect(findByTestId(Alert, 'published').props.title).toBe('Version 4 is live');

    (await service.nthCall(RESCORE, 2)).reply(200, { state: 'running', done: 30, total: 40 });
    await waitFor(() => expect(findByTestId(ProgressBar, 'rescore-progress').props.value).toBe(30));
    (await service.nthCall(RESCORE, 3)).reply(200, { state: 'done', done: 40, total: 40 });

    await waitFor(() => findByTestId(Alert, 'rescore-done'));
    expect(textOf(findByTestId(Alert, 'rescore-done'))).toBe('All 40 contacts are scored with the live settings.');
    expect(service.callsTo(SETTINGS_URL)).toHaveLength(2);
    expect(find(NumberInput, { name: 'scoring.thresholds.sql' }).props.value).toBe(95);
    await settle();
    expect(service.callsTo(RESCORE)).toHaveLength(3);
  });

  it('does not publish a draft the server finds invalid', async () => {
    const service = fakeService()
      .on(SETTINGS_URL, ok(OVERVIEW))
      .on(VALIDATE, ok({ ok: false, issues: [{ path: ['scoring', 'thresholds', 'sql'], message: 'too low' }] }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    findByTestId(LoadingButton, 'publish').trigger('onClick');

    await waitFor(() => expect(find(NumberInput, { name: 'scoring.thresholds.sql' }).props.validationMessage).toBe('too low'));
    expect(service.callsTo(PUBLISH)).toHaveLength(0);
    expect(service.callsTo(RESCORE)).toHaveLength(0);
  });

  it('lists every version with who made and published it and when, newest first', async () => {
    fakeService().on(SETTINGS_URL, ok(OVERVIEW));
    const { findAll, findByTestId } = await renderLoadedSettings();

    const rows = findAll(TableRow).filter((row) => textOf(row).startsWith('v')).map(textOf);
    expect(rows).toEqual([
      expect.stringMatching(/^v3Mar 2, 2025, 5:00 AM by ana@example\.comMar 2, 2025, 4:55 AM by ana@example\.comRaise SQL barLive$/),
      expect.stringMatching(/^v2NeverFeb 1, 2025, 4:00 AM by ben@example\.comRoll back to v2$/),
      expect.stringMatching(/^v1Jan 10, 2025, 4:05 AM by ana@example\.com.*First modelRoll back to v1$/),
    ]);
    expect(findAll(StatusTag).map(textOf)).toEqual(['Live']);
    expect(findByTestId(Button, 'rollback-1')).toBeTruthy();
  });

  it('rolls back to an earlier version, which becomes live as a new version and is rescored', async () => {
    const rolledBack = { ...OVERVIEW, live: { ...OVERVIEW.live, version: 4 } };
    const service = fakeService()
      .on(SETTINGS_URL, ok(OVERVIEW))
      .on(SETTINGS_URL, ok(rolledBack))
      .on(ROLLBACK, ok({ version: 4 }))
      .on(RESCORE, ok({ state: 'done', done: 40, total: 40 }));
    const { findByTestId, waitFor } = await renderLoadedSettings();

    findByTestId(Button, 'rollback-1').trigger('onClick');

    expect((await service.nthCall(ROLLBACK)).body).toEqual({ version: 1 });
    await waitFor(() => findByTestId(Alert, 'rescore-done'));
    expect(findByTestId(Alert, 'published').props.title).toBe('Version 4 is live');
    expect(textOf(findByTestId(Alert, 'published'))).toContain('It copies version 1');
    expect(service.callsTo(SETTINGS_URL)).toHaveLength(2);
  });
});
