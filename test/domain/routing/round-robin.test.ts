import fc from 'fast-check';
import { onePool, owners, setAway, setMembers, Simulation } from './routing-fixtures';

const spread = (counts: Record<string, number>, ownerIds: readonly string[]): number => {
  const values = ownerIds.map((id) => counts[id] ?? 0);
  return Math.max(...values) - Math.min(...values);
};

describe('round robin', () => {
  it('serves members in turn, starting with the lowest owner id', () => {
    const simulation = new Simulation(onePool('round_robin', ['103', '101', '102']));
    const order = Array.from({ length: 6 }, () => simulation.route()).map((decision) => (decision.kind === 'assigned' ? decision.ownerId : 'held'));
    expect(order).toEqual(['101', '102', '103', '101', '102', '103']);
  });

  it('over 10,000 assignments, counts differ by at most 1 (any pool size)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 9_990, max: 10_010 }), (size, total) => {
        const ids = owners(size);
        const simulation = new Simulation(onePool('round_robin', ids));
        expect(spread(simulation.routeMany(total), ids)).toBeLessThanOrEqual(1);
      }),
      { seed: 20250305, numRuns: 8 },
    );
  });

  it('stays count-fair through random joins, leaves and absences: every window of steady membership differs by at most 1', () => {
    const step = fc.record({ kind: fc.constantFrom('join', 'leave', 'away', 'back'), who: fc.integer({ min: 0, max: 7 }), leads: fc.integer({ min: 1, max: 60 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const all = owners(8);
        let members = all.slice(0, 3);
        const away = new Set<string>();
        const simulation = new Simulation(onePool('round_robin', members));
        for (const { kind, who, leads } of steps) {
          const id = all[who]!;
          if (kind === 'join' && !members.includes(id)) members = [...members, id];
          if (kind === 'leave' && members.length > 1 && members.includes(id)) members = members.filter((m) => m !== id);
          if (kind === 'away' && members.filter((m) => !away.has(m)).length > 1) away.add(id);
          if (kind === 'back') away.delete(id);
          simulation.edit((settings) => {
            let next = setMembers(settings, members);
            for (const owner of all) if (next.reps[owner]) next = setAway(next, owner, away.has(owner));
            return next;
          });
          const active = members.filter((m) => !away.has(m));
          if (active.length === 0) continue;
          // Each window of n·k leads gives everyone active k or k±1 (a rejoining member may wait one turn).
          const counts = simulation.routeMany(leads * active.length);
          expect(Object.keys(counts).every((id) => active.includes(id))).toBe(true);
          expect(Math.max(...active.map((id) => Math.abs((counts[id] ?? 0) - leads)))).toBeLessThanOrEqual(1);
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('keeps everyone’s turn when a member joins, and the newcomer joins the back of the line', () => {
    const simulation = new Simulation(onePool('round_robin', ['101', '102', '103']));
    simulation.routeMany(4); // 101 102 103 101
    simulation.edit((settings) => setMembers(settings, ['101', '102', '103', '104']));
    const order = Array.from({ length: 8 }, () => simulation.route()).map((decision) => (decision.kind === 'assigned' ? decision.ownerId : 'held'));
    expect(order).toEqual(['102', '103', '101', '104', '102', '103', '101', '104']);
  });

  it('keeps everyone’s turn when a member leaves or is re-added', () => {
    const simulation = new Simulation(onePool('round_robin', ['101', '102', '103']));
    simulation.routeMany(4); // 101 102 103 101: next is 102
    simulation.edit((settings) => setMembers(settings, ['101', '103']));
    expect(simulation.route()).toMatchObject({ ownerId: '103' });
    simulation.edit((settings) => setMembers(settings, ['101', '102', '103']));
    const counts = simulation.routeMany(300);
    expect(counts).toEqual({ '101': 100, '102': 100, '103': 100 });
  });

  it('gives a rep back after 1,000 assignments away their fair share of the next 100, not a catch-up flood', () => {
    const ids = owners(4);
    const simulation = new Simulation(onePool('round_robin', ids));
    simulation.routeMany(10);
    simulation.edit((settings) => setAway(settings, '101', true));
    expect(simulation.routeMany(1_000)['101']).toBeUndefined();
    simulation.edit((settings) => setAway(settings, '101', false));
    const next = simulation.routeMany(100);
    expect(next['101']).toBeGreaterThanOrEqual(24);
    expect(next['101']).toBeLessThanOrEqual(26);
    expect(spread(next, ids)).toBeLessThanOrEqual(1);
  });
});
