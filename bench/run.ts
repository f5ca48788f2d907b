// `npm run bench`: every benchmark, on the lab, printed as figures with their anchors and targets.

import { cpus } from 'node:os';
import { appBenchmarks } from './app-bench';
import { auditBenchmarks } from './audit-bench';
import { checkBenchmarks } from './check-bench';
import { formatFigure, meetsTarget, type Figure } from './measure';
import { monitorBenchmarks } from './monitor-bench';

async function main(): Promise<void> {
  const log = (s: string) => process.stdout.write(s + '\n');
  log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  const figures: Figure[] = [];
  figures.push(...(await checkBenchmarks(log)));
  figures.push(...(await monitorBenchmarks(log)));
  figures.push(...(await auditBenchmarks(log)));
  figures.push(...(await appBenchmarks(log)));
  log('');
  for (const f of [...figures].sort((a, b) => Number(meetsTarget(a) !== false) - Number(meetsTarget(b) !== false))) log(formatFigure(f));
  if (figures.some((f) => meetsTarget(f) === false)) process.exitCode = 3;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
