import { callApi } from '../shared/call-api';
import type { RoutingReport } from './routing-types';

export function loadRoutingReport(days: number): Promise<RoutingReport> {
  return callApi<RoutingReport>('/api/reports/routing', { query: { days } });
}
