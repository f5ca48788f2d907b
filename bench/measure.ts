// Small timing helpers shared by the benchmarks: repeated runs, medians, and printing ratios.

import { execFile } from 'node:child_process';

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function repeat(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await timeIt(fn));
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The anchor it is compared with, measured in the same run. */
  anchor?: { name: string; value: number };
  /** Target: the ratio (or value) must be at most this. */
  target?: { max: number; of: 'ratio' | 'value' };
  note?: string;
  /** What bounds this figure (reported when it misses its target). */
  limitedBy?: string;
  /** Which issue asked for it. */
  issue?: number;
}

export function ratio(f: Figure): number | null {
  return f.anchor ? f.value / f.anchor.value : null;
}

export function meetsTarget(f: Figure): boolean | null {
  if (!f.target) return null;
  const v = f.target.of === 'ratio' ? ratio(f) : f.value;
  return v === null ? null : v <= f.target.max;
}

export function formatFigure(f: Figure): string {
  const r = ratio(f);
  const parts = [`${f.name}: ${f.value.toFixed(f.unit === 'ms' ? 0 : 2)} ${f.unit}`];
  if (f.anchor) parts.push(`vs ${f.anchor.name} ${f.anchor.value.toFixed(0)} ${f.unit} = ${r!.toFixed(2)}x`);
  if (f.target)
    parts.push(
      `target <= ${f.target.max}${f.target.of === 'ratio' ? 'x' : ` ${f.unit}`} ${meetsTarget(f) ? 'MET' : 'MISSED'}`,
    );
  if (f.note) parts.push(`(${f.note})`);
  return parts.join('  ');
}
