import { describe, expect, it } from 'vitest';
import type { DesktopProcesses } from '../desktop/desktop-processes';
import { restartEvidence } from './restart-evidence';
import { settingChangedAtMs } from '../settings/setting-changed';

const at = (iso: string) => Date.parse(iso);
const running = (startedAt: string | null): DesktopProcesses => ({
  visible: true,
  processes: startedAt ? [{ name: 'com.docker.backend', pid: 7, startedAt }] : [],
  startedAt,
});
const CHANGE = at('2026-12-03T07:00:00.000Z');

describe('restartEvidence: did Docker Desktop start since the change', () => {
  it.each<[string, DesktopProcesses | null, number | null, string, boolean]>([
    ['started after the change', running('2026-12-03T07:00:00.010Z'), CHANGE, 'started-after-change', true],
    ['started before the change', running('2026-12-03T06:59:59.990Z'), CHANGE, 'started-before-change', true],
    [
      'started at the very moment: not after',
      running('2026-12-03T07:00:00.000Z'),
      CHANGE,
      'started-before-change',
      true,
    ],
    ['no Desktop process runs', running(null), CHANGE, 'cannot-tell', true],
    ['when it changed is unknown', running('2026-12-03T08:00:00.000Z'), null, 'cannot-tell', true],
    [
      'processes cannot be seen',
      { visible: false, why: 'remote', processes: [], startedAt: null },
      CHANGE,
      'cannot-tell',
      false,
    ],
    ['processes not read', null, CHANGE, 'cannot-tell', false],
    ['a malformed start time', running('yesterday'), CHANGE, 'cannot-tell', true],
  ])('%s', (_what, desktop, changed, relation, visible) => {
    const e = restartEvidence({ desktop, changedAtMs: changed });
    expect(e.relation).toBe(relation);
    expect(e.visible).toBe(visible);
    expect(e.changedAt).toBe(changed === null ? null : new Date(changed).toISOString());
  });
});

describe('settingChangedAtMs: the file that asks, or our own record of a change, the later', () => {
  const mtimes: Record<string, number> = { '/a': 1_000, '/u': 5_000 };
  const mtime = (p: string) => mtimes[p] ?? null;
  it.each<[string, Parameters<typeof settingChangedAtMs>[0], number | null, number | null]>([
    ['the admin file', { eci: true, source: 'admin-locked', file: '/a' }, null, 1_000],
    [
      'a change seen later than the mtime (an installer kept the old one)',
      { eci: true, source: 'admin-locked', file: '/a' },
      3_000,
      3_000,
    ],
    ['an mtime later than the change seen', { eci: true, source: 'admin-locked', file: '/a' }, 500, 1_000],
    [
      'contested: the admin file asks',
      { eci: false, source: 'user', file: '/u', contested: { eci: true, source: 'admin-unlocked', file: '/a' } },
      null,
      1_000,
    ],
    ['a missing file: only our record', { eci: true, source: 'admin-locked', file: '/gone' }, 2_000, 2_000],
    ['no file, no record', { eci: null, source: 'not-found-locally' }, null, null],
  ])('%s', (_what, desired, seen, expected) => {
    expect(settingChangedAtMs(desired, seen, mtime)).toBe(expected);
  });
});
