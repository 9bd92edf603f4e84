import {
  BarChart,
  Button,
  EmptyState,
  ErrorState,
  Flex,
  LoadingSpinner,
  Select,
  StatisticsItem,
  Table,
  TableCell,
  TableRow,
  Tag,
  Text,
  type UnknownComponentProps,
} from '@hubspot/ui-extensions';
import { createRenderer, type RenderedElementNode } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { HomePage } from '../../src/home/home-page';
import type { RoutingReport } from '../../src/home/routing-types';
import type { HomeReport } from '../../src/shared/types';
import { fakeService, ok } from '../support/fake-service';
import { settle } from '../support/settle';
import { textOf } from '../support/text-of';
import { triggerWith } from '../support/trigger-with';

const ROUTING = 'GET /api/reports/routing';
const HOME = 'GET /api/reports/home';

const homeReport: HomeReport = {
  funnel: [{ source: 'Organic search', month: '2025-02', captured: 100, mql: 30, sql: 10, opportunity: 5, won: 2 }],
  medianDaysToMql: 6.5,
  medianDaysToSql: 14,
  calibration: [{ band: '60+', contacts: 30, converted: 9, rate: 0.3 }],
};

const report: RoutingReport = {
  period: { days: 90, since: '2025-01-01T00:00:00.000Z' },
  sla: [
    { ownerId: '101', ownerName: 'Ana Diaz', poolId: 'inbound', poolLabel: 'Inbound', met: 8, breached: 2, open: 1, reassigned: 1, metRate: 0.8 },
    { ownerId: '102', ownerName: 'Ben Ode', poolId: 'inbound', poolLabel: 'Inbound', met: 3, breached: 3, open: 0, reassigned: 0, metRate: 0.5 },
    { ownerId: '103', ownerName: 'Owner 103', poolId: null, poolLabel: null, met: 0, breached: 0, open: 2, reassigned: 0, metRate: null },
  ],
  pools: [
    { poolId: 'inbound', poolLabel: 'Inbound', met: 11, breached: 5, open: 1, reassigned: 1, metRate: 0.688 },
    { poolId: null, poolLabel: null, met: 0, breached: 0, open: 2, reassigned: 0, metRate: null },
  ],
  totals: { met: 11, breached: 5, open: 3, reassigned: 1, metRate: 0.688 },
  medianHoursToFirstTouch: 2.5,
  medianBusinessHoursToFirstTouch: 1.5,
  distribution: [
    { poolId: 'inbound', poolLabel: 'Inbound', ownerId: '101', ownerName: 'Ana Diaz', assigned: 13, actualShare: 0.65, targetShare: 0.75 },
    { poolId: 'inbound', poolLabel: 'Inbound', ownerId: '102', ownerName: 'Ben Ode', assigned: 7, actualShare: 0.35, targetShare: 0.25 },
    { poolId: 'enterprise', poolLabel: 'Enterprise', ownerId: '104', ownerName: 'Cy Park', assigned: 11, actualShare: 0.55, targetShare: 0.5 },
    { poolId: 'enterprise', poolLabel: 'Enterprise', ownerId: '105', ownerName: 'Dee Roy', assigned: 9, actualShare: 0.45, targetShare: 0.5 },
  ],
};

const nothingRouted: RoutingReport = {
  ...report,
  sla: [],
  pools: [],
  totals: { met: 0, breached: 0, open: 0, reassigned: 0, metRate: null },
  medianHoursToFirstTouch: null,
  medianBusinessHoursToFirstTouch: null,
  distribution: report.distribution.map((share) => ({ ...share, assigned: 0, actualShare: 0 })),
};

function renderHome() {
  const renderer = createRenderer('home');
  renderer.render(<HomePage />);
  /** The routing section, found afresh: rendered nodes are snapshots of one render. */
  const section = () => renderer.findByTestId(Flex, 'routing-report');
  return { ...renderer, section };
}

/** The text of each cell of each body row. */
const cells = <P extends UnknownComponentProps>(table: RenderedElementNode<P>) => table.findAll(TableRow).slice(1).map((row) => row.findAll(TableCell).map(textOf));
const headline = <P extends UnknownComponentProps>(section: RenderedElementNode<P>) => section.findAll(StatisticsItem).map((item) => [item.props.label, item.props.number]);

