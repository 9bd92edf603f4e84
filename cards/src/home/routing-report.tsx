import { EmptyState, Flex, Heading, Select, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { formatRate } from '../shared/format';
import { ResourceView } from '../shared/resource-view';
import { useResource } from '../shared/use-resource';
import { loadRoutingReport } from './routing-api';
import { formatHours } from './routing-format';
import { RoutingShareTable } from './routing-share-table';
import { RoutingSlaTable } from './routing-sla-table';
import type { RoutingReport } from './routing-types';

const PERIODS = [30, 90, 365].map((days) => ({ label: `Last ${days} days`, value: days }));

/** Routing & SLA over a period: whether reps touch their new leads in time, and whether pools share leads as intended. */
export function RoutingReportSection() {
  const [days, setDays] = useState(90);
  const { state, reload } = useResource(() => loadRoutingReport(days), [days]);

  return (
    <Flex direction="column" gap="md" testId="routing-report">
      <Heading>Routing & SLA</Heading>
      <Select name="routing-days" label="Period" value={days} options={PERIODS} onChange={(value) => setDays(Number(value))} testId="routing-period" />
      <ResourceView state={state} reload={reload} loadingLabel="Loading the routing report" errorTitle="The routing report could not be loaded">
        {(report) =>
          isEmpty(report) ? (
            <EmptyState title="No leads routed in this period" imageName="emptyStateCharts" testId="no-routed-leads">
              <Text>The report fills in as sales-ready leads are assigned to reps.</Text>
            </EmptyState>
          ) : (
            <Report report={report} />
          )
        }
      </ResourceView>
    </Flex>
  );
}

function isEmpty(report: RoutingReport): boolean {
  return report.sla.length === 0 && report.distribution.every((share) => share.assigned === 0);
}

function Report({ report }: { report: RoutingReport }) {
  return (
    <Flex direction="column" gap="md">
      <Statistics testId="routing-headline">
        <StatisticsItem label="First touch within SLA" number={formatRate(report.totals.metRate)} />
        <StatisticsItem label="Median time to first touch" number={formatHours(report.medianHoursToFirstTouch)} />
        <StatisticsItem label="…in business hours (as the SLA counts)" number={formatHours(report.medianBusinessHoursToFirstTouch)} />
      </Statistics>
      <Heading>First-touch SLA by rep</Heading>
      <RoutingSlaTable report={report} />
      <Heading>Assignments against target shares</Heading>
      <RoutingShareTable distribution={report.distribution} />
    </Flex>
  );
}
