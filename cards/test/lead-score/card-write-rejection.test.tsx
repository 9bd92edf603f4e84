import { Alert, StatisticsItem, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { LeadScoreCard } from '../../src/lead-score/lead-score-card';
import { fakeService, ok } from '../support/fake-service';
import { aLead } from '../support/lead-fixtures';
import { textOf } from '../support/text-of';

const LEAD = 'GET /api/cards/lead-score';

function renderCard() {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<LeadScoreCard context={renderer.mocks.context} actions={renderer.mocks.actions} />);
  return renderer;
}

describe('lead score card: HubSpot refused our update', () => {
  it('shows HubSpot\u2019s message, the properties it named and when', async () => {
    const writeRejection = { message: 'company is required', properties: ['company', 'jobtitle'], at: '2025-03-04T15:05:00.000Z' };
    fakeService().on(LEAD, ok({ lead: aLead({ writeRejection }) }));
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Alert, 'write-rejection'));

    const alert = findByTestId(Alert, 'write-rejection');
    expect(alert.props).toMatchObject({ title: 'Not updated in HubSpot', variant: 'warning' });
    expect(textOf(alert)).toContain('HubSpot refused our update: company is required');
    expect(textOf(findByTestId(Text, 'write-rejection-properties'))).toBe('Properties: company, jobtitle');
    expect(textOf(alert)).toMatch(/Refused Mar 4, 2025/);
  });

  it('leaves out the properties line when HubSpot named none', async () => {
    const writeRejection = { message: 'Property values were not valid', properties: [], at: '2025-03-04T15:05:00.000Z' };
    fakeService().on(LEAD, ok({ lead: aLead({ writeRejection }) }));
    const { findByTestId, maybeFind, waitFor } = renderCard();
    await waitFor(() => findByTestId(Alert, 'write-rejection'));

    expect(textOf(findByTestId(Alert, 'write-rejection'))).toContain('HubSpot refused our update: Property values were not valid');
    expect(maybeFind(Text, { testId: 'write-rejection-properties' })).toBeNull();
  });

  it('shows no alert when HubSpot took the last update', async () => {
    fakeService().on(LEAD, ok({ lead: aLead() }));
    const { find, maybeFind, waitFor } = renderCard();
    await waitFor(() => find(StatisticsItem));

    expect(maybeFind(Alert)).toBeNull();
  });
});
