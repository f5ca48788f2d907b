// `npm run bench`: every benchmark, on the lab, in one run. Prints each figure with its anchor and
// target, and writes bench/REPORT.md (committed).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appBenchmarks } from './app-bench';
import { auditBenchmarks } from './audit-bench';
import { checkBenchmarks } from './check-bench';
import { formatFigure, meetsTarget, type Figure } from './measure';
import { monitorBenchmarks } from './monitor-bench';
import { machineLine, renderReport } from './report';
import { saverBenchmarks } from './saver-bench';

const REPORT = join(__dirname, '..', '..', 'bench', 'REPORT.md');

async function main(): Promise<void> {
  const lines: string[] = [];
  const log = (s: string) => {
    lines.push(s);
    process.stdout.write(s + '\n');
  };
  log(`machine: ${machineLine()}`);
  const figures: Figure[] = [];
  const tag = (issue: number, list: Figure[]) => list.map((f) => ({ ...f, issue }));
  // `npm run bench -- monitor` (or check, audit, app, saver) runs only those; REPORT.md is then left alone.
  const only = process.argv.slice(2);
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  if (wanted('check')) figures.push(...tag(2, await checkBenchmarks(log)));
  if (wanted('monitor')) figures.push(...tag(3, await monitorBenchmarks(log)));
  if (wanted('audit')) figures.push(...tag(4, await auditBenchmarks(log)));
  if (wanted('app')) figures.push(...tag(5, await appBenchmarks(log)));
  if (wanted('saver')) figures.push(...tag(17, await saverBenchmarks(log)));
  process.stdout.write('\n');
  for (const f of [...figures].sort((a, b) => Number(meetsTarget(a) !== false) - Number(meetsTarget(b) !== false)))
    process.stdout.write(formatFigure(f) + '\n');
  if (only.length === 0) {
    writeFileSync(
      REPORT,
      renderReport(figures, new Date(), lines, existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : ''),
    );
    process.stdout.write(`\nwrote ${REPORT}\n`);
  }
  if (figures.some((f) => meetsTarget(f) === false)) process.exitCode = 3;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
