import { Button, Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { formatDateTime } from '../shared/format';
import type { RoutingCardView, RoutingHistoryKind } from './routing-types';

const SHOWN = 10;

const KIND_LABELS: Record<RoutingHistoryKind, string> = {
  assigned: 'Assigned',
  held: 'Held',
  released: 'Released',
  touch: 'First touch',
  reminded: 'Reminder sent',
  breached: 'SLA breached',
};

interface RoutingHistoryProps {
  history: RoutingCardView['history'];
  pools: RoutingCardView['choices']['pools'];
  timeZone: string;
}

/** Routing decisions, touches and SLA events, newest first; the first ten until the rep asks for all. */
export function RoutingHistory({ history, pools, timeZone }: RoutingHistoryProps) {
  const [showAll, setShowAll] = useState(false);
  if (history.length === 0) return null;
  const poolLabels = new Map(pools.map((pool) => [pool.id, pool.label]));
  const shown = showAll ? history : history.slice(0, SHOWN);
  return (
    <Flex direction="column" gap="xs">
      <Heading>History</Heading>
      <Table density="compact" testId="routing-history">
        <TableHead>
          <TableRow>
            <TableHeader>When</TableHeader>
            <TableHeader>What</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((item, index) => (
            <TableRow key={`${item.at}-${item.kind}-${index}`}>
              <TableCell>{formatDateTime(item.at, timeZone)}</TableCell>
              <TableCell>
                <Text format={{ fontWeight: 'demibold' }}>{KIND_LABELS[item.kind]}</Text>
                <Text variant="microcopy">
                  {[item.ownerName, item.poolId && `pool ${poolLabels.get(item.poolId) ?? item.poolId}`, item.detail].filter(Boolean).join(' · ')}
                </Text>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {history.length > SHOWN && (
        <Button variant="transparent" size="sm" onClick={() => setShowAll(!showAll)} testId="history-toggle">
          {showAll ? 'Show fewer' : `Show all ${history.length}`}
        </Button>
      )}
    </Flex>
  );
}
