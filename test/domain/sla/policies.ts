import type { SlaPolicy } from '../../../src/domain/sla';

export function policy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id: 'standard',
    label: 'Standard',
    appliesTo: {},
    firstTouchWithinHours: 4,
    reminderAtFraction: 0.5,
    onBreach: 'reassign',
    clearOwnerOnRecycle: false,
    ...overrides,
  };
}
