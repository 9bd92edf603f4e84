import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDatabases } from '../support/databases';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness';

interface Panel {
  type: string;
  title: string;
  targets?: Array<{ expr: string }>;
  panels?: Panel[];
}

const dashboard = JSON.parse(readFileSync(join(__dirname, '../../ops/grafana/lead-manager.json'), 'utf8')) as { uid: string; panels: Panel[] };
const expressions = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset']);

/** The metric names a PromQL expression reads: what is left once strings, label matchers, ranges, numbers and durations, groupings and function names are gone. */
function seriesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b\d+(\.\d+)?[a-z]*\b/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...bare.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)]
    .filter((match) => match[2] === undefined && !KEYWORDS.has(match[1]!))
    .map((match) => match[1]!);
}

/** Every series name /metrics can show: each family, and a histogram's or summary's suffixed series. */
function exportedSeries(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('the Grafana dashboard', () => {
  let harness: PipelineHarness;
  let exported: Set<string>;

  beforeAll(async () => {
    harness = await startPipelineHarness(testDatabases[0]!);
    exported = exportedSeries(await (await fetch(`${harness.service.url}/metrics`)).text());
  });
  afterAll(() => harness.stop());

  it('reads metric names out of PromQL', () => {
    expect(seriesIn('sum by (outcome) (rate(lead_manager_hubspot_calls_total{outcome!="ok"}[5m])) / max(x_total offset 1h)')).toEqual(['lead_manager_hubspot_calls_total', 'x_total']);
    expect(seriesIn('histogram_quantile(0.95, sum by (le) (rate(a_bucket[5m])))')).toEqual(['a_bucket']);
  });

  it('queries only series the service exports', () => {
    expect(expressions.length).toBeGreaterThan(20);
    const queried = [...new Set(expressions.flatMap(seriesIn))];
    expect(queried.length).toBeGreaterThan(20);
    expect(queried.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('charts every lead_manager series the service exports', () => {
    const queried = new Set(expressions.flatMap(seriesIn).map((name) => name.replace(/_(bucket|sum|count)$/, '')));
    const families = [...exported].filter((name) => name.startsWith('lead_manager_') && !/_(bucket|sum|count)$/.test(name));
    expect(families.filter((name) => !queried.has(name))).toEqual([]);
  });
});
