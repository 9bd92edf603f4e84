import { BarChart, Button, EmptyState, ErrorState, LoadingSpinner, Select, StatisticsItem, TableRow } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { HomePage } from '../../src/home/home-page';
import type { HomeReport } from '../../src/shared/types';
import { fakeService, ok } from '../support/fake-service';
import { settle } from '../support/settle';
import { textOf } from '../support/text-of';
import { triggerWith } from '../support/trigger-with';

const REPORT = 'GET /api/reports/home';

const report: HomeReport = {
  funnel: [
    { source: 'Organic search', month: '2025-02', captured: 100, mql: 30, sql: 10, opportunity: 5, won: 2 },
    { source: 'Paid social', month: '2025-02', captured: 50, mql: 10, sql: 2, opportunity: 1, won: 0 },
    { source: 'Organic search', month: '2025-01', captured: 80, mql: 20, sql: 8, opportunity: 3, won: 1 },
  ],
  medianDaysToMql: 6.5,
  medianDaysToSql: 14,
  calibration: [
    { band: '0–29', contacts: 120, converted: 2, rate: 2 / 120 },
    { band: '30–59', contacts: 80, converted: 6, rate: 0.075 },
    { band: '60+', contacts: 30, converted: 9, rate: 0.3 },
  ],
};

function renderHome() {
  const renderer = createRenderer('home');
  renderer.render(<HomePage />);
  return renderer;
}

describe('home page', () => {
  it('shows a spinner while the report for the last 6 months loads', async () => {
    const service = fakeService();
    const { find } = renderHome();

    expect(find(LoadingSpinner)).toBeTruthy();
    expect((await service.nthCall(REPORT)).query).toEqual({ months: '6' });
  });

  it('charts the funnel by month over all sources, and by source', async () => {
    fakeService().on(REPORT, ok(report));
    const { findByTestId, waitFor } = renderHome();
    await waitFor(() => findByTestId(BarChart, 'funnel-by-month'));

    expect(findByTestId(BarChart, 'funnel-by-month').props.data).toEqual([
      { month: '2025-01', stage: 'Captured', count: 80 },
      { month: '2025-01', stage: 'MQL', count: 20 },
      { month: '2025-01', stage: 'SQL', count: 8 },
      { month: '2025-01', stage: 'Opportunity', count: 3 },
      { month: '2025-01', stage: 'Won', count: 1 },
      { month: '2025-02', stage: 'Captured', count: 150 },
      { month: '2025-02', stage: 'MQL', count: 40 },
      { month: '2025-02', stage: 'SQL', count: 12 },
      { month: '2025-02', stage: 'Opportunity', count: 6 },
      { month: '2025-02', stage: 'Won', count: 2 },
    ]);
    expect(findByTestId(BarChart, 'funnel-by-month').props.axes.options).toEqual({ groupFieldByColor: 'stage' });
    expect(findByTestId(BarChart, 'funnel-by-source').props.data).toEqual([
      { source: 'Organic search', stage: 'Captured', count: 180 },
      { source: 'Organic search', stage: 'MQL', count: 50 },
      { source: 'Organic search', stage: 'SQL', count: 18 },
      { source: 'Organic search', stage: 'Opportunity', count: 8 },
      { source: 'Organic search', stage: 'Won', count: 3 },
      { source: 'Paid social', stage: 'Captured', count: 50 },
      { source: 'Paid social', stage: 'MQL', count: 10 },
      { source: 'Paid social', stage: 'SQL', count: 2 },
      { source: 'Paid social', stage: 'Opportunity', count: 1 },
      { source: 'Paid social', stage: 'Won', count: 0 },
    ]);
  });

  it('narrows the monthly funnel to one lead source', async () => {
    fakeService().on(REPORT, ok(report));
    const { findByTestId, waitFor } = renderHome();
    await waitFor(() => findByTestId(Select, 'source'));

    expect(findByTestId(Select, 'source').props.options.map((option) => option.label)).toEqual(['All sources', 'Organic search', 'Paid social']);
    triggerWith(findByTestId(Select, 'source'), 'onChange', 'Paid social');

    expect(findByTestId(BarChart, 'funnel-by-month').props.data).toEqual([
      { month: '2025-02', stage: 'Captured', count: 50 },
      { month: '2025-02', stage: 'MQL', count: 10 },
      { month: '2025-02', stage: 'SQL', count: 2 },
      { month: '2025-02', stage: 'Opportunity', count: 1 },
      { month: '2025-02', stage: 'Won', count: 0 },
    ]);
  });

  it('shows the median days to MQL and SQL, and a dash when unknown', async () => {
    fakeService().on(REPORT, ok(report)).on(REPORT, ok({ ...report, medianDaysToSql: null }));
    const { find, findAll, waitFor, findByTestId } = renderHome();
    await waitFor(() => find(StatisticsItem));

    expect(findAll(StatisticsItem).map((item) => [item.props.label, item.props.number])).toEqual([
      ['Median time to MQL', '6.5 days'],
      ['Median time to SQL', '14 days'],
    ]);

    triggerWith(findByTestId(Select, 'period'), 'onChange', 12);
    await waitFor(() => expect(findAll(StatisticsItem)[1]?.props.number).toBe('—'));
  });

  it('charts conversion by score band as percentages', async () => {
    fakeService().on(REPORT, ok(report));
    const { findByTestId, findAll, waitFor } = renderHome();
    await waitFor(() => findByTestId(BarChart, 'calibration'));

    expect(findByTestId(BarChart, 'calibration').props.data).toEqual([
      { band: '0–29', conversion: 1.7 },
      { band: '30–59', conversion: 7.5 },
      { band: '60+', conversion: 30 },
    ]);
    expect(findAll(TableRow).slice(-1).map(textOf)).toEqual(['60+30930%']);
  });

  it('shows an empty state before any lead is captured', async () => {
    fakeService().on(REPORT, ok({ funnel: [], medianDaysToMql: null, medianDaysToSql: null, calibration: [] }));
    const { find, waitFor } = renderHome();

    await waitFor(() => find(EmptyState));
    expect(find(EmptyState).props.title).toBe('No leads yet');
  });

  it('shows an error with a retry that loads the report', async () => {
    const service = fakeService().on(REPORT, { status: 500 }).on(REPORT, ok(report));
    const { find, findByTestId, waitFor } = renderHome();
    await waitFor(() => find(ErrorState));

    findByTestId(Button, 'retry').trigger('onClick');

    await waitFor(() => findByTestId(BarChart, 'calibration'));
    expect(service.callsTo(REPORT)).toHaveLength(2);
  });

  it('keeps the report for the period chosen last when an earlier request answers late', async () => {
    const service = fakeService();
    const { find, findByTestId, findAll, waitFor } = renderHome();
    const sixMonths = await service.nthCall(REPORT, 1);

    triggerWith(findByTestId(Select, 'period'), 'onChange', 3);
    const threeMonths = await service.nthCall(REPORT, 2);
    expect(threeMonths.query).toEqual({ months: '3' });
    threeMonths.reply(200, { ...report, medianDaysToMql: 3 });
    await waitFor(() => find(StatisticsItem));
    sixMonths.reply(200, { ...report, medianDaysToMql: 9 });
    await settle();

    expect(findAll(StatisticsItem)[0]?.props.number).toBe('3 days');
  });
});
