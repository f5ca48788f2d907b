// Runs Electronegativity over the Electron shell and the window pages and fails on any HIGH
// finding (the tool itself always exits 0). Findings of lower severity are printed for review.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const TOOL = join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const electronVersion = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
).version;

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
}

/** Reads the tool's CSV: the first five fields never contain commas of their own. */
export function parseFindings(csv: string): Finding[] {
  const rows: Finding[] = [];
  for (const line of csv.split('\n').slice(1)) {
    const m = /^([A-Z_]+),"([A-Z]+)","([A-Z]+)","([^"]*)","([^"]*)"/.exec(line);
    if (m) rows.push({ check: m[1]!, severity: m[2]!, confidence: m[3]!, file: m[4]!, location: m[5]! });
  }
  return rows;
}

/**
 * Scans the shell and the pages as one application (its global checks, such as "navigation is
 * limited somewhere", must see both), from a copy without tests and test fakes.
 */
function scan(inputs: string[]): Finding[] {
  const dir = mkdtempSync(join(tmpdir(), 'eci-electronegativity-'));
  try {
    const app = join(dir, 'app');
    for (const input of inputs) {
      cpSync(input, join(app, input.slice(ROOT.length + 1)), {
        recursive: true,
        filter: (src) => !/\.(test|spec)\.ts$|\/testing(\/|$)|tsconfig\.json$/.test(src),
      });
    }
    const out = join(dir, 'findings.csv');
    execFileSync(process.execPath, [TOOL, '-i', app, '-o', out, '-v', 'false', '-e', electronVersion], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    if (!existsSync(out)) throw new Error('Electronegativity wrote no report');
    return parseFindings(readFileSync(out, 'utf8')).map((f) => ({ ...f, file: f.file.replace(app + '/', '') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const inputs = [join(ROOT, 'main', 'app'), join(ROOT, 'renderer')].filter(existsSync);
  const findings = scan(inputs);
  const high = findings.filter((f) => f.severity === 'HIGH');
  for (const f of findings)
    process.stdout.write(`${f.severity.padEnd(13)} ${f.check} ${f.file === 'N/A' ? '' : `${f.file}:${f.location}`}\n`);
  process.stdout.write(
    `Electronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${high.length} HIGH\n`,
  );
  if (high.length) process.exit(1);
}

if (require.main === module) main();
