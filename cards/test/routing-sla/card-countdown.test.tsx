import { LoadingSpinner, StatusTag, Text } from '@hubspot/ui-extensions';
import { describe, expect, it, vi } from 'vitest';
import { fakeService, ok } from '../support/fake-service';
import { AS_OF, anSla, aRoutingView } from '../support/routing-fixtures';
import { settle } from '../support/settle';
import { textOf } from '../support/text-of';
import { ROUTING, renderCard, startClockAtAsOf } from './support';

const SECONDS = 1000;
const MINUTES = 60 * SECONDS;

async function renderLoaded(service: ReturnType<typeof fakeService>) {
  const renderer = renderCard();
  await renderer.waitFor(() => renderer.findByTestId(Text, 'sla-countdown'));
  const countdown = () => textOf(renderer.findByTestId(Text, 'sla-countdown'));
  return { ...renderer, countdown, service };
}

describe('routing & SLA card: the first-touch countdown', () => {
  startClockAtAsOf({ timers: true });

  it('counts business time down every 30 seconds while it runs', async () => {
    const { countdown, waitFor } = await renderLoaded(fakeService().on(ROUTING, ok({ routing: aRoutingView() })));
    expect(countdown()).toBe('2 h 15 min of business time left');

    vi.advanceTimersByTime(30 * SECONDS);
    await settle();
    expect(countdown()).toBe('2 h 15 min of business time left');

    vi.advanceTimersByTime(30 * SECONDS);
    await waitFor(() => expect(countdown()).toBe('2 h 14 min of business time left'));

    vi.advanceTimersByTime(59 * MINUTES);
    await waitFor(() => expect(countdown()).toBe('1 h 15 min of business time left'));
  });

  it('stands still outside business hours and says it is paused', async () => {
    const paused = aRoutingView({ sla: anSla({ remainingBusinessMinutes: 75, ticking: false }) });
    const { countdown, service } = await renderLoaded(fakeService().on(ROUTING, ok({ routing: paused })));
    expect(countdown()).toBe('1 h 15 min of business time left · paused outside business hours');

    vi.advanceTimersByTime(4 * MINUTES);
    await settle();

    expect(countdown()).toBe('1 h 15 min of business time left · paused outside business hours');
    expect(service.callsTo(ROUTING)).toHaveLength(1);
  });

  it('says by how much an overdue clock is overdue, and keeps counting in wall-clock time', async () => {
    const overdue = aRoutingView({ sla: anSla({ state: 'breached', remainingBusinessMinutes: -65, ticking: false, breachedAt: '2025-03-04T13:55:00.000Z' }) });
    const { countdown, waitFor, find } = await renderLoaded(fakeService().on(ROUTING, ok({ routing: overdue })));
    expect(find(StatusTag).text).toBe('Breached');
    expect(countdown()).toBe('Overdue by 1 h 5 min');

    vi.advanceTimersByTime(2 * MINUTES);
    await waitFor(() => expect(countdown()).toBe('Overdue by 1 h 7 min'));
  });

  it('reads days once a clock is a day overdue', async () => {
    const longOverdue = aRoutingView({ sla: anSla({ state: 'breached', remainingBusinessMinutes: -(26 * 60 + 10), ticking: true }) });
    const { countdown } = await renderLoaded(fakeService().on(ROUTING, ok({ routing: longOverdue })));

    expect(countdown()).toBe('Overdue by 1 d 2 h');
  });

  it('asks the service again, without a spinner, when the countdown reaches zero', async () => {
    const almostDue = aRoutingView({ sla: anSla({ state: 'at_risk', remainingBusinessMinutes: 1 }) });
    const breached = aRoutingView({ asOf: new Date(Date.parse(AS_OF) + MINUTES).toISOString(), sla: anSla({ state: 'breached', remainingBusinessMinutes: 0 }) });
    const service = fakeService().on(ROUTING, ok({ routing: almostDue }));
    const { countdown, find, maybeFind, waitFor } = await renderLoaded(service);
    expect(countdown()).toBe('1 min of business time left');
    service.on(ROUTING, () => undefined);

    vi.advanceTimersByTime(30 * SECONDS);
    await settle();
    expect(service.callsTo(ROUTING)).toHaveLength(1);

    vi.advanceTimersByTime(30 * SECONDS);
    const refetch = await service.nthCall(ROUTING, 2);
    expect(refetch.query).toEqual({ contactId: '123' });
    expect(maybeFind(LoadingSpinner)).toBeNull();
    expect(countdown()).toBe('Due now');

    refetch.reply(200, { routing: breached });
    await waitFor(() => expect(find(StatusTag).text).toBe('Breached'));
    vi.advanceTimersByTime(30 * SECONDS);
    await settle();
    expect(service.callsTo(ROUTING)).toHaveLength(2);
  });

  it('refreshes silently every five minutes, keeping the card on screen meanwhile', async () => {
    const service = fakeService().on(ROUTING, ok({ routing: aRoutingView() }));
    const { find, maybeFind, waitFor } = await renderLoaded(service);
    service.on(ROUTING, () => undefined);

    vi.advanceTimersByTime(4 * MINUTES + 59 * SECONDS);
    await settle();
    expect(service.callsTo(ROUTING)).toHaveLength(1);

    vi.advanceTimersByTime(1 * SECONDS);
    const refresh = await service.nthCall(ROUTING, 2);
    expect(maybeFind(LoadingSpinner)).toBeNull();
    expect(find(StatusTag).text).toBe('On track');

    refresh.reply(200, { routing: aRoutingView({ asOf: new Date().toISOString(), sla: anSla({ state: 'at_risk', remainingBusinessMinutes: 40 }) }) });
    await waitFor(() => expect(find(StatusTag).text).toBe('At risk'));
    expect(textOf(find(Text, { testId: 'sla-countdown' }))).toBe('40 min of business time left');
  });

  it('keeps showing the card when a silent refresh fails', async () => {
    const service = fakeService().on(ROUTING, ok({ routing: aRoutingView() })).on(ROUTING, { status: 503, body: { error: 'unavailable' } });
    const { find, maybeFind } = await renderLoaded(service);

    vi.advanceTimersByTime(5 * MINUTES);
    await service.nthCall(ROUTING, 2);
    await settle();

    expect(maybeFind(LoadingSpinner)).toBeNull();
    expect(find(StatusTag).text).toBe('On track');
  });
});
