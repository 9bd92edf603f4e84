import { CAP_PERIODS, GRADES } from '../shared/types';

export const GRADE_OPTIONS = GRADES.map((grade) => ({ label: grade, value: grade }));

export const CAP_OPTIONS = [{ label: 'No cap', value: '' }, ...CAP_PERIODS.map((per) => ({ label: `Per ${per}`, value: per }))];

export function choices(values: readonly string[]): { label: string; value: string }[] {
  return values.map((value) => ({ label: value, value }));
}
