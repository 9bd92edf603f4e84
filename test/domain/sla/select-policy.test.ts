import { selectPolicy, type LeadPriority, type SlaPolicy } from '../../../src/domain/sla';
import { policy } from './policies';

const policies: SlaPolicy[] = [
  policy({ id: 'enterprise_high', appliesTo: { poolIds: ['enterprise'], priority: 'high' }, firstTouchWithinHours: 1 }),
  policy({ id: 'enterprise', appliesTo: { poolIds: ['enterprise', 'strategic'] } }),
  policy({ id: 'any_high', appliesTo: { priority: 'high' }, firstTouchWithinHours: 2 }),
  policy({ id: 'fallback', appliesTo: {}, firstTouchWithinHours: 8 }),
];

describe('selectPolicy', () => {
  it.each<[string, { poolId?: string; priority?: LeadPriority }, string | undefined]>([
    ['pool and priority both match', { poolId: 'enterprise', priority: 'high' }, 'enterprise_high'],
    ['pool matches, priority does not', { poolId: 'enterprise', priority: 'normal' }, 'enterprise'],
    ['second pool of a list', { poolId: 'strategic', priority: 'high' }, 'enterprise'],
    ['priority only', { poolId: 'smb', priority: 'high' }, 'any_high'],
    ['no pool given skips pool policies', { priority: 'high' }, 'any_high'],
    ['nothing specific falls back', { poolId: 'smb', priority: 'low' }, 'fallback'],
    ['no lead details at all', {}, 'fallback'],
  ])('%s', (_name, lead, expected) => {
    expect(selectPolicy(policies, lead)?.id).toBe(expected);
  });

  it('gives undefined when no policy applies', () => {
    expect(selectPolicy(policies.slice(0, 2), { poolId: 'smb', priority: 'low' })).toBeUndefined();
  });
});
