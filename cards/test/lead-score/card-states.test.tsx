import { Button, EmptyState, ErrorState, LineChart, LoadingSpinner, ProgressBar, StatisticsItem, StatusTag, TableRow, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { LeadScoreCard } from '../../src/lead-score/lead-score-card';
import { fakeService, ok } from '../support/fake-service';
import { aLead } from '../support/lead-fixtures';
import { settle } from '../support/settle';
import { textOf } from '../support/text-of';

const LEAD = 'GET /api/cards/lead-score';

function renderCard() {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<LeadScoreCard context={renderer.mocks.context} actions={renderer.mocks.actions} />);
  return renderer;
}

describe('lead score card: states', () => {
  it('shows a spinner while the score loads, asking for the record’s contact only', async () => {
    const service = fakeService();
    const { find } = renderCard();

    expect(find(LoadingSpinner).props.label).toBe('Loading lead score');
    const call = await service.nthCall(LEAD);
    expect(call.query).toEqual({ contactId: '123' });
    expect(call.body).toBeUndefined();
  });

  it('shows the score, grade, status, progress, top reasons and trend', async () => {
    fakeService().on(LEAD, ok({ lead: aLead() }));
    const { find, findAll, findByTestId, waitFor } = renderCard();
    await waitFor(() => find(StatisticsItem));

    expect(findAll(StatisticsItem).map((item) => [item.props.label, item.props.number])).toEqual([
      ['Score', 72],
      ['Fit · grade B', 30],
      ['Engagement', 42],
    ]);
    expect(find(StatusTag).text).toBe('MQL');
    expect(find(StatusTag).props.variant).toBe('info');
    expect(findByTestId(ProgressBar, 'next-threshold').props).toMatchObject({ title: 'Progress to SQL', value: 72, maxValue: 90 });
    expect(findByTestId(ProgressBar, 'next-threshold').props.valueDescription).toContain('18 points to go');

    const rows = findAll(TableRow).slice(1).map(textOf);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain('Pricing page');
    expect(rows[0]).toContain('+18');
    expect(rows).toContainEqual(expect.stringContaining('Careers page (engagement)1-10'));
    expect(rows.join()).not.toContain('Newsletter');

    expect(find(LineChart).props.data).toEqual([
      { date: '2025-03-01', score: 40 },
      { date: '2025-03-02', score: 55 },
      { date: '2025-03-03', score: 72 },
    ]);
    expect(find(LineChart).props.axes).toMatchObject({ x: { field: 'date', fieldType: 'datetime' }, y: { field: 'score' } });
  });

  it('says what SQL still needs when the fit grade is short', async () => {
    fakeService().on(LEAD, ok({ lead: aLead({ grade: 'C', score: 95, next: null }) }));
    const { findByTestId, waitFor, getRootNode } = renderCard();
    await waitFor(() => findByTestId(Text, 'grade-requirement'));

    expect(textOf(findByTestId(Text, 'grade-requirement'))).toContain('needs fit grade B or better; this contact is grade C');
    expect(textOf(getRootNode())).toContain('Past every score threshold');
  });

  it('shows an empty state when the contact is not scored yet', async () => {
    fakeService().on(LEAD, { status: 404, body: { error: 'not_scored' } });
    const { find, waitFor, maybeFind } = renderCard();
    await waitFor(() => find(EmptyState));

    expect(find(EmptyState).props.title).toBe('Not scored yet');
    expect(maybeFind(ErrorState)).toBeNull();
  });

  it('shows an error with a retry that loads the score', async () => {
    const service = fakeService().on(LEAD, { status: 503, body: { error: 'unavailable' } }).on(LEAD, ok({ lead: aLead() }));
    const { find, waitFor, findByTestId } = renderCard();
    await waitFor(() => find(ErrorState));
    expect(textOf(find(ErrorState))).toContain('not answering (503)');

    findByTestId(Button, 'retry').trigger('onClick');

    await waitFor(() => find(StatisticsItem));
    expect(service.callsTo(LEAD)).toHaveLength(2);
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
          <LeadScoreCard context={{ ...mocks.context, crm: { ...mocks.context.crm, objectId } }} actions={mocks.actions} />
        </>
      );
    }
    render(<SwitchingRecord />);
    const first = await service.nthCall(LEAD, 1);

    findByTestId(Button, 'next-record').trigger('onClick');
    const second = await service.nthCall(LEAD, 2);
    expect(second.query.contactId).toBe('456');
    second.reply(200, { lead: aLead({ contactId: '456', score: 12 }) });
    await waitFor(() => find(StatisticsItem));
    first.reply(200, { lead: aLead({ contactId: '123', score: 99 }) });
    await settle();

    expect(find(StatisticsItem, { label: 'Score' }).props.number).toBe(12);
  });
});
