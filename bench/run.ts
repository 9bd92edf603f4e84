import { gatewayOverhead, type BenchRow } from './gateway-overhead';
import { ingestBench } from './ingest';

/** `npm run bench`: every benchmark, each beside a baseline measured in the same run. */
async function main(): Promise<void> {
  const rows: BenchRow[] = [...(await gatewayOverhead()), ...(await ingestBench())];
  const header = ['benchmark', 'ours', 'baseline', 'ours / baseline'];
  const table = [header, ...rows.map((row) => [row.name, row.ours, row.baseline, row.ratio])];
  const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  for (const line of table) {
    process.stdout.write(`${line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
