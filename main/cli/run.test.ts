// The CLI's entry as a person meets it: --version, and "did you mean" for a mistyped command,
// subcommand or flag (exit 2, the usage after it).

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, unknownCommandText } from './run';
import { unknownFlagHint } from './check-options';
import type { CliIO } from './io';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string })
  .version;

describe('--version', () => {
  it.each([['--version'], ['version']])('eci-tray %s prints the package version, exit 0', async (arg) => {
    const io = capture();
    expect(await runCli([arg], io)).toBe(0);
    expect(io.stdout).toBe(`eci-tray ${VERSION}\n`);
  });
});

describe('did you mean', () => {
  it.each([
    ['chek', 'unknown command "chek" (did you mean "check"?)'],
    ['contaners', 'unknown command "contaners" (did you mean "containers"?)'],
    ['Doctor', 'unknown command "Doctor" (did you mean "doctor"?)'],
    ['histroy', 'unknown command "histroy" (did you mean "history"?)'],
    ['frobnicate', 'unknown command "frobnicate"'],
    ['--verison', 'unknown option --verison (did you mean --version?); the command comes first'],
    ['--json', 'unknown option --json; the command comes first'],
  ])('command %s', (name, text) => {
    expect(unknownCommandText(name)).toBe(text);
  });

  it.each([
    ["Unknown option '--jsn'", 'unknown option --jsn (did you mean --json?)'],
    ["Unknown option '--dokcer-host'", 'unknown option --dokcer-host (did you mean --docker-host?)'],
    ["Unknown option '--zzz'", "Unknown option '--zzz'"],
    ["Unknown option '-x'", "Unknown option '-x'"],
    ["Option '--timeout <value>' argument missing", "Option '--timeout <value>' argument missing"],
  ])('flag: %s', (message, text) => {
    expect(unknownFlagHint(message, ['json', 'docker-host', 'timeout', 'help'])).toBe(text);
  });

  it.each([
    [['chekc'], 'eci-tray: unknown command "chekc" (did you mean "check"?)'],
    [['check', '--jsno'], 'eci-tray check: unknown option --jsno (did you mean --json?)'],
    [['containers', '--for-usr', 'x'], 'eci-tray containers: unknown option --for-usr (did you mean --for-user?)'],
    [['policy', 'explian'], 'eci-tray policy: unknown subcommand "explian" (did you mean "explain"?)'],
    [['policy', 'validate', '--jsn'], 'eci-tray policy: unknown option --jsn (did you mean --json?)'],
    [['cleanup', '--paln'], 'eci-tray cleanup: unknown option --paln (did you mean --plan?)'],
  ])('%j: exit 2 with the hint', async (argv, first) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr.split('\n')[0]).toBe(first);
    expect(io.stdout).toBe('');
  });
});
