import { Alert, Button, DescriptionListItem, LoadingButton, Select, StatusTag, TextArea, Toggle } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { RoutingSlaCard } from '../../src/routing-sla/routing-sla-card';
import { fakeService, ok } from '../support/fake-service';
import { aHeldView, anSla, aRoutingView } from '../support/routing-fixtures';
import { settle } from '../support/settle';
import { textOf } from '../support/text-of';
import { triggerWith } from '../support/trigger-with';
import { ACTION, ROUTING, renderCard, startClockAtAsOf } from './support';

const REASSIGNED_TO_BEN = aRoutingView({
  owner: { ownerId: '102', name: 'Ben Okafor' },
  assignment: { ...aRoutingView().assignment!, ownerId: '102', ruleId: 'manual', ruleLabel: null, reason: 'Speaks German', decidedAt: '2025-03-04T15:00:00.000Z' },
  sla: anSla({ remainingBusinessMinutes: 240 }),
});

async function renderLoadedCard(service: ReturnType<typeof fakeService>, view = aRoutingView()) {
  service.on(ROUTING, ok({ routing: view }));
  const renderer = renderCard();
  await renderer.waitFor(() => renderer.find(DescriptionListItem));
  return renderer;
}

const owner = (renderer: Awaited<ReturnType<typeof renderLoadedCard>>) => textOf(renderer.find(DescriptionListItem, { label: 'Owner' }));

