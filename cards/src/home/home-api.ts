import { callApi } from '../shared/call-api';
import type { HomeReport } from '../shared/types';

export function loadHomeReport(months: number): Promise<HomeReport> {
  return callApi<HomeReport>('/api/reports/home', { query: { months } });
}
