import {
  Accordion,
  Alert,
  Button,
  Input,
  LoadingButton,
  MultiSelect,
  NumberInput,
  Select,
  StatisticsItem,
  Table,
  TableRow,
  Text,
  Toggle,
} from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import type { PortalSettings } from '../../src/shared/types';
import { fakeService, ok } from '../support/fake-service';
import { OWNERS, ROUTED_OVERVIEW, ROUTED_SETTINGS, ROUTING, ROUTING_PREVIEW, SLA } from '../support/routing-settings-fixtures';
import { OVERVIEW } from '../support/settings-fixtures';
import { textOf } from '../support/text-of';
import { triggerWith } from '../support/trigger-with';
import { renderLoadedSettings, SETTINGS_URL, VALIDATE } from './support';

const OWNERS_URL = 'GET /api/settings/owners';
const PREVIEW_ROUTING = 'POST /api/settings/preview-routing';
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];

const checkedSettings = async (service: ReturnType<typeof fakeService>, n = 1) => (await service.nthCall(VALIDATE, n)).body?.settings as PortalSettings;

describe('settings page: routing and SLA', () => {
  it('turns routing on with one pool, adds a member from the portal’s owners, and gives them office hours', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(OVERVIEW)).on(OWNERS_URL, ok({ owners: OWNERS })).on(VALIDATE, ok({ ok: true }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();
    expect(service.callsTo(OWNERS_URL)).toHaveLength(0);

    findByTestId(Button, 'enable-routing').trigger('onClick');
    await waitFor(() => expect(findByTestId(Select, 'add-member-inbound').props.options.map((option) => option.label)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing']));
    triggerWith(findByTestId(Select, 'add-member-inbound'), 'onChange', '103');
    triggerWith(find(Select, { name: 'routing.pools.0.managerOwnerId' }), 'onChange', '102');

    expect(find(NumberInput, { name: 'routing.pools.0.members.0.weight' }).props).toMatchObject({ value: 1, description: 'Not used by this strategy' });
    expect(findByTestId(Accordion, 'rep-103').props.title).toBe('Alan Turing');
    expect(findByTestId(Select, 'add-member-inbound').props.options.map((option) => option.value)).toEqual(['101', '102']);
    findByTestId(Button, 'check').trigger('onClick');

    const settings = await checkedSettings(service);
    expect(settings.routing).toEqual({
      useCompanyOwner: true,
      rules: [],
      defaultPool: 'inbound',
      pools: [{ id: 'inbound', label: 'Inbound leads', strategy: 'round_robin', members: [{ ownerId: '103', weight: 1, caps: {} }], managerOwnerId: '102' }],
      reps: {
        '103': {
          calendar: { timeZone: 'America/New_York', workingHours: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE }, holidays: {} },
          outOfOffice: [],
          away: false,
        },
      },
    });
    expect(settings.sla).toBeUndefined();
  });

  it('fills the routing and SLA fields from the live settings, owners by name', async () => {
    fakeService().on(SETTINGS_URL, ok(ROUTED_OVERVIEW)).on(OWNERS_URL, ok({ owners: OWNERS }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    await waitFor(() => expect(findByTestId(Accordion, 'rep-102').props.title).toBe('Grace Hopper · away'));
    expect(find(Toggle, { name: 'routing.useCompanyOwner' }).props.checked).toBe(true);
    expect(find(Select, { name: 'routing.rules.0.when.0.test.op' }).props.value).toBe('in');
    expect(find(Input, { name: 'routing.rules.0.when.0.test.values' }).props.value).toBe('Germany, Austria');
    expect(find(NumberInput, { name: 'routing.rules.1.when.0.test.min' }).props.value).toBe(40);
    expect(find(NumberInput, { name: 'routing.pools.0.members.0.weight' }).props).toMatchObject({ value: 2, description: undefined });
    expect(find(NumberInput, { name: 'routing.pools.0.members.0.caps.perDay' }).props.value).toBe(10);
    expect(find(Input, { name: 'routing.reps.102.calendar.timeZone' }).props.value).toBe('Europe/Berlin');
    expect(find(Input, { name: 'routing.reps.102.calendar.workingHours.mon.1.start' }).props.value).toBe('13:00');
    expect(find(Input, { name: 'routing.reps.102.calendar.holidays.extra' }).props.value).toBe('2025-12-24');
    expect(find(Input, { name: 'routing.reps.101.outOfOffice.0.to' }).props.value).toBe('2025-08-08');
    expect(find(NumberInput, { name: 'sla.policies.1.reminderAtFraction' }).props.value).toBe(75);
    expect(find(MultiSelect, { name: 'sla.policies.0.appliesTo.poolIds' }).props.value).toEqual(['dach']);
  });

  it('reorders rules and edits a condition, sending the rules in their new order', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(ROUTED_OVERVIEW)).on(OWNERS_URL, ok({ owners: OWNERS })).on(VALIDATE, ok({ ok: true }));
    const { find, findByTestId } = await renderLoadedSettings();
    expect(findByTestId(Button, 'move-up-rule-dach').props.disabled).toBe(true);

    findByTestId(Button, 'move-up-rule-good_fit').trigger('onClick');
    triggerWith(find(Select, { name: 'routing.rules.1.when.0.test.op' }), 'onChange', 'eq');
    findByTestId(Button, 'add-routing-rule').trigger('onClick');
    findByTestId(Button, 'move-down-rule-good_fit').trigger('onClick');
    triggerWith(find(Select, { name: 'routing.rules.0.priority' }), 'onChange', 'high');

    expect(findByTestId(Accordion, 'routing-rule-dach').props.title).toBe('1. DACH → DACH');
    expect(find(Input, { name: 'routing.rules.0.when.0.test.value' }).props.value).toBe('Germany');
    findByTestId(Button, 'check').trigger('onClick');
    const { rules } = (await checkedSettings(service)).routing!;
    expect(rules.map((rule) => rule.id)).toEqual(['dach', 'good_fit', 'rule_1']);
    expect(rules[0]?.when).toEqual([{ subject: 'property', property: 'country', test: { op: 'eq', value: 'Germany' } }]);
    expect(rules.map((rule) => rule.priority)).toEqual(['high', undefined, undefined]);
    expect(rules[2]).toEqual({ id: 'rule_1', label: 'New rule', when: [{ subject: 'property', property: 'country', test: { op: 'in', values: [] } }], poolId: 'inbound' });
  });

  it('renames a pool where the rules, the default pool and the SLA policies name it', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(ROUTED_OVERVIEW)).on(OWNERS_URL, ok({ owners: OWNERS })).on(VALIDATE, ok({ ok: true }));
    const { find, findByTestId } = await renderLoadedSettings();

    triggerWith(find(Input, { name: 'routing.pools.0.id' }), 'onChange', 'inbound_team');
    triggerWith(find(Input, { name: 'routing.pools.1.id' }), 'onChange', 'dach_team');
    findByTestId(Button, 'check').trigger('onClick');

    const { routing, sla } = await checkedSettings(service);
    expect(routing?.pools.map((pool) => pool.id)).toEqual(['inbound_team', 'dach_team']);
    expect(routing?.rules.map((rule) => rule.poolId)).toEqual(['dach_team', 'inbound_team']);
    expect(routing?.defaultPool).toBe('inbound_team');
    expect(sla?.policies.map((policy) => policy.appliesTo)).toEqual([{ poolIds: ['dach_team'] }, {}]);
  });

  it('shows the server’s issues on the member’s weight and on a rep’s working hours', async () => {
    const issues = [
      { path: ['routing', 'pools', 0, 'members', 0, 'weight'], message: 'The weight must be at least 1' },
      { path: ['routing', 'reps', '102', 'calendar', 'workingHours'], message: 'Give working hours for at least one day' },
    ];
    fakeService().on(SETTINGS_URL, ok(ROUTED_OVERVIEW)).on(OWNERS_URL, ok({ owners: OWNERS })).on(VALIDATE, ok({ ok: false, issues }));
    const { find, findByTestId, maybeFindByTestId, waitFor } = await renderLoadedSettings();

    triggerWith(find(NumberInput, { name: 'routing.pools.0.members.0.weight' }), 'onChange', 0);
    findByTestId(Button, 'check').trigger('onClick');

    await waitFor(() => findByTestId(Alert, 'issues'));
    expect(find(NumberInput, { name: 'routing.pools.0.members.0.weight' }).props).toMatchObject({ error: true, validationMessage: 'The weight must be at least 1' });
    expect(find(NumberInput, { name: 'routing.pools.1.members.0.weight' }).props).toMatchObject({ error: false, validationMessage: undefined });
    expect(find(NumberInput, { name: 'routing.pools.0.members.0.caps.perDay' }).props.validationMessage).toBeUndefined();
    expect(findByTestId(Alert, 'issue-routing.reps.102.calendar.workingHours').props.title).toBe('Give working hours for at least one day');

    triggerWith(find(NumberInput, { name: 'routing.pools.0.members.0.weight' }), 'onChange', 3);
    expect(find(NumberInput, { name: 'routing.pools.0.members.0.weight' }).props.validationMessage).toBeUndefined();
    findByTestId(Button, 'add-hours-routing.reps.102.calendar.workingHours.wed').trigger('onClick');
    expect(maybeFindByTestId(Alert, 'issue-routing.reps.102.calendar.workingHours')).toBeNull();
  });

  it('edits an SLA policy: pools, reminder as a percentage, breach action; and removes another', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(ROUTED_OVERVIEW)).on(OWNERS_URL, ok({ owners: OWNERS })).on(VALIDATE, ok({ ok: true }));
    const { find, findByTestId, maybeFind } = await renderLoadedSettings();
    const policy = 'sla.policies.1';

    expect(find(MultiSelect, { name: `${policy}.appliesTo.poolIds` }).props.options).toEqual([
      { label: 'Inbound', value: 'inbound' },
      { label: 'DACH', value: 'dach' },
    ]);
    triggerWith(find(MultiSelect, { name: `${policy}.appliesTo.poolIds` }), 'onChange', ['inbound']);
    triggerWith(find(NumberInput, { name: `${policy}.firstTouchWithinHours` }), 'onChange', 6);
    triggerWith(find(NumberInput, { name: `${policy}.reminderAtFraction` }), 'onChange', 60);
    expect(maybeFind(Toggle, { name: `${policy}.clearOwnerOnRecycle` })).toBeNull();
    triggerWith(find(Select, { name: `${policy}.onBreach` }), 'onChange', 'recycle');
    triggerWith(find(Toggle, { name: `${policy}.clearOwnerOnRecycle` }), 'onChange', true);
    findByTestId(Button, 'remove-sla-policy-dach_fast').trigger('onClick');
    findByTestId(Button, 'check').trigger('onClick');

    expect((await checkedSettings(service)).sla).toEqual({
      policies: [
        { id: 'everyone', label: 'Everyone else', appliesTo: { poolIds: ['inbound'] }, firstTouchWithinHours: 6, reminderAtFraction: 0.6, onBreach: 'recycle', clearOwnerOnRecycle: true },
      ],
      defaultCalendar: SLA.defaultCalendar,
    });
  });

  it('turns the SLA on with one policy in the portal’s time zone, and says it needs routing', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(OVERVIEW)).on(VALIDATE, ok({ ok: true }));
    const { findByTestId } = await renderLoadedSettings();

    findByTestId(Button, 'enable-sla').trigger('onClick');
    findByTestId(Button, 'check').trigger('onClick');

    expect(textOf(findByTestId(Text, 'sla-needs-routing'))).toContain('turn on routing too');
    const { sla } = await checkedSettings(service);
    expect(sla?.policies).toEqual([{ id: 'first_touch', label: 'First touch', appliesTo: {}, firstTouchWithinHours: 4, reminderAtFraction: 0.75, onBreach: 'reassign', clearOwnerOnRecycle: false }]);
    expect(sla?.defaultCalendar.timeZone).toBe('America/New_York');
  });

  it('previews routing for the draft: actual against preview per lead, and counts per owner', async () => {
    const service = fakeService()
      .on(SETTINGS_URL, ok(ROUTED_OVERVIEW))
      .on(OWNERS_URL, ok({ owners: OWNERS }))
      .on(VALIDATE, ok({ ok: true }))
      .on(PREVIEW_ROUTING, ok(ROUTING_PREVIEW));
    const { find, findAll, findByTestId, waitFor } = await renderLoadedSettings();

    triggerWith(find(Toggle, { name: 'routing.useCompanyOwner' }), 'onChange', false);
    triggerWith(find(NumberInput, { name: 'routing-preview-limit' }), 'onChange', 20);
    findByTestId(LoadingButton, 'preview-routing').trigger('onClick');

    await waitFor(() => findByTestId(Table, 'routing-preview-leads'));
    const draft: PortalSettings = { ...ROUTED_SETTINGS, routing: { ...ROUTING, useCompanyOwner: false } };
    expect((await service.nthCall(VALIDATE)).body).toEqual({ settings: draft });
    expect((await service.nthCall(PREVIEW_ROUTING)).body).toEqual({ draft, limit: 20 });
    expect(findAll(StatisticsItem).map((item) => [item.props.label, item.props.number])).toEqual([
      ['Sales-ready leads', 3],
      ['Would go elsewhere', 2],
      ['Would be held', 1],
    ]);
    const rows = (testId: string) => findByTestId(Table, testId).findAll(TableRow).slice(1).map((row) => row.childNodes.map((cell) => textOf(cell).replace(/\s/g, ' ')));
    expect(rows('routing-preview-owners')).toEqual([
      ['Ada Lovelace', '2', '1'],
      ['Grace Hopper', '0', '1'],
    ]);
    expect(rows('routing-preview-leads').map((cells) => cells.slice(0, 4))).toEqual([
      ['501', 'Mar 4, 2025, 9:00 AM', 'Ada Lovelace (inbound)', 'Grace Hopper (dach)'],
      ['502', 'Mar 4, 2025, 8:00 AM', 'Not routed', 'Held in inbound'],
      ['503', 'Mar 3, 2025, 4:00 AM', 'Ada Lovelace (inbound)', 'Ada Lovelace (inbound)'],
    ]);
    expect(rows('routing-preview-leads')[1]?.[4]).toContain('nobody can take the lead');
    expect(textOf(findByTestId(Text, 'routing-preview-evaluated')).replace(/\s/g, ' ')).toContain('Mar 4, 2025, 10:00 AM');
    const outdated = () => findAll(Text).some((text) => textOf(text).startsWith('The draft changed after this preview'));
    expect(outdated()).toBe(false);

    triggerWith(find(Toggle, { name: 'routing.useCompanyOwner' }), 'onChange', true);
    expect(outdated()).toBe(true);
  });

  it('does not preview routing for a draft the server finds invalid, and shows why on the field', async () => {
    const issue = { path: ['routing', 'rules', 0, 'poolId'], message: 'There is no pool "nowhere"' };
    const service = fakeService().on(SETTINGS_URL, ok(ROUTED_OVERVIEW)).on(OWNERS_URL, ok({ owners: OWNERS })).on(VALIDATE, ok({ ok: false, issues: [issue] }));
    const { find, findByTestId, waitFor } = await renderLoadedSettings();

    findByTestId(LoadingButton, 'preview-routing').trigger('onClick');

    await waitFor(() => expect(find(Select, { name: 'routing.rules.0.poolId' }).props.validationMessage).toBe(issue.message));
    expect(findByTestId(Alert, 'issues').props.title).toBe('Fix this problem before publishing');
    expect(service.callsTo(PREVIEW_ROUTING)).toHaveLength(0);
  });

  it('still edits routing when the owners cannot be loaded, showing owner ids, and retries', async () => {
    const service = fakeService().on(SETTINGS_URL, ok(ROUTED_OVERVIEW)).on(OWNERS_URL, { status: 503 }).on(OWNERS_URL, ok({ owners: OWNERS }));
    const { findByTestId, waitFor } = await renderLoadedSettings();

    await waitFor(() => findByTestId(Alert, 'owners-error'));
    expect(findByTestId(Accordion, 'rep-101').props.title).toBe('Owner 101');
    findByTestId(Button, 'owners-retry').trigger('onClick');

    await waitFor(() => expect(findByTestId(Accordion, 'rep-101').props.title).toBe('Ada Lovelace'));
    expect(service.callsTo(OWNERS_URL)).toHaveLength(2);
  });
});