describe('routing & SLA card: actions', () => {
  startClockAtAsOf();

  it('reassigns to a pool, shows the result, shows the answer and refreshes the record', async () => {
    const service = fakeService();
    const renderer = await renderLoadedCard(service);
    const { findByTestId, find, waitFor, mocks } = renderer;
    service.on(ACTION, ok({ routing: REASSIGNED_TO_BEN }));

    findByTestId(Button, 'reassign').trigger('onClick');
    expect(find(Select).props.options).toEqual([
      { label: 'Pool · EMEA enterprise', value: 'pool:emea' },
      { label: 'Pool · North America', value: 'pool:na' },
      { label: 'Ben Okafor', value: 'owner:102' },
      { label: 'Chen Wei', value: 'owner:103' },
    ]);
    triggerWith(find(Select), 'onChange', 'pool:na');
    findByTestId(LoadingButton, 'confirm-reassign').trigger('onClick');

    expect((await service.nthCall(ACTION)).body).toEqual({ contactId: 123, kind: 'reassign', to: { poolId: 'na' } });
    await waitFor(() => expect(owner(renderer)).toBe('Ben Okafor'));
    expect(find(Alert).props).toMatchObject({ title: 'Reassigned', variant: 'success' });
    expect(textOf(find(Alert))).toBe('Now owned by Ben Okafor.');
    expect(renderer.maybeFind(Select)).toBeNull();
    expect(service.callsTo(ROUTING)).toHaveLength(1);
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('reassigns to a person with the reason given', async () => {
    const service = fakeService();
    const renderer = await renderLoadedCard(service);
    service.on(ACTION, ok({ routing: REASSIGNED_TO_BEN }));

    renderer.findByTestId(Button, 'reassign').trigger('onClick');
    triggerWith(renderer.find(Select), 'onChange', 'owner:102');
    triggerWith(renderer.find(TextArea), 'onChange', '  Speaks German ');
    renderer.findByTestId(LoadingButton, 'confirm-reassign').trigger('onClick');

    expect((await service.nthCall(ACTION)).body).toEqual({ contactId: 123, kind: 'reassign', to: { ownerId: '102' }, reason: 'Speaks German' });
    await renderer.waitFor(() => expect(owner(renderer)).toBe('Ben Okafor'));
  });

  it('does not reassign before a pool or a person is chosen', async () => {
    const service = fakeService();
    const { findByTestId, find } = await renderLoadedCard(service);

    findByTestId(Button, 'reassign').trigger('onClick');
    findByTestId(LoadingButton, 'confirm-reassign').trigger('onClick');
    await settle();

    expect(find(Select).props).toMatchObject({ error: true, validationMessage: 'Choose a pool or a person.' });
    expect(service.callsTo(ACTION)).toHaveLength(0);
  });

  it('marks the lead touched, with a note, and shows the met clock', async () => {
    const service = fakeService();
    const { findByTestId, find, waitFor, mocks } = await renderLoadedCard(service);
    const met = aRoutingView({ sla: anSla({ state: 'met', firstTouchAt: '2025-03-04T15:00:00.000Z', ticking: false }) });
    service.on(ACTION, ok({ routing: met }));

    findByTestId(Button, 'touched').trigger('onClick');
    triggerWith(find(TextArea), 'onChange', 'Called, left a voicemail');
    findByTestId(LoadingButton, 'confirm-touched').trigger('onClick');

    expect((await service.nthCall(ACTION)).body).toEqual({ contactId: 123, kind: 'touched', note: 'Called, left a voicemail' });
    await waitFor(() => expect(find(StatusTag).text).toBe('Met'));
    expect(find(Alert).props.title).toBe('First touch recorded');
    expect(textOf(find(Alert))).toBe('First-touch SLA: Met.');
    expect(findByTestId(Button, 'touched').props.disabled).toBe(true);
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('lets the rep switch themselves away and back, and hides the switch from users who are no owner', async () => {
    const service = fakeService();
    const { findByTestId, find, waitFor } = await renderLoadedCard(service);
    expect(findByTestId(Toggle, 'away').props.checked).toBe(false);
    service.on(ACTION, ok({ routing: aRoutingView({ me: { ownerId: '101', name: 'Ana Reyes', away: true } }) }));

    triggerWith(findByTestId(Toggle, 'away'), 'onChange', true);

    expect((await service.nthCall(ACTION)).body).toEqual({ contactId: 123, kind: 'away', away: true });
    await waitFor(() => expect(findByTestId(Toggle, 'away').props.checked).toBe(true));
    expect(find(Alert).props.title).toBe('Availability saved');
    expect(textOf(find(Alert))).toBe('You get no new leads until you switch this off.');

    const other = await renderLoadedCard(fakeService(), aRoutingView({ me: null }));
    expect(other.maybeFind(Toggle, { testId: 'away' })).toBeNull();
  });

  it('marks the lead touched without a note', async () => {
    const service = fakeService();
    const { findByTestId } = await renderLoadedCard(service);
    service.on(ACTION, ok({ routing: aRoutingView() }));

    findByTestId(Button, 'touched').trigger('onClick');
    findByTestId(LoadingButton, 'confirm-touched').trigger('onClick');

    expect((await service.nthCall(ACTION)).body).toEqual({ contactId: 123, kind: 'touched' });
  });

  it.each([
    ['there is no owner', aHeldView({ sla: anSla() })],
    ['no clock runs', aRoutingView({ sla: null })],
    ['the clock was met', aRoutingView({ sla: anSla({ state: 'met' }) })],
    ['the clock was reassigned', aRoutingView({ sla: anSla({ state: 'reassigned' }) })],
  ])('offers no touch when %s', async (_, view) => {
    const { findByTestId } = await renderLoadedCard(fakeService(), view);

    expect(findByTestId(Button, 'touched').props.disabled).toBe(true);
  });

  it('does not recycle without a reason', async () => {
    const service = fakeService();
    const { findByTestId, find } = await renderLoadedCard(service);

    findByTestId(Button, 'recycle').trigger('onClick');
    triggerWith(find(TextArea), 'onChange', '   ');
    findByTestId(LoadingButton, 'confirm-recycle').trigger('onClick');
    await settle();

    expect(find(TextArea).props).toMatchObject({ required: true, error: true, validationMessage: expect.stringContaining('Give a reason') });
    expect(service.callsTo(ACTION)).toHaveLength(0);
  });

  it('recycles to marketing with the reason given', async () => {
    const service = fakeService();
    const { findByTestId, find, waitFor, maybeFind, mocks } = await renderLoadedCard(service);
    service.on(ACTION, ok({ routing: aRoutingView({ status: 'recycled', owner: null, sla: anSla({ state: 'recycled' }) }) }));

    findByTestId(Button, 'recycle').trigger('onClick');
    triggerWith(find(TextArea), 'onChange', ' No budget until Q3 ');
    findByTestId(LoadingButton, 'confirm-recycle').trigger('onClick');

    expect((await service.nthCall(ACTION)).body).toEqual({ contactId: 123, kind: 'recycle', reason: 'No budget until Q3' });
    await waitFor(() => expect(find(StatusTag).text).toBe('Recycled'));
    expect(find(Alert).props.title).toBe('Recycled to marketing');
    expect(textOf(find(Alert))).toBe('Status is now Recycled.');
    expect(maybeFind(Button, { testId: 'recycle' })).toBeNull();
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('shows why the service refused an action, keeps the card as it was and the form open', async () => {
    const service = fakeService();
    const renderer = await renderLoadedCard(service);
    const { findByTestId, find, waitFor, mocks } = renderer;
    service.on(ACTION, { status: 409, body: { error: 'The first-touch clock is no longer running.' } });

    findByTestId(Button, 'touched').trigger('onClick');
    findByTestId(LoadingButton, 'confirm-touched').trigger('onClick');

    await waitFor(() => find(Alert));
    expect(find(Alert).props).toMatchObject({ title: 'The change was not saved', variant: 'error' });
    expect(textOf(find(Alert))).toBe('The first-touch clock is no longer running.');
    expect(find(StatusTag).text).toBe('On track');
    expect(owner(renderer)).toBe('Ana Reyes');
    expect(findByTestId(LoadingButton, 'confirm-touched').props.disabled).toBe(false);
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(0);
  });

  it('shows the service’s validation issues', async () => {
    const service = fakeService();
    const { findByTestId, find, waitFor, mocks } = await renderLoadedCard(service);
    service.on(ACTION, { status: 400, body: { error: 'invalid_action', issues: [{ path: ['reason'], message: 'Too long' }] } });

    findByTestId(Button, 'recycle').trigger('onClick');
    triggerWith(find(TextArea), 'onChange', 'Wrong fit');
    findByTestId(LoadingButton, 'confirm-recycle').trigger('onClick');

    await waitFor(() => find(Alert));
    expect(textOf(find(Alert))).toBe('Too long');
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(0);
  });

  it('disables the action while it runs', async () => {
    const service = fakeService();
    const { findByTestId, waitFor } = await renderLoadedCard(service);

    findByTestId(Button, 'touched').trigger('onClick');
    findByTestId(LoadingButton, 'confirm-touched').trigger('onClick');
    const call = await service.nthCall(ACTION);

    await waitFor(() => expect(findByTestId(LoadingButton, 'confirm-touched').props).toMatchObject({ loading: true, disabled: true }));
    expect(findByTestId(Button, 'cancel-action').props.disabled).toBe(true);

    call.reply(200, { routing: aRoutingView({ sla: anSla({ state: 'met' }) }) });
    await waitFor(() => expect(findByTestId(Button, 'reassign').props.disabled).toBe(false));
  });
});

describe('routing & SLA card: answers that come too late', () => {
  startClockAtAsOf();

  it('drops an action’s answer that comes after the rep moved to another record', async () => {
    const service = fakeService()
      .on(ROUTING, (call) => ok({ routing: call.query.contactId === '456' ? aRoutingView({ contactId: 456, owner: { ownerId: '103', name: 'Chen Wei' } }) : aRoutingView() }));
    const renderer = createRenderer('crm.record.sidebar');
    const { render, find, findByTestId, waitFor, mocks } = renderer;
    function SwitchingRecord() {
      const [objectId, setObjectId] = useState(123);
      return (
        <>
          <Button testId="next-record" onClick={() => setObjectId(456)}>
            Next
          </Button>
          <RoutingSlaCard context={{ ...mocks.context, crm: { ...mocks.context.crm, objectId } }} actions={mocks.actions} />
        </>
      );
    }
    render(<SwitchingRecord />);
    await waitFor(() => find(DescriptionListItem));
    findByTestId(Button, 'reassign').trigger('onClick');
    triggerWith(find(Select), 'onChange', 'owner:102');
    findByTestId(LoadingButton, 'confirm-reassign').trigger('onClick');
    const action = await service.nthCall(ACTION);

    findByTestId(Button, 'next-record').trigger('onClick');
    await waitFor(() => expect(textOf(find(DescriptionListItem, { label: 'Owner' }))).toBe('Chen Wei'));
    action.reply(200, { routing: REASSIGNED_TO_BEN });
    await settle();

    expect(textOf(find(DescriptionListItem, { label: 'Owner' }))).toBe('Chen Wei');
    expect(renderer.maybeFind(Alert)).toBeNull();
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(0);
  });
});

describe('routing & SLA card: an action and a refresh at once', () => {
  startClockAtAsOf({ timers: true });

  it('drops a refresh that answers after the action did', async () => {
    const service = fakeService();
    const renderer = await renderLoadedCard(service);
    const { findByTestId, find, waitFor } = renderer;
    service.on(ROUTING, () => undefined);

    vi.advanceTimersByTime(5 * 60_000);
    const refresh = await service.nthCall(ROUTING, 2);
    findByTestId(Button, 'reassign').trigger('onClick');
    triggerWith(find(Select), 'onChange', 'owner:102');
    findByTestId(LoadingButton, 'confirm-reassign').trigger('onClick');
    const action = await service.nthCall(ACTION);
    action.reply(200, { routing: REASSIGNED_TO_BEN });
    await waitFor(() => expect(owner(renderer)).toBe('Ben Okafor'));

    refresh.reply(200, { routing: aRoutingView() });
    await settle();

    expect(owner(renderer)).toBe('Ben Okafor');
  });
});
