import { onePool, Simulation } from './routing-fixtures';

describe('least loaded', () => {
  it.each([
    { name: 'fewest open leads wins', repStates: { '101': { assignedToday: 0, openLeads: 5 }, '102': { assignedToday: 9, openLeads: 2 }, '103': { assignedToday: 0, openLeads: 3 } }, expected: '102' },
    {
      name: 'a tie goes to the least recently assigned',
      repStates: { '101': { assignedToday: 0, openLeads: 1, lastAssignedAt: 500 }, '102': { assignedToday: 0, openLeads: 1, lastAssignedAt: 100 }, '103': { assignedToday: 0, openLeads: 4 } },
      expected: '102',
    },
    {
      name: 'never assigned beats assigned, then owner id',
      repStates: { '101': { assignedToday: 0, openLeads: 0, lastAssignedAt: 1 }, '102': { assignedToday: 0, openLeads: 0 }, '103': { assignedToday: 0, openLeads: 0 } },
      expected: '102',
    },
  ])('$name', ({ repStates, expected }) => {
    const simulation = new Simulation(onePool('least_loaded', ['101', '102', '103']));
    simulation.repStates = repStates;
    expect(simulation.route()).toMatchObject({ kind: 'assigned', ownerId: expected });
  });

  it('evens out open leads as it assigns', () => {
    const simulation = new Simulation(onePool('least_loaded', ['101', '102', '103']));
    simulation.repStates = { '101': { assignedToday: 0, openLeads: 10 }, '102': { assignedToday: 0, openLeads: 0 }, '103': { assignedToday: 0, openLeads: 4 } };
    const counts = simulation.routeMany(16);
    expect(counts).toEqual({ '102': 10, '103': 6 });
    expect(['101', '102', '103'].map((id) => simulation.repStates[id]?.openLeads)).toEqual([10, 10, 10]);
  });
});
