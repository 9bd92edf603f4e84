import { previewRouting, routingSettingsSchema } from '../../../src/domain/routing';
import { lead, onePool, setAway, Simulation, WEDNESDAY_10_UTC } from './routing-fixtures';

const leads = (n: number) => Array.from({ length: n }, (_, i) => ({ lead: lead({ contactId: String(1000 + i) }) }));

describe('previewRouting', () => {
  it('replays leads in order and counts per owner without storing anything', () => {
    const settings = onePool('round_robin', ['101', '102', '103']);
    const initial = { poolStates: {}, repStates: {} };
    const preview = previewRouting(settings, leads(10), initial, WEDNESDAY_10_UTC);
    expect(preview.decisions.map((entry) => entry.contactId)).toEqual(leads(10).map((entry) => entry.lead.contactId));
    expect(preview.perOwner).toEqual({ '101': 4, '102': 3, '103': 3 });
    expect(preview.held).toBe(0);
    expect(initial).toEqual({ poolStates: {}, repStates: {} });
  });

  it('gives the same decisions as routing one lead at a time from the same states', () => {
    const settings = onePool('weighted', ['101', '102'], { '101': 3, '102': 1 });
    const live = new Simulation(settings);
    live.routeMany(7);
    const preview = previewRouting(settings, leads(20), { poolStates: live.poolStates, repStates: live.repStates }, WEDNESDAY_10_UTC);
    const oneByOne = leads(20).map((entry) => live.route(entry.lead));
    expect(preview.decisions.map((entry) => entry.decision)).toEqual(oneByOne);
    expect(preview.poolStates).toEqual(live.poolStates);
  });

  it('counts held leads and respects caps reached during the replay', () => {
    const settings = routingSettingsSchema.parse({
      ...setAway(onePool('round_robin', ['101', '102']), '102', true),
      pools: [{ id: 'sales', label: 'Sales', strategy: 'round_robin', managerOwnerId: '900', members: [{ ownerId: '101', caps: { perDay: 2 } }, { ownerId: '102' }] }],
    });
    const preview = previewRouting(settings, leads(4), { poolStates: {}, repStates: {} }, WEDNESDAY_10_UTC);
    expect(preview.perOwner).toEqual({ '101': 2 });
    expect(preview.held).toBe(2);
    expect(preview.decisions[3]?.decision).toMatchObject({ kind: 'held', alertOwnerId: '900', reason: expect.stringContaining('101: daily cap of 2 reached; 102: away') });
  });
});
