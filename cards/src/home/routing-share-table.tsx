import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import { formatRate } from '../shared/format';
import { formatDeviation } from './routing-format';
import { OFF_TARGET_POINTS, shareRows } from './routing-rows';
import type { PoolShare } from './routing-types';

/** Who got what in each pool against the share the pool's strategy and weights intend. */
export function RoutingShareTable({ distribution }: { distribution: PoolShare[] }) {
  if (distribution.length === 0) return <Text>No routing pools are set up.</Text>;
  return (
    <>
      <Text variant="microcopy">Deviations of more than {OFF_TARGET_POINTS} percentage points from the target share are highlighted.</Text>
      <Table density="compact" testId="routing-distribution">
        <TableHead>
          <TableRow>
            <TableHeader>Pool</TableHeader>
            <TableHeader>Rep</TableHeader>
            <TableHeader align="right">Assigned</TableHeader>
            <TableHeader align="right">Actual share</TableHeader>
            <TableHeader align="right">Target share</TableHeader>
            <TableHeader align="right">Deviation</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {shareRows(distribution).map((row) => (
            <TableRow key={`${row.poolId}|${row.ownerId}`}>
              <TableCell>{row.poolLabel}</TableCell>
              <TableCell>{row.ownerName}</TableCell>
              <TableCell align="right">{row.assigned}</TableCell>
              <TableCell align="right">{formatRate(row.actualShare)}</TableCell>
              <TableCell align="right">{formatRate(row.targetShare)}</TableCell>
              <TableCell align="right">
                {row.offTarget ? (
                  <Tag variant="warning">
                    {formatDeviation(row.deviationPoints)}
                  </Tag>
                ) : (
                  formatDeviation(row.deviationPoints)
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
