import { ProgressBar, Text } from '@hubspot/ui-extensions';
import { GRADES, type Lead } from '../shared/types';

/** How far the lead is from the next threshold, and what else SQL needs. */
export function QualificationProgress({ lead }: { lead: Lead }) {
  const { next, grade, thresholds } = lead;
  const gradeShort = GRADES.indexOf(grade) > GRADES.indexOf(thresholds.minGradeForSql);
  return (
    <>
      {next ? (
        <ProgressBar
          title={`Progress to ${next.label}`}
          value={Math.max(0, Math.min(lead.score, next.at))}
          maxValue={next.at}
          valueDescription={`${lead.score} of ${next.at} · ${next.remaining} ${next.remaining === 1 ? 'point' : 'points'} to go`}
          testId="next-threshold"
        />
      ) : (
        <Text variant="microcopy">Past every score threshold (MQL {thresholds.mql}, SQL {thresholds.sql}).</Text>
      )}
      {gradeShort && lead.status !== 'sql' && (
        <Text variant="microcopy" testId="grade-requirement">
          SQL also needs fit grade {thresholds.minGradeForSql} or better; this contact is grade {grade}.
        </Text>
      )}
    </>
  );
}
