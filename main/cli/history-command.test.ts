// `eci-tray history` on a state folder of its own: the entries the app wrote, newest first, --json,
// --limit, and a clear word when there are none or the file cannot be read (left as it is).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../core/activity/activity-log';
import { historyCommand } from './history-command';
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

const at = (h: number) => new Date(2026, 11, 1, h, 5).toISOString();
// As the app keeps them: newest first.
const ENTRIES: ActivityEntry[] = [
  {
    at: at(12),
    verdict: 'protected',
    from: 'off',
    desiredEci: true,
    menuRestart: false,
    cause: 'Checked when ECI Tray started.',
  },
  {
    at: at(11),
    verdict: 'off',
    from: 'protected',
    desiredEci: false,
    menuRestart: false,
    cause: 'a\nforged line: admin-settings.json now asks for ECI off.',
  },
  {
    at: at(9),
    verdict: 'protected',
    from: null,
    desiredEci: true,
    menuRestart: false,
    cause: 'First check by ECI Tray.',
  },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (content: unknown) =>
  writeFileSync(join(dir, 'activity.json'), typeof content === 'string' ? content : JSON.stringify(content));

describe('eci-tray history', () => {
  it('lists the entries newest first, one line each, in local time', async () => {
    write({ version: 1, entries: ENTRIES });
    const io = capture();
    expect(await historyCommand([], io, dir)).toBe(0);
    expect(io.stdout.split('\n')).toEqual([
      '01/12/2026, 12:05  ECI is off → Protected. Checked when ECI Tray started.',
      '01/12/2026, 11:05  Protected → ECI is off. a\\u000aforged line: admin-settings.json now asks for ECI off.',
      '01/12/2026, 09:05  Protected. First check by ECI Tray.',
      '',
    ]);
  });

  it.each([
    [['--limit', '2'], 2],
    [['-L', '1'], 1],
    [['--limit', '10'], 3],
  ])('%j shows the newest %i', async (args, n) => {
    write({ version: 1, entries: ENTRIES });
    const io = capture();
    await historyCommand(['--json', ...args], io, dir);
    expect(JSON.parse(io.stdout)).toEqual(ENTRIES.slice(0, n));
  });

  it.each([['0'], ['-1'], ['two'], ['1.5']].map(([n]) => [`--limit=${n}`]))('%s is a usage mistake', async (arg) => {
    write({ version: 1, entries: ENTRIES });
    await expect(historyCommand([arg!], capture(), dir)).rejects.toThrow(/--limit must be/);
  });

  it('says so when nothing is recorded yet; --json is an empty array', async () => {
    const io = capture();
    expect(await historyCommand([], io, dir)).toBe(0);
    expect(io.stdout).toMatch(/^No activity recorded yet \(.*activity\.json\)\./);
    const json = capture();
    expect(await historyCommand(['--json'], json, dir)).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it.each([['not json'], [JSON.stringify({ version: 2, entries: [] })]])(
    'a file it cannot read (%s): exit 1 with the reason, the file left as it is',
    async (content) => {
      write(content);
      const io = capture();
      expect(await historyCommand([], io, dir)).toBe(1);
      expect(io.stderr).toMatch(/^eci-tray history: the recent activity in .*activity\.json cannot be read: /);
      expect(io.stdout).toBe('');
      expect(readFileSync(join(dir, 'activity.json'), 'utf8')).toBe(content);
    },
  );
});
