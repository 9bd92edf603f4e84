import { Alert, Button, LoadingButton, StatusTag, TextArea } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { LeadScoreCard } from '../../src/lead-score/lead-score-card';
import { fakeService, ok } from '../support/fake-service';
import { aLead } from '../support/lead-fixtures';
import { settle } from '../support/settle';
import { textOf } from '../support/text-of';
import { triggerWith } from '../support/trigger-with';

const LEAD = 'GET /api/cards/lead-score';
const DECISION = 'POST /api/cards/lead-score/decision';

async function renderScoredCard(service: ReturnType<typeof fakeService>) {
  service.on(LEAD, ok({ lead: aLead() }));
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<LeadScoreCard context={renderer.mocks.context} actions={renderer.mocks.actions} />);
  await renderer.waitFor(() => renderer.find(StatusTag));
  return renderer;
}

describe('lead score card: decisions', () => {
  it('accepts the lead as SQL, shows the result, refetches the card and refreshes the record', async () => {
    const service = fakeService();
    const { findByTestId, find, waitFor, mocks } = await renderScoredCard(service);
    service.on(DECISION, ok({ lead: aLead({ status: 'sql' }) })).on(LEAD, ok({ lead: aLead({ status: 'sql' }) }));

    findByTestId(LoadingButton, 'accept').trigger('onClick');

    expect((await service.nthCall(DECISION)).body).toEqual({ contactId: '123', kind: 'accept' });
    await waitFor(() => expect(find(StatusTag).text).toBe('SQL'));
    expect(find(Alert).props).toMatchObject({ title: 'Accepted as SQL', variant: 'success' });
    expect(textOf(find(Alert))).toBe('Status is now SQL.');
    expect(service.callsTo(LEAD)).toHaveLength(2);
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('does not recycle without a reason', async () => {
    const service = fakeService();
    const { findByTestId, find } = await renderScoredCard(service);

    findByTestId(Button, 'recycle').trigger('onClick');
    findByTestId(LoadingButton, 'confirm-recycle').trigger('onClick');
    await settle();

    expect(find(TextArea).props).toMatchObject({ error: true, validationMessage: expect.stringContaining('Give a reason') });
    expect(service.callsTo(DECISION)).toHaveLength(0);
  });

  it('recycles to marketing with the reason given', async () => {
    const service = fakeService();
    const { findByTestId, find, waitFor, mocks } = await renderScoredCard(service);
    service.on(DECISION, ok({ lead: aLead({ status: 'recycled' }) })).on(LEAD, ok({ lead: aLead({ status: 'recycled' }) }));

    findByTestId(Button, 'recycle').trigger('onClick');
    triggerWith(find(TextArea), 'onChange', '  No budget until Q3 ');
    findByTestId(LoadingButton, 'confirm-recycle').trigger('onClick');

    expect((await service.nthCall(DECISION)).body).toEqual({ contactId: '123', kind: 'recycle', reason: 'No budget until Q3' });
    await waitFor(() => expect(find(StatusTag).text).toBe('Recycled'));
    expect(find(Alert).props.title).toBe('Recycled to marketing');
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('disqualifies with the reason given', async () => {
    const service = fakeService();
    const { findByTestId, find, waitFor } = await renderScoredCard(service);
    service.on(DECISION, ok({ lead: aLead({ status: 'disqualified' }) })).on(LEAD, ok({ lead: aLead({ status: 'disqualified' }) }));

    findByTestId(Button, 'disqualify').trigger('onClick');
    triggerWith(find(TextArea), 'onChange', 'Student');
    findByTestId(LoadingButton, 'confirm-disqualify').trigger('onClick');

    expect((await service.nthCall(DECISION)).body).toEqual({ contactId: '123', kind: 'disqualify', reason: 'Student' });
    await waitFor(() => expect(find(StatusTag).text).toBe('Disqualified'));
    expect(find(Alert).props.title).toBe('Disqualified');
  });

  it('shows why a refused decision was not saved and keeps the card as it was', async () => {
    const service = fakeService();
    const { findByTestId, find, waitFor, mocks } = await renderScoredCard(service);
    service.on(DECISION, { status: 400, body: { error: 'invalid_decision', issues: [{ path: ['kind'], message: 'The lead is already an SQL.' }] } });

    findByTestId(LoadingButton, 'accept').trigger('onClick');

    await waitFor(() => find(Alert));
    expect(find(Alert).props).toMatchObject({ title: 'The decision was not saved', variant: 'error' });
    expect(textOf(find(Alert))).toBe('The lead is already an SQL.');
    expect(find(StatusTag).text).toBe('MQL');
    expect(service.callsTo(LEAD)).toHaveLength(1);
    expect(mocks.actions.refreshObjectProperties.callCount).toBe(0);
  });
});
