import fc from 'fast-check';
import { onePool, owners, setAway, Simulation } from './routing-fixtures';

describe('weighted (smooth weighted round robin)', () => {
  it('interleaves rather than bursts: weights 5/1/1 give a a b a c a a', () => {
    const simulation = new Simulation(onePool('weighted', ['101', '102', '103'], { '101': 5, '102': 1, '103': 1 }));
    const order = Array.from({ length: 7 }, () => simulation.route()).map((decision) => (decision.kind === 'assigned' ? decision.ownerId : 'held'));
    expect(order).toEqual(['101', '101', '102', '101', '103', '101', '101']);
  });

  it('over 10,000 assignments each share is within 2% of its weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }), (weightList) => {
        const ids = owners(weightList.length);
        const weights = Object.fromEntries(ids.map((id, i) => [id, weightList[i]!]));
        const total = weightList.reduce((sum, w) => sum + w, 0);
        const counts = new Simulation(onePool('weighted', ids, weights)).routeMany(10_000);
        for (const id of ids) expect(Math.abs((counts[id] ?? 0) / 10_000 - weights[id]! / total)).toBeLessThanOrEqual(0.02);
      }),
      { seed: 42, numRuns: 8 },
    );
  });

  it('gives a returning rep their weighted share from now on, not the 1,000 turns they missed', () => {
    const ids = owners(3);
    const simulation = new Simulation(onePool('weighted', ids, { '101': 2, '102': 1, '103': 1 }));
    simulation.routeMany(10);
    simulation.edit((settings) => setAway(settings, '101', true));
    expect(simulation.routeMany(1_000)['101']).toBeUndefined();
    simulation.edit((settings) => setAway(settings, '101', false));
    const next = simulation.routeMany(100);
    expect(next['101']).toBeGreaterThanOrEqual(49);
    expect(next['101']).toBeLessThanOrEqual(51);
    expect(simulation.poolState().members['101']).toBeDefined();
  });

  it('resets a returning rep’s running weight to 0 before they count again', () => {
    const simulation = new Simulation(onePool('weighted', ['101', '102'], { '101': 3, '102': 1 }));
    simulation.routeMany(1); // 101: 3-4 = -1, 102: 1
    simulation.edit((settings) => setAway(settings, '102', true));
    simulation.routeMany(5);
    simulation.edit((settings) => setAway(settings, '102', false));
    // 101 is at -1 and gains 3; 102 restarts from 0 and gains 1 (with its old +1 it would tie at 2).
    expect(simulation.route()).toMatchObject({ ownerId: '101' });
    expect(simulation.poolState().members['102']?.currentWeight).toBe(1);
  });
});
