import {
  Alert,
  Button,
  DescriptionListItem,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  StatusTag,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { RoutingSlaCard } from '../../src/routing-sla/routing-sla-card';
import type { RoutingCardView, SlaState } from '../../src/routing-sla/routing-types';
import { fakeService, ok } from '../support/fake-service';
import { aHeldView, anSla, aRoutingView, reminders } from '../support/routing-fixtures';
import { settle } from '../support/settle';
import { textOf } from '../support/text-of';
import { ROUTING, renderCard, startClockAtAsOf } from './support';

type Renderer = ReturnType<typeof renderCard>;

function detail(renderer: Renderer, label: string): string {
  return textOf(renderer.find(DescriptionListItem, { label }));
}

async function renderWith(view: RoutingCardView) {
  fakeService().on(ROUTING, ok({ routing: view }));
  const renderer = renderCard();
  await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
  return renderer;
}

describe('routing & SLA card: states', () => {
  startClockAtAsOf();

  it('shows a spinner while the routing loads, asking for the record’s contact only', async () => {
    const service = fakeService();
    const { find } = renderCard();

    expect(find(LoadingSpinner).props.label).toBe('Loading routing');
    const call = await service.nthCall(ROUTING);
    expect(call.query).toEqual({ contactId: '123' });
    expect(call.body).toBeUndefined();
  });

  it('shows the owner, how the routing chose them, the clock and the history once loaded', async () => {
    fakeService().on(ROUTING, ok({ routing: aRoutingView() }));
    const renderer = renderCard();
    const { find, findAll, findByTestId, waitFor, maybeFind } = renderer;
    await waitFor(() => find(DescriptionListItem));

    expect(maybeFind(LoadingSpinner)).toBeNull();
    expect(detail(renderer, 'Owner')).toBe('Ana Reyes');
    expect(detail(renderer, 'Chosen by')).toBe('EMEA countries');
    expect(detail(renderer, 'Pool')).toBe('EMEA enterprise');
    expect(detail(renderer, 'Why')).toBe('Country is Ireland');
    expect(detail(renderer, 'Priority')).toBe('High');
    expect(detail(renderer, 'When')).toBe('Mar 4, 2025, 8:45 AM');
    expect(find(StatusTag).text).toBe('On track');
    expect(textOf(findByTestId(Text, 'sla-countdown'))).toBe('2 h 15 min of business time left');
    expect(textOf(findByTestId(Text, 'sla-due'))).toBe('Due Mar 4, 2025, 12:15 PM · business hours of the rep’s calendar (Europe/Dublin)');
    expect(findAll(TableRow).slice(1).map(textOf)).toEqual([
      'Mar 4, 2025, 9:45 AMReminder sentAna Reyes · Reminder sent to Ana Reyes',
      'Mar 4, 2025, 8:45 AMAssignedAna Reyes · pool EMEA enterprise · Country is Ireland',
      'Mar 4, 2025, 8:00 AMHeldpool North America · Every rep in the pool is away',
    ]);
    expect(maybeFind(Button, { testId: 'history-toggle' })).toBeNull();
  });

  it.each([
    { calendarSource: 'hubspot' as const, timeZone: 'Asia/Tokyo', text: 'the rep’s working hours in HubSpot (Asia/Tokyo)' },
    { calendarSource: 'override' as const, timeZone: 'Europe/Dublin', text: 'the rep’s calendar (Europe/Dublin, override)' },
    { calendarSource: 'default_calendar' as const, timeZone: 'America/New_York', text: 'the default calendar (America/New_York)' },
  ])('says whose hours the clock counts: $calendarSource', async ({ calendarSource, timeZone, text }) => {
    fakeService().on(ROUTING, ok({ routing: aRoutingView({ sla: anSla({ calendarSource, timeZone }) }) }));
    const { findByTestId, waitFor, find } = renderCard();
    await waitFor(() => find(DescriptionListItem));
    expect(textOf(findByTestId(Text, 'sla-due'))).toBe(`Due Mar 4, 2025, 12:15 PM · business hours of ${text}`);
  });

  it('shows an empty state when the app has never seen the contact', async () => {
    fakeService().on(ROUTING, { status: 404, body: { error: 'not_scored' } });
    const { find, waitFor, maybeFind } = renderCard();
    await waitFor(() => find(EmptyState));

    expect(find(EmptyState).props.title).toBe('Not scored yet');
    expect(maybeFind(ErrorState)).toBeNull();
    expect(maybeFind(Button)).toBeNull();
  });

  it('shows an error with a retry that loads the routing', async () => {
    const service = fakeService().on(ROUTING, { status: 503, body: { error: 'unavailable' } }).on(ROUTING, ok({ routing: aRoutingView() }));
    const { find, waitFor, findByTestId } = renderCard();
    await waitFor(() => find(ErrorState));
    expect(find(ErrorState).props.title).toBe('The routing could not be loaded');
    expect(textOf(find(ErrorState))).toContain('not answering (503)');

    findByTestId(Button, 'retry').trigger('onClick');

    await waitFor(() => find(DescriptionListItem));
    expect(service.callsTo(ROUTING)).toHaveLength(2);
  });

  it('explains that routing is not set up, and offers no actions', async () => {
    fakeService().on(ROUTING, ok({ routing: aRoutingView({ routingConfigured: false, owner: null, assignment: null, sla: null, history: [] }) }));
    const { find, waitFor, maybeFind } = renderCard();
    await waitFor(() => find(EmptyState));

    expect(find(EmptyState).props.title).toBe('Routing is not set up');
    expect(textOf(find(EmptyState))).toContain('An admin sets pools and rules on the app’s settings page');
    expect(maybeFind(Button)).toBeNull();
    expect(maybeFind(StatusTag)).toBeNull();
  });

  it('warns that a held lead waits in the hold queue, and why', async () => {
    const renderer = await renderWith(aHeldView());
    const { findByTestId, maybeFind } = renderer;

    expect(findByTestId(Alert, 'held').props).toMatchObject({ title: 'Waiting in the hold queue', variant: 'warning' });
    expect(textOf(findByTestId(Alert, 'held'))).toContain('Reason: Every rep in North America is at their daily cap');
    expect(detail(renderer, 'Owner')).toBe('Nobody');
    expect(detail(renderer, 'Chosen by')).toBe('Default pool');
    expect(maybeFind(DescriptionListItem, { label: 'Why' })).toBeNull();
    expect(textOf(findByTestId(Text, 'no-sla'))).toContain('No first-touch clock');
    expect(findByTestId(Button, 'touched').props.disabled).toBe(true);
  });

  it('says so when the SLA released the lead', async () => {
    const released = aHeldView({
      assignment: { ...aHeldView().assignment!, kind: 'released', ruleId: 'sla', reason: 'No first touch within 4 business hours' },
    });
    const renderer = await renderWith(released);

    expect(textOf(renderer.findByTestId(Alert, 'released'))).toContain('Reason: No first touch within 4 business hours');
    expect(detail(renderer, 'Chosen by')).toBe('Released by the SLA');
  });

  it('says so when the lead was never routed', async () => {
    const { findByTestId, maybeFind } = await renderWith(aRoutingView({ owner: null, assignment: null, sla: null, history: [] }));

    expect(textOf(findByTestId(Text, 'not-routed'))).toBe('Not routed yet: the app routes a lead when it becomes sales-ready.');
    expect(maybeFind(DescriptionListItem)).toBeNull();
    expect(maybeFind(TableRow)).toBeNull();
  });

  it.each([
    ['company_owner', 'Acme owner rule', 'Company owner'],
    ['manual', null, 'Reassigned by a user'],
    ['default', null, 'Default pool'],
    ['sla', null, 'Released by the SLA'],
    ['emea_countries', null, 'emea_countries'],
  ])('names rule %s (label %s) as “%s”', async (ruleId, ruleLabel, shown) => {
    const view = aRoutingView();
    const renderer = await renderWith({ ...view, assignment: { ...view.assignment!, ruleId, ruleLabel } });

    expect(detail(renderer, 'Chosen by')).toBe(shown);
  });

  it('shows no priority for a normal-priority lead', async () => {
    const view = aRoutingView();
    const renderer = await renderWith({ ...view, assignment: { ...view.assignment!, priority: 'normal' } });
    expect(renderer.maybeFind(DescriptionListItem, { label: 'Priority' })).toBeNull();
  });

  it.each<[SlaState, string, string]>([
    ['on_track', 'On track', 'info'],
    ['at_risk', 'At risk', 'warning'],
    ['breached', 'Breached', 'danger'],
    ['met', 'Met', 'success'],
    ['reassigned', 'Reassigned', 'default'],
    ['recycled', 'Recycled', 'default'],
  ])('tags SLA state %s as “%s” (%s)', async (state, label, variant) => {
    const { find } = await renderWith(aRoutingView({ sla: anSla({ state }) }));

    expect(find(StatusTag).text).toBe(label);
    expect(find(StatusTag).props.variant).toBe(variant);
  });

  it('says when a met clock was met, and that a stopped clock stopped', async () => {
    const met = await renderWith(aRoutingView({ sla: anSla({ state: 'met', firstTouchAt: '2025-03-04T14:20:00.000Z', ticking: false }) }));
    expect(textOf(met.findByTestId(Text, 'sla-countdown'))).toBe('Met at Mar 4, 2025, 9:20 AM');

    const reassigned = await renderWith(aRoutingView({ sla: anSla({ state: 'reassigned' }) }));
    expect(textOf(reassigned.findByTestId(Text, 'sla-countdown'))).toBe('Clock stopped: the lead was reassigned.');
  });

  it('shows the ten newest history items until asked for all of them', async () => {
    const { findAll, findByTestId, waitFor } = await renderWith(aRoutingView({ history: reminders(23) }));
    const shownDetails = () => findAll(TableRow).slice(1).map(textOf);

    expect(shownDetails()).toHaveLength(10);
    expect(shownDetails()[0]).toContain('Reminder 1');
    expect(shownDetails()[9]).toContain('Reminder 10');
    expect(findByTestId(Button, 'history-toggle').text).toBe('Show all 23');

    findByTestId(Button, 'history-toggle').trigger('onClick');
    await waitFor(() => expect(shownDetails()).toHaveLength(23));
    expect(shownDetails()[22]).toContain('Reminder 23');
    expect(findByTestId(Button, 'history-toggle').text).toBe('Show fewer');

    findByTestId(Button, 'history-toggle').trigger('onClick');
    await waitFor(() => expect(shownDetails()).toHaveLength(10));
  });

  it('ignores a slow answer for the previous contact', async () => {
    const service = fakeService();
    const { render, find, findByTestId, waitFor, mocks } = createRenderer('crm.record.sidebar');
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
    const first = await service.nthCall(ROUTING, 1);

    findByTestId(Button, 'next-record').trigger('onClick');
    const second = await service.nthCall(ROUTING, 2);
    expect(second.query.contactId).toBe('456');
    second.reply(200, { routing: aRoutingView({ contactId: 456, owner: { ownerId: '102', name: 'Ben Okafor' } }) });
    await waitFor(() => find(DescriptionListItem));
    first.reply(200, { routing: aRoutingView({ contactId: 123 }) });
    await settle();

    expect(textOf(find(DescriptionListItem, { label: 'Owner' }))).toBe('Ben Okafor');
  });
});
