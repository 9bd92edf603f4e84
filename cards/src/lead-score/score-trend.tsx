import { LineChart, Text } from '@hubspot/ui-extensions';
import type { Lead } from '../shared/types';

export function ScoreTrend({ trend }: { trend: Lead['trend'] }) {
  if (trend.length < 2) return <Text variant="microcopy">Not enough history for a trend yet.</Text>;
  return (
    <LineChart
      testId="score-trend"
      data={trend.map(({ date, score }) => ({ date, score }))}
      axes={{ x: { field: 'date', fieldType: 'datetime', label: 'Day' }, y: { field: 'score', fieldType: 'linear', label: 'Score' } }}
      options={{ title: 'Score, last 30 days', showTooltips: true }}
    />
  );
}