describe('home page: routing & SLA', () => {
  it('shows its own spinner while the report for the last 90 days loads', async () => {
    const service = fakeService().on(HOME, ok(homeReport));
    const { section, findByTestId, waitFor } = renderHome();

    expect(section().find(LoadingSpinner).props.label).toBe('Loading the routing report');
    expect((await service.nthCall(ROUTING)).query).toEqual({ days: '90' });
    expect(findByTestId(Select, 'routing-period').props.value).toBe(90);
    await waitFor(() => findByTestId(BarChart, 'calibration'));
    expect(section().find(LoadingSpinner)).toBeTruthy();
  });

  it('shows the SLA met rate and the median time to first touch to one decimal', async () => {
    fakeService().on(HOME, ok(homeReport)).on(ROUTING, ok(report));
    const { section, waitFor } = renderHome();
    await waitFor(() => section().find(StatisticsItem));

    expect(headline(section())).toEqual([
      ['First touch within SLA', '69%'],
      ['Median time to first touch', '2.5 h'],
      ['…in business hours (as the SLA counts)', '1.5 h'],
    ]);
  });

  it('tabulates met, breached, open and reassigned by rep and pool, with pool totals and the total in bold', async () => {
    fakeService().on(HOME, ok(homeReport)).on(ROUTING, ok(report));
    const { section, waitFor } = renderHome();
    await waitFor(() => section().find(Table, { testId: 'routing-sla' }));
    const table = section().find(Table, { testId: 'routing-sla' });

    expect(cells(table)).toEqual([
      ['Inbound', 'Ana Diaz', '8', '2', '1', '1', '80%'],
      ['Inbound', 'Ben Ode', '3', '3', '0', '0', '50%'],
      ['Inbound', 'Pool total', '11', '5', '1', '1', '69%'],
      ['Direct (no pool)', 'Owner 103', '0', '0', '2', '0', '—'],
      ['Direct (no pool)', 'Pool total', '0', '0', '2', '0', '—'],
      ['All pools', 'Total', '11', '5', '3', '1', '69%'],
    ]);
    const bold = table
      .findAll(TableRow)
      .slice(1)
      .map((row) => row.findAll(Text).length > 0 && row.findAll(Text).every((text) => text.props.format?.fontWeight === 'bold'));
    expect(bold).toEqual([false, false, true, false, true, true]);
  });

  it('compares each rep’s share of the pool with the target and highlights deviations over 5 points', async () => {
    fakeService().on(HOME, ok(homeReport)).on(ROUTING, ok(report));
    const { section, waitFor } = renderHome();
    await waitFor(() => section().find(Table, { testId: 'routing-distribution' }));
    const table = section().find(Table, { testId: 'routing-distribution' });

    expect(cells(table)).toEqual([
      ['Inbound', 'Ana Diaz', '13', '65%', '75%', '-10.0 pts'],
      ['Inbound', 'Ben Ode', '7', '35%', '25%', '+10.0 pts'],
      ['Enterprise', 'Cy Park', '11', '55%', '50%', '+5.0 pts'],
      ['Enterprise', 'Dee Roy', '9', '45%', '50%', '-5.0 pts'],
    ]);
    expect(table.findAll(Tag).map((tag) => [tag.props.variant, textOf(tag)])).toEqual([
      ['warning', '-10.0 pts'],
      ['warning', '+10.0 pts'],
    ]);
  });

  it('says so when no lead was routed in the period', async () => {
    fakeService().on(HOME, ok(homeReport)).on(ROUTING, ok(nothingRouted));
    const { section, waitFor } = renderHome();
    await waitFor(() => section().find(EmptyState));

    expect(section().find(EmptyState).props.title).toBe('No leads routed in this period');
    expect(section().maybeFind(Table)).toBeNull();
  });

  it('shows its error with a retry that loads the routing report again, while the funnel stays', async () => {
    const service = fakeService().on(HOME, ok(homeReport)).on(ROUTING, { status: 500 }).on(ROUTING, ok(report));
    const { section, findByTestId, waitFor } = renderHome();
    await waitFor(() => section().find(ErrorState));
    await waitFor(() => findByTestId(BarChart, 'calibration'));

    expect(section().find(ErrorState).props.title).toBe('The routing report could not be loaded');

    section().find(Button, { testId: 'retry' }).trigger('onClick');
    await waitFor(() => section().find(Table, { testId: 'routing-sla' }));
    expect(service.callsTo(ROUTING)).toHaveLength(2);
    expect(service.callsTo(HOME)).toHaveLength(1);
  });

  it('still shows the routing report when the funnel fails', async () => {
    fakeService().on(HOME, { status: 500 }).on(ROUTING, ok(report));
    const { section, find, waitFor } = renderHome();
    await waitFor(() => section().find(Table, { testId: 'routing-sla' }));
    await waitFor(() => find(ErrorState));

    expect(find(ErrorState).props.title).toBe('The lead report could not be loaded');
    expect(section().maybeFind(ErrorState)).toBeNull();
  });

  it('asks for the period chosen and keeps its answer when an earlier request answers late', async () => {
    const service = fakeService().on(HOME, ok(homeReport));
    const { section, findByTestId, waitFor } = renderHome();
    const ninetyDays = await service.nthCall(ROUTING, 1);

    triggerWith(findByTestId(Select, 'routing-period'), 'onChange', 30);
    const thirtyDays = await service.nthCall(ROUTING, 2);
    expect(thirtyDays.query).toEqual({ days: '30' });
    thirtyDays.reply(200, { ...report, period: { days: 30, since: '2025-03-01T00:00:00.000Z' }, medianHoursToFirstTouch: 2 });
    await waitFor(() => section().find(StatisticsItem));
    ninetyDays.reply(200, { ...report, medianHoursToFirstTouch: 9 });
    await settle();

    expect(headline(section())[1]).toEqual(['Median time to first touch', '2.0 h']);
    expect(service.callsTo(HOME)).toHaveLength(1);
  });

  it('offers the last 30, 90 and 365 days, and a dash for the median before any touch', async () => {
    const service = fakeService().on(HOME, ok(homeReport)).on(ROUTING, ok(report)).on(ROUTING, ok({ ...report, medianHoursToFirstTouch: null }));
    const { section, findByTestId, waitFor } = renderHome();
    await waitFor(() => section().find(StatisticsItem));

    expect(findByTestId(Select, 'routing-period').props.options).toEqual([
      { label: 'Last 30 days', value: 30 },
      { label: 'Last 90 days', value: 90 },
      { label: 'Last 365 days', value: 365 },
    ]);
    triggerWith(findByTestId(Select, 'routing-period'), 'onChange', 365);
    await waitFor(() => expect(headline(section())[1]?.[1]).toBe('—'));
    expect(service.callsTo(ROUTING).map((call) => call.query.days)).toEqual(['90', '365']);
  });
});
