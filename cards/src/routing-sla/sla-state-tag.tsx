import { StatusTag, type StatusTagProps } from '@hubspot/ui-extensions';
import type { SlaState } from './routing-types';

const TAGS: Record<SlaState, { label: string; variant: NonNullable<StatusTagProps['variant']> }> = {
  on_track: { label: 'On track', variant: 'info' },
  at_risk: { label: 'At risk', variant: 'warning' },
  breached: { label: 'Breached', variant: 'danger' },
  met: { label: 'Met', variant: 'success' },
  reassigned: { label: 'Reassigned', variant: 'default' },
  recycled: { label: 'Recycled', variant: 'default' },
};

export function slaStateLabel(state: SlaState): string {
  return TAGS[state].label;
}

export function SlaStateTag({ state }: { state: SlaState }) {
  return (
    <StatusTag variant={TAGS[state].variant} testId="sla-state">
      {TAGS[state].label}
    </StatusTag>
  );
}
