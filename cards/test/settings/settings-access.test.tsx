import { Alert, Button, Input, LoadingButton, MultiSelect, NumberInput, Select, Tabs, Toggle, type TabsProps } from '@hubspot/ui-extensions';
import type { RenderedElementNode } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import type { SettingsOverview } from '../../src/shared/types';
import { fakeService, ok } from '../support/fake-service';
import { OWNERS, ROUTED_OVERVIEW } from '../support/routing-settings-fixtures';
import { OVERVIEW, PREVIEW, SETTINGS } from '../support/settings-fixtures';
import { textOf } from '../support/text-of';
import { triggerWith } from '../support/trigger-with';
import { PREVIEW_URL, PUBLISH, renderLoadedSettings, SETTINGS_URL, VALIDATE } from './support';

const OWNERS_URL = 'GET /api/settings/owners';
const WHO_MAY = 'Only the user who installed Lead Manager, super admins and the editors listed in the settings can publish or roll back settings.';
const READ_ONLY: SettingsOverview = { ...OVERVIEW, access: { canPublish: false, reason: WHO_MAY } };
/** Live settings listing Grace (user 9102), the deactivated former rep (9109) and a user no owner names (777). */
const WITH_EDITORS: SettingsOverview = { ...OVERVIEW, live: { ...OVERVIEW.live, settings: { ...SETTINGS, access: { editors: [9102, 9109, 777] } } } };

/** Selects the "Who may publish" tab (Tabs types onSelectedChange as a union of handlers, so its argument infers as never). */
const openAccessTab = (tabs: RenderedElementNode<TabsProps>) => triggerWith(tabs, 'onSelectedChange', 'access' as never);

describe('settings page: who may publish', () => {
  it('shows the settings read-only to a user who may not publish, saying why: nothing edits, nothing publishes or rolls back', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(READ_ONLY));
    const { find, findAll, findByTestId, maybeFind, maybeFindByTestId } = await renderLoadedSettings();

    expect(textOf(findByTestId(Alert, 'read-only'))).toBe(WHO_MAY);
    const editable = [...findAll(NumberInput), ...findAll(Input), ...findAll(Select), ...findAll(Toggle)].filter((input) => input.props.readOnly !== true);
    expect(editable.map((input) => input.props.name)).toEqual([]);
    for (const testId of ['add-engagement-rule', 'enable-routing', 'enable-sla']) expect(findByTestId(Button, testId).props.disabled).toBe(true);
    expect(maybeFindByTestId(LoadingButton, 'publish')).toBeNull();
    expect(maybeFindByTestId(Button, 'discard')).toBeNull();
    expect(maybeFind(Input, { name: 'note' })).toBeNull();
    expect(maybeFindByTestId(Button, 'rollback-1')).toBeNull();

    triggerWith(find(NumberInput, { name: 'scoring.thresholds.sql' }), 'onChange', 120);
    expect(find(NumberInput, { name: 'scoring.thresholds.sql' }).props.value).toBe(90);
    expect(service.calls.map((call) => `${call.method} ${call.path}`)).toEqual([SETTINGS_URL]);
  });

  it('keeps routing and the SLA read-only too: only checking and the previews stay open', async () => {
    fakeService().on(SETTINGS_URL, ok({ ...ROUTED_OVERVIEW, access: READ_ONLY.access })).on(OWNERS_URL, ok({ owners: OWNERS }));
    const { findAll, waitFor } = await renderLoadedSettings();
    await waitFor(() => expect(findAll(Select).length).toBeGreaterThan(10));

    const inputs = [...findAll(NumberInput), ...findAll(Input), ...findAll(Select), ...findAll(MultiSelect), ...findAll(Toggle)];
    expect(inputs.filter((input) => input.props.readOnly !== true).map((input) => input.props.name)).toEqual(['routing-preview-limit']);
    expect(findAll(Button).filter((button) => button.props.disabled !== true).map((button) => button.props.testId)).toEqual(['check']);
    expect(findAll(LoadingButton).map((button) => button.props.testId)).toEqual(['preview-routing', 'preview']);
  });

  it('still lets them check and preview the live settings', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(READ_ONLY)).on(VALIDATE, ok({ ok: true })).on(PREVIEW_URL, ok(PREVIEW));
    const { findByTestId, waitFor } = await renderLoadedSettings();

    findByTestId(Button, 'check').trigger('onClick');
    await waitFor(() => findByTestId(Alert, 'check-ok'));
    findByTestId(LoadingButton, 'preview').trigger('onClick');

    expect((await service.nthCall(PREVIEW_URL)).body).toEqual({ settings: SETTINGS });
    expect(service.callsTo(PUBLISH)).toHaveLength(0);
  });

  it('lists the editors by name among the portal\u2019s users once the tab is opened, and publishes the admin\u2019s choice', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(WITH_EDITORS)).on(OWNERS_URL, ok({ owners: OWNERS })).on(VALIDATE, ok({ ok: true })).on(PUBLISH, ok({ version: 4 }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();
    expect(service.callsTo(OWNERS_URL)).toHaveLength(0);

    openAccessTab(find(Tabs));
    await waitFor(() => expect(find(MultiSelect, { name: 'access.editors' }).props.options).toHaveLength(5));
    const editors = find(MultiSelect, { name: 'access.editors' });
    expect(editors.props).toMatchObject({ value: [9102, 9109, 777], readOnly: false });
    expect(editors.props.options).toEqual([
      { label: 'Former Rep (deactivated)', value: 9109 },
      { label: 'User 777', value: 777 },
      { label: 'Ada Lovelace (ada@example.com)', value: 9101 },
      { label: 'Grace Hopper (grace@example.com)', value: 9102 },
      { label: 'Alan Turing (alan@example.com)', value: 9103 },
    ]);

    triggerWith(editors, 'onChange', [9102, 9101]);
    findByTestId(LoadingButton, 'publish').trigger('onClick');
    expect((await service.nthCall(PUBLISH)).body?.settings).toEqual({ ...SETTINGS, access: { editors: [9102, 9101] } });
  });

  it('removes the list when every editor is taken off, and shows it read-only to those who may not publish', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(WITH_EDITORS)).on(OWNERS_URL, ok({ owners: OWNERS })).on(VALIDATE, ok({ ok: true })).on(PUBLISH, ok({ version: 4 }));
    const { find, findByTestId } = await renderLoadedSettings();
    openAccessTab(find(Tabs));
    triggerWith(find(MultiSelect, { name: 'access.editors' }), 'onChange', []);
    findByTestId(LoadingButton, 'publish').trigger('onClick');
    expect((await service.nthCall(PUBLISH)).body?.settings).toEqual(SETTINGS);

    fakeService().on(SETTINGS_URL, ok({ ...WITH_EDITORS, access: READ_ONLY.access })).on(OWNERS_URL, ok({ owners: OWNERS }));
    const readOnly = await renderLoadedSettings();
    openAccessTab(readOnly.find(Tabs));
    expect(readOnly.find(MultiSelect, { name: 'access.editors' }).props).toMatchObject({ readOnly: true, value: [9102, 9109, 777] });
  });
});
