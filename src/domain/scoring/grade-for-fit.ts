import type { ScoringModel } from './scoring-model';
import type { Grade } from './scoring-rules';

/** The fit grade: A, B or C from the model's lower bounds, else D. */
export function gradeForFit(grades: ScoringModel['fitGrades'], fit: number): Grade {
  if (fit >= grades.A) return 'A';
  if (fit >= grades.B) return 'B';
  if (fit >= grades.C) return 'C';
  return 'D';
}

const RANK: Readonly<Record<Grade, number>> = { A: 0, B: 1, C: 2, D: 3 };

/** Whether `grade` is `minimum` or better. */
export const gradeAtLeast = (grade: Grade, minimum: Grade): boolean => RANK[grade] <= RANK[minimum];
