import { Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { formatDateTime } from '../shared/format';
import type { Owner, RoutingPreview, RoutingPreviewLead } from '../shared/types';
import { ownerLabel } from './owner-options';

const PAGE_SIZE = 10;

interface RoutingPreviewResultProps {
  preview: RoutingPreview;
  owners: readonly Owner[];
  timeZone: string;
  outdated: boolean;
}

/** Counts, leads per owner (actual against draft) and each lead's two outcomes with the draft's reason. */
export function RoutingPreviewResult({ preview, owners, timeZone, outdated }: RoutingPreviewResultProps) {
  const [page, setPage] = useState(1);
  const names = new Map(preview.perOwner.map((owner) => [owner.ownerId, owner.name]));
  const nameOf = (ownerId: string) => names.get(ownerId) ?? ownerLabel(owners, ownerId);
  const pageCount = Math.max(1, Math.ceil(preview.leads.length / PAGE_SIZE));
  const shown = preview.leads.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  if (preview.leads.length === 0) return <Text testId="routing-preview-empty">No lead has become sales-ready yet, so there is nothing to preview.</Text>;
  return (
    <>
      {outdated && <Text variant="microcopy">The draft changed after this preview; preview again to see its effect.</Text>}
      <Text variant="microcopy" testId="routing-preview-evaluated">
        As if every lead arrived {formatDateTime(preview.evaluatedAt, timeZone)}: who is working and available then decides, and the pools start from scratch.
      </Text>
      <Statistics testId="routing-preview-statistics">
        <StatisticsItem label="Sales-ready leads" number={preview.leads.length} />
        <StatisticsItem label="Would go elsewhere" number={preview.changed} />
        <StatisticsItem label="Would be held" number={preview.held} />
      </Statistics>
      <Table density="compact" testId="routing-preview-owners">
        <TableHead>
          <TableRow>
            <TableHeader>Owner</TableHeader>
            <TableHeader align="right">Got</TableHeader>
            <TableHeader align="right">Under the draft</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.perOwner.map((owner) => (
            <TableRow key={owner.ownerId}>
              <TableCell>{owner.name}</TableCell>
              <TableCell align="right">{owner.actual}</TableCell>
              <TableCell align="right">{owner.preview}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table density="compact" testId="routing-preview-leads" paginated pageCount={pageCount} page={page} onPageChange={setPage}>
        <TableHead>
          <TableRow>
            <TableHeader>Contact</TableHeader>
            <TableHeader>Sales-ready</TableHeader>
            <TableHeader>Went to</TableHeader>
            <TableHeader>Under the draft</TableHeader>
            <TableHeader>Why</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((lead) => (
            <TableRow key={lead.contactId}>
              <TableCell>{lead.contactId}</TableCell>
              <TableCell>{formatDateTime(lead.salesReadyAt, timeZone)}</TableCell>
              <TableCell>{describeActual(lead.actual, nameOf)}</TableCell>
              <TableCell>{describeOutcome(lead.preview, nameOf)}</TableCell>
              <TableCell>{lead.preview.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

type Outcome = NonNullable<RoutingPreviewLead['actual']> | RoutingPreviewLead['preview'];

function describeActual(actual: RoutingPreviewLead['actual'], nameOf: (ownerId: string) => string): string {
  return actual ? describeOutcome(actual, nameOf) : 'Not routed';
}

function describeOutcome(outcome: Outcome, nameOf: (ownerId: string) => string): string {
  if (outcome.kind === 'released') return 'Released';
  if (outcome.kind === 'held') return `Held${outcome.poolId ? ` in ${outcome.poolId}` : ''}`;
  const owner = outcome.ownerId === null ? 'Nobody' : nameOf(outcome.ownerId);
  return outcome.poolId ? `${owner} (${outcome.poolId})` : `${owner} (company owner)`;
}
