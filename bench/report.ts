// bench/REPORT.md: every figure of `npm run bench` with its target, its anchor measured in the same
// run and the ratio to it, and the machine it ran on. Figures that miss their targets come first,
// each with what limits it.

import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { meetsTarget, ratio, type Figure } from './measure';

function tryRun(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000 }).trim().split('\n')[0] ?? '';
  } catch {
    return 'unknown';
  }
}

export function machineLine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}, Node ${process.version}, ${tryRun('dockerd', ['--version'])}`;
}

const fmt = (v: number, unit: string) =>
  unit === 'ms'
    ? `${v.toFixed(0)} ms`
    : unit === 'MB'
      ? `${v.toFixed(1)} MB`
      : unit === '%'
        ? `${v.toFixed(2)} %`
        : `${Number.isInteger(v) ? v : v.toFixed(2)} ${unit}`;

function row(f: Figure): string {
  const r = ratio(f);
  const met = meetsTarget(f);
  const target = f.target ? `≤ ${f.target.max}${f.target.of === 'ratio' ? '×' : ` ${f.unit}`}` : '(none)';
  return `| ${f.issue ? `#${f.issue} ` : ''}${f.name} | ${fmt(f.value, f.unit)} | ${f.anchor ? `${f.anchor.name}: ${fmt(f.anchor.value, f.unit)}` : ''} | ${r === null ? '' : `${r.toFixed(2)}×`} | ${target} | ${met === null ? '' : met ? 'met' : '**missed**'} | ${f.note ?? ''} |`;
}

/** Hand-written sections kept from the previous report: before/after comparisons with their commands. */
export const KEPT_HEADING = '## Before and after';

export function keptSection(previous: string): string {
  const start = previous.indexOf(`\n${KEPT_HEADING}`);
  if (start < 0) return '';
  const next = previous.indexOf('\n## ', start + 1);
  return previous.slice(start + 1, next < 0 ? undefined : next).trimEnd() + '\n';
}

export function renderReport(figures: Figure[], when: Date, logLines: string[], previous = ''): string {
  const missed = figures.filter((f) => meetsTarget(f) === false);
  const rest = figures.filter((f) => meetsTarget(f) !== false);
  const head =
    '| figure | value | anchor (same run) | ratio | target | result | notes |\n| --- | --- | --- | --- | --- | --- | --- |';
  const parts = [
    '# ECI Tray benchmark report',
    '',
    `Written by \`npm run bench\` on ${when.toISOString()}.`,
    '',
    `Machine: ${machineLine()}.`,
    '',
    'Everything runs against the engine lab (real dockerd, vfs storage, the Docker Desktop proxy in',
    "front). Anchors are measured in the same run: the docs' manual docker commands, one bare",
    '`docker run --rm`, the first audit, the heap after warm-up.',
    '',
  ];
  if (missed.length) {
    parts.push('## Missed targets', '', head, ...missed.map(row), '');
    for (const f of missed) parts.push(`- **${f.name}**: ${f.limitedBy ?? 'no explanation recorded'}`);
    parts.push('');
  } else {
    parts.push('All targets met in this run.', '');
  }
  parts.push('## All figures', '', head, ...rest.map(row), '');
  parts.push('## Run log', '', '```', ...logLines, '```', '');
  const kept = keptSection(previous);
  if (kept) parts.push(kept);
  return parts.join('\n');
}
