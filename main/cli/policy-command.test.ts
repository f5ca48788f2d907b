// The `eci-tray policy` commands as a script sees them: dispatch, usage mistakes (exit 2), the
// exit code of each validate outcome, JSON output, and set-eci's refusal of a bad image pattern.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run';
import type { CliIO } from './io';

// runCli loads a command's code when it first runs it: loaded here, so a test's time is the command's.
beforeAll(async () => {
  await import('./policy-command.js');
});

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

const FIXTURES = join(__dirname, '..', '..', 'e2e', 'fixtures', 'policy');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-policy-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('eci-tray policy validate: one exit code per outcome', () => {
  it.each([
    ['good/eci-locked-minimal.json', 0],
    ['broken/trailing-comma.json', 30],
    ['broken/bom.json', 30],
    ['broken/image-pattern-glob-in-name.json', 31],
    ['broken/typo-top-level-key.json', 32],
    ['broken/not-there.json', 33],
  ])('%s -> exit %i', async (file, code) => {
    const io = capture();
    expect(await runCli(['policy', 'validate', join(FIXTURES, file)], io)).toBe(code);
  });

  it('prints file:line:column for each finding, and --json the same with the exit code', async () => {
    const file = join(FIXTURES, 'broken', 'value-is-a-string.json');
    const io = capture();
    await runCli(['policy', 'validate', file], io);
    expect(io.stdout).toContain(
      `${file}:4:14: error: "enhancedContainerIsolation.value" must be true or false, found a string`,
    );
    const json = capture();
    await runCli(['policy', 'validate', '--json', file], json);
    expect(JSON.parse(json.stdout)).toMatchObject({
      file,
      outcome: 'rejected',
      exitCode: 30,
      findings: [{ level: 'rejected', code: 'wrong-type', line: 4, column: 14 }],
    });
  });
});

describe('usage mistakes exit 2 with the help', () => {
  it.each([
    [['policy'], 'say which'],
    [['policy', 'frobnicate'], 'unknown subcommand'],
    [['policy', 'validate', 'a.json', 'b.json'], 'one file at a time'],
    [['policy', 'set-eci'], 'say "on" or "off"'],
    [['policy', 'set-eci', 'maybe'], 'say "on" or "off"'],
    [['policy', 'set-eci', 'on', '--allow-socket-image', 'Bad Image'], 'not an image pattern'],
    [['policy', 'set-eci', 'on', '--bogus'], 'Unknown option'],
  ])('%j', async (args, message) => {
    const io = capture();
    expect(await runCli(args, io)).toBe(2);
    expect(io.stderr).toContain(message);
  });
});

describe('eci-tray policy set-eci', () => {
  it('edits the file and says that a full quit is needed; --json reports the changes', async () => {
    const file = join(dir, 'admin-settings.json');
    writeFileSync(file, readFileSync(join(FIXTURES, 'good', 'four-spaces.json')));
    const io = capture();
    expect(await runCli(['policy', 'set-eci', 'on', '--locked', '--file', file, '--json'], io)).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(out).toMatchObject({
      status: 'written',
      exitCode: 0,
      changes: ['enhancedContainerIsolation.value: false -> true', 'enhancedContainerIsolation.locked: false -> true'],
    });
    expect(out.next).toContain('Quit and reopen Docker Desktop');
  });

  it('a file Docker Desktop would not accept is refused with the findings, exit 30, untouched', async () => {
    const file = join(dir, 'admin-settings.json');
    const original = readFileSync(join(FIXTURES, 'broken', 'comments.json'));
    writeFileSync(file, original);
    const io = capture();
    expect(await runCli(['policy', 'set-eci', 'on', '--file', file], io)).toBe(30);
    expect(io.stderr).toContain('Comments are not allowed');
    expect(readFileSync(file).equals(original)).toBe(true);
  });
});

describe('eci-tray policy explain: a file Docker Desktop will not start with comes first', () => {
  const explain = async (admin: string, json = false) => {
    const io = capture();
    const args = ['--no-probe', '--admin-settings', admin, '--user-settings', join(dir, 'absent.json')];
    const code = await runCli(['policy', 'explain', ...args, ...(json ? ['--json'] : [])], io);
    return { code, io };
  };

  it.each([['broken/trailing-comma.json'], ['broken/bom.json'], ['broken/truncated.json']])(
    '%s: the blocking error is the first line, exit 30',
    async (file) => {
      const admin = join(FIXTURES, file);
      const { code, io } = await explain(admin);
      expect(code).toBe(30);
      expect(io.stdout.split('\n')[0]).toMatch(
        new RegExp(`^✗ Docker Desktop will not start: ${admin.replace(/[.\\/]/g, '\\$&')}(:\\d+:\\d+)?: `),
      );
      expect(io.stdout).toMatch(/\n\nSources of the ECI setting:\n/);
      // Said once: not again among the other findings.
      expect(io.stdout.split(admin).length).toBeLessThanOrEqual(3);
      const json = await explain(admin, true);
      expect(json.code).toBe(30);
      expect(
        JSON.parse(json.io.stdout).problems.some((p: { blocksDockerDesktop?: boolean }) => p.blocksDockerDesktop),
      ).toBe(true);
    },
  );

  it('a file Docker Desktop accepts: no such line, exit 0 without a probe', async () => {
    const { code, io } = await explain(join(FIXTURES, 'good/eci-locked-minimal.json'));
    expect(code).toBe(0);
    expect(io.stdout.startsWith('Sources of the ECI setting:\n')).toBe(true);
  });
});
