import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { backfillBench } from './backfill';
import { eventLoopBench } from './event-loop';
import { gatewayOverhead, type BenchRow } from './gateway-overhead';
import { ingestBench } from './ingest';
import { multiPortalPipelineBench, pipelineBench } from './pipeline';
import { rescoreBench } from './rescore';
import { routingBench } from './routing';
import { scoringBench } from './scoring';
import { serviceMemoryBench } from './service-memory';

/** `npm run bench`: every benchmark, each beside a baseline measured in the same run. */
async function main(): Promise<void> {
  const events = Number(process.env.BENCH_PIPELINE_EVENTS ?? 100_000);
  const rows: BenchRow[] = [
    ...(await scoringBench()),
    ...routingBench(),
    ...(await gatewayOverhead()),
    ...(await ingestBench()),
    // The embedded database is for one small portal; the full 100k run is PostgreSQL's.
    ...(await pipelineBench('pglite', Math.min(events, 20_000))),
    ...(process.env.DATABASE_URL ? await pipelineBench('postgres', events) : []),
    ...(await multiPortalPipelineBench('pglite', 10, 2_000)),
    ...(process.env.DATABASE_URL ? await multiPortalPipelineBench('postgres', 10, events / 10) : []),
    ...(process.env.DATABASE_URL ? await backfillBench('postgres', 20_000) : await backfillBench('pglite', 5_000)),
    ...(await rescoreBench('pglite', 10_000)),
    ...(process.env.DATABASE_URL ? await rescoreBench('postgres', 100_000) : []),
    ...(await eventLoopBench('pglite')),
    ...(process.env.DATABASE_URL ? await eventLoopBench('postgres') : []),
    ...(process.env.DATABASE_URL ? await serviceMemoryBench('postgres') : []),
  ];
  process.stdout.write(`${cpus().length} cores, Node ${process.version}\n`);
  const header = ['benchmark', 'ours', 'baseline', 'ours / baseline'];
  const table = [header, ...rows.map((row) => [row.name, row.ours, row.baseline, row.ratio])];
  const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  for (const line of table) {
    process.stdout.write(`${line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`);
  }
  const figures = Object.fromEntries(rows.filter((row) => row.key !== undefined).map((row) => [row.key, row.value]));
  writeFileSync(
    join(__dirname, 'results.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cores: cpus().length, figures, rows }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
