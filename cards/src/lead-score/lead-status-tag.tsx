import { StatusTag, type StatusTagProps } from '@hubspot/ui-extensions';
import { statusLabel } from '../shared/format';
import type { LeadStatus } from '../shared/types';

const VARIANTS: Record<LeadStatus, NonNullable<StatusTagProps['variant']>> = {
  new: 'default',
  mql: 'info',
  sql: 'success',
  cooling: 'warning',
  recycled: 'warning',
  disqualified: 'danger',
};

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  return (
    <StatusTag variant={VARIANTS[status]} testId="lead-status">
      {statusLabel(status)}
    </StatusTag>
  );
}
