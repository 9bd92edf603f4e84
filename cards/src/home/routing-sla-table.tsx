import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { formatRate } from '../shared/format';
import { slaRows } from './routing-rows';
import type { RoutingReport } from './routing-types';

/** First-touch SLA outcomes by rep within each pool, each pool's total and all pools' total in bold. */
export function RoutingSlaTable({ report }: { report: RoutingReport }) {
  return (
    <Table density="compact" testId="routing-sla">
      <TableHead>
        <TableRow>
          <TableHeader>Pool</TableHeader>
          <TableHeader>Rep</TableHeader>
          <TableHeader align="right">Met</TableHeader>
          <TableHeader align="right">Breached</TableHeader>
          <TableHeader align="right">Open</TableHeader>
          <TableHeader align="right">Reassigned</TableHeader>
          <TableHeader align="right">Met rate</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {slaRows(report).map((row) => {
          const cell = (value: string | number) => (row.kind === 'rep' ? value : <Text format={{ fontWeight: 'bold' }}>{value}</Text>);
          return (
            <TableRow key={row.key}>
              <TableCell>{cell(row.pool)}</TableCell>
              <TableCell>{cell(row.rep)}</TableCell>
              <TableCell align="right">{cell(row.met)}</TableCell>
              <TableCell align="right">{cell(row.breached)}</TableCell>
              <TableCell align="right">{cell(row.open)}</TableCell>
              <TableCell align="right">{cell(row.reassigned)}</TableCell>
              <TableCell align="right">{cell(formatRate(row.metRate))}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
