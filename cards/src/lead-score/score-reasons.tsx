import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { formatPoints } from '../shared/format';
import type { LeadReason } from '../shared/types';

const SHOWN = 5;

/** The rules that weigh most on the score now, by absolute points. */
export function topReasons(reasons: LeadReason[]): LeadReason[] {
  return [...reasons].sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, SHOWN);
}

export function ScoreReasons({ reasons }: { reasons: LeadReason[] }) {
  if (reasons.length === 0) return <Text variant="microcopy">No rule has awarded points yet.</Text>;
  return (
    <Table density="compact" testId="score-reasons">
      <TableHead>
        <TableRow>
          <TableHeader>Reason</TableHeader>
          <TableHeader align="right">Times</TableHeader>
          <TableHeader align="right">Points now</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {topReasons(reasons).map((reason) => (
          <TableRow key={reason.ruleId}>
            <TableCell>
              {reason.label} ({reason.kind})
            </TableCell>
            <TableCell align="right">{reason.count}</TableCell>
            <TableCell align="right">{formatPoints(reason.points)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
