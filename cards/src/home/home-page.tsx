import {
  BarChart,
  Divider,
  EmptyState,
  Flex,
  Heading,
  Select,
  Statistics,
  StatisticsItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { useState } from 'react';
import { formatDays, formatRate } from '../shared/format';
import { ResourceView } from '../shared/resource-view';
import type { CalibrationBand, HomeReport } from '../shared/types';
import { useResource } from '../shared/use-resource';
import { ALL_SOURCES, funnelByMonth, funnelBySource, leadSources } from './funnel-chart-data';
import { loadHomeReport } from './home-api';
import { RoutingReportSection } from './routing-report';

const PERIODS = [3, 6, 12].map((months) => ({ label: `Last ${months} months`, value: months }));

/**
 * The app's home: the lead funnel, how fast leads qualify and whether the score predicts conversion;
 * then routing and the first-touch SLA. Each section loads on its own, so one failing leaves the other.
 */
export function HomePage() {
  return (
    <Flex direction="column" gap="lg">
      <FunnelSection />
      <Divider />
      <RoutingReportSection />
    </Flex>
  );
}

function FunnelSection() {
  const [months, setMonths] = useState(6);
  const { state, reload } = useResource(() => loadHomeReport(months), [months]);

  return (
    <Flex direction="column" gap="md">
      <Select
        name="months"
        label="Period"
        value={months}
        options={PERIODS}
        onChange={(value) => setMonths(Number(value))}
        testId="period"
      />
      <ResourceView state={state} reload={reload} loadingLabel="Loading the lead report" errorTitle="The lead report could not be loaded">
        {(report) =>
          report.funnel.length === 0 && report.calibration.length === 0 ? (
            <EmptyState title="No leads yet" imageName="emptyStateCharts" testId="no-leads">
              <Text>Reports fill in as the lead manager captures and scores contacts.</Text>
            </EmptyState>
          ) : (
            <Report report={report} />
          )
        }
      </ResourceView>
    </Flex>
  );
}

function Report({ report }: { report: HomeReport }) {
  const [source, setSource] = useState(ALL_SOURCES);
  const sources = leadSources(report.funnel);
  return (
    <Flex direction="column" gap="md">
      <Statistics testId="time-to-qualify">
        <StatisticsItem label="Median time to MQL" number={formatDays(report.medianDaysToMql)} />
        <StatisticsItem label="Median time to SQL" number={formatDays(report.medianDaysToSql)} />
      </Statistics>

      <Heading>Funnel by month</Heading>
      <Select
        name="source"
        label="Lead source"
        value={source}
        options={[{ label: 'All sources', value: ALL_SOURCES }, ...sources.map((name) => ({ label: name, value: name }))]}
        onChange={(value) => setSource(String(value))}
        testId="source"
      />
      <BarChart
        testId="funnel-by-month"
        data={funnelByMonth(report.funnel, source)}
        axes={{
          x: { field: 'month', fieldType: 'category', label: 'Month' },
          y: { field: 'count', fieldType: 'linear', label: 'Contacts' },
          options: { groupFieldByColor: 'stage' },
        }}
        options={{ showLegend: true, showTooltips: true }}
      />

      <Heading>Funnel by lead source</Heading>
      <BarChart
        testId="funnel-by-source"
        data={funnelBySource(report.funnel)}
        axes={{
          x: { field: 'source', fieldType: 'category', label: 'Lead source' },
          y: { field: 'count', fieldType: 'linear', label: 'Contacts' },
          options: { groupFieldByColor: 'stage' },
        }}
        options={{ showLegend: true, showTooltips: true }}
      />

      <Heading>Score calibration</Heading>
      <Text variant="microcopy">Share of contacts in each score band that became an opportunity or customer. Higher bands should convert better.</Text>
      <Calibration bands={report.calibration} />
    </Flex>
  );
}

function Calibration({ bands }: { bands: CalibrationBand[] }) {
  if (bands.length === 0) return <Text>No scored contacts in this period.</Text>;
  return (
    <>
      <BarChart
        testId="calibration"
        data={bands.map(({ band, rate }) => ({ band, conversion: Math.round(rate * 1000) / 10 }))}
        axes={{ x: { field: 'band', fieldType: 'category', label: 'Score band' }, y: { field: 'conversion', fieldType: 'linear', label: 'Converted (%)' } }}
        options={{ showDataLabels: true }}
      />
      <Table density="compact" testId="calibration-table">
        <TableHead>
          <TableRow>
            <TableHeader>Score band</TableHeader>
            <TableHeader align="right">Contacts</TableHeader>
            <TableHeader align="right">Converted</TableHeader>
            <TableHeader align="right">Rate</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {bands.map((band) => (
            <TableRow key={band.band}>
              <TableCell>{band.band}</TableCell>
              <TableCell align="right">{band.contacts}</TableCell>
              <TableCell align="right">{band.converted}</TableCell>
              <TableCell align="right">{formatRate(band.rate)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
