import { slaPoliciesSchema, slaPolicySchema } from '../../../src/domain/sla';
import { policy } from './policies';

describe('slaPolicySchema', () => {
  it('accepts a policy', () => {
    const valid = policy({ appliesTo: { poolIds: ['enterprise'], priority: 'high' }, onBreach: 'recycle', clearOwnerOnRecycle: true });
    expect(slaPolicySchema.parse(valid)).toEqual(valid);
  });

  it.each<[string, unknown, string]>([
    ['zero hours', policy({ firstTouchWithinHours: 0 }), 'firstTouchWithinHours'],
    ['reminder fraction of 0', policy({ reminderAtFraction: 0 }), 'reminderAtFraction'],
    ['reminder fraction of 1', policy({ reminderAtFraction: 1 }), 'reminderAtFraction'],
    ['unknown breach action', { ...policy(), onBreach: 'ignore' }, 'onBreach'],
    ['unknown priority', { ...policy(), appliesTo: { priority: 'urgent' } }, 'appliesTo.priority'],
    ['empty pool list', policy({ appliesTo: { poolIds: [] } }), 'appliesTo.poolIds'],
    ['blank label', policy({ label: '  ' }), 'label'],
  ])('rejects %s', (_name, input, path) => {
    const result = slaPolicySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('rejects two policies with the same id', () => {
    const result = slaPoliciesSchema.safeParse([policy(), policy()]);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['1.id']);
  });
});
