import { BarChart, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import { ratio } from '../shared/format';
import type { SettingsPreview } from '../shared/types';

/** What the draft would change against stored history: status moves, MQL/SQL counts, conversion by band. */
export function PreviewPanel({ preview, outdated }: { preview: SettingsPreview; outdated: boolean }) {
  return (
    <>
      {outdated && <Text variant="microcopy">The draft changed after this preview; preview again to see its effect.</Text>}
      <Statistics testId="preview-statistics">
        <StatisticsItem label="Contacts changing status" number={`${preview.changedStatus} of ${preview.contacts}`} />
        <StatisticsItem label="MQLs" number={`${preview.before.mql} → ${preview.after.mql}`} />
        <StatisticsItem label="SQLs" number={`${preview.before.sql} → ${preview.after.sql}`} />
      </Statistics>
      <BarChart
        testId="preview-bands"
        data={preview.bands.flatMap((band) => [
          { band: band.band, settings: 'Live', conversion: percent(band.convertedBefore, band.contacts) },
          { band: band.band, settings: 'Draft', conversion: percent(band.convertedAfter, band.contacts) },
        ])}
        axes={{
          x: { field: 'band', fieldType: 'category', label: 'Score band' },
          y: { field: 'conversion', fieldType: 'linear', label: 'Converted (%)' },
          options: { groupFieldByColor: 'settings' },
        }}
        options={{ title: 'Conversion by score band', showLegend: true }}
      />
    </>
  );
}

function percent(part: number, whole: number): number {
  const rate = ratio(part, whole);
  return rate === null ? 0 : Math.round(rate * 1000) / 10;
}

