import { describe, expect, it } from 'vitest';
import type { SettingsSnapshot } from '../settings/load-settings';
import { changedFacts, eciSettingsKey, probeNeeded, type ChangeFacts, type ReconnectFacts } from './change-facts';

const facts: ChangeFacts = { engineId: 'ID-A', desktopStart: '2026-12-03T07:00:00.000Z', eciSettings: 'k1' };

describe('changedFacts', () => {
  it.each<[string, ChangeFacts | null, Partial<ChangeFacts>, string[]]>([
    ['nothing changed', facts, { ...facts }, []],
    ['nothing read now', facts, {}, []],
    ['another engine ID', facts, { engineId: 'ID-B' }, ['engine-id']],
    ['the engine no longer says its ID', facts, { engineId: null }, ['engine-id']],
    ['Desktop started again', facts, { desktopStart: '2026-12-03T07:05:00.000Z' }, ['desktop-start']],
    ['Desktop processes no longer visible', facts, { desktopStart: null }, ['desktop-start']],
    ['an ECI value changed', facts, { eciSettings: 'k2' }, ['eci-settings']],
    [
      'all three',
      facts,
      { engineId: 'x', desktopStart: 'y', eciSettings: 'z' },
      ['engine-id', 'desktop-start', 'eci-settings'],
    ],
    ['no earlier facts: what was read counts', null, { eciSettings: 'k1' }, ['eci-settings']],
    ['no earlier facts, nothing read', null, {}, []],
    ['still invisible', { ...facts, desktopStart: null }, { desktopStart: null }, []],
  ])('%s', (_what, before, now, expected) => expect(changedFacts(before, now)).toEqual(expected));
});

describe('eciSettingsKey', () => {
  const base: Pick<
    SettingsSnapshot,
    'adminPolicy' | 'userEci' | 'storedSocketMount' | 'socketMountAllowList' | 'desired'
  > = {
    adminPolicy: null,
    userEci: true,
    desired: { eci: true, source: 'user' } as SettingsSnapshot['desired'],
  };

  it('ignores what is not an ECI value (Desktop rewrites settings-store.json with other keys)', () => {
    const other = { ...base, files: [{ path: '/x', status: 'ok' }], problems: [] } as unknown as typeof base;
    expect(eciSettingsKey(other)).toBe(eciSettingsKey(base));
  });

  it.each<[string, Partial<typeof base>]>([
    ['the user value', { userEci: false }],
    ['the user value unreadable', { userEci: null }],
    [
      'an admin policy appears',
      {
        adminPolicy: { value: true, locked: true, socketMountImages: [], allowDerivedImages: null, commandList: null },
      },
    ],
    ['the socket-mount allow list', { socketMountAllowList: ['docker.io/library/alpine:*'] }],
    [
      'the stored socket-mount exceptions',
      { storedSocketMount: { images: ['a'] } as unknown as SettingsSnapshot['storedSocketMount'] },
    ],
    ['the desired state', { desired: { eci: false, source: 'default' } as SettingsSnapshot['desired'] }],
  ])('changes with %s', (_what, change) =>
    expect(eciSettingsKey({ ...base, ...change })).not.toBe(eciSettingsKey(base)),
  );

  it('an absent allow list equals an empty one', () =>
    expect(eciSettingsKey({ ...base, socketMountAllowList: [] })).toBe(eciSettingsKey(base)));
});

describe('probeNeeded', () => {
  const at = (i: Partial<ReconnectFacts>): ReconnectFacts => ({
    how: 'reopened',
    changes: [],
    lastVerdict: 'protected',
    desktopStartVisible: false,
    ...i,
  });
  it.each<[string, Partial<ReconnectFacts>, boolean]>([
    ['a stream reopened, nothing changed', {}, false],
    ['a stream reopened, off, nothing changed', { lastVerdict: 'off' }, false],
    ['a resume, nothing changed', { how: 'resumed' }, false],
    ['a stream reopened, the engine ID changed', { changes: ['engine-id'] }, true],
    ['a resume, an ECI value changed', { how: 'resumed', changes: ['eci-settings'] }, true],
    ['a stream reopened, Desktop started again', { changes: ['desktop-start'], desktopStartVisible: true }, true],
    ['no verification yet', { lastVerdict: null }, true],
    ['the last one could not probe', { lastVerdict: 'unknown' }, true],
    ['the last one found no engine', { lastVerdict: 'engine-unreachable' }, true],
    ['engine back after going away, Desktop start not visible', { how: 'restarted' }, true],
    ['engine back after going away, Desktop not restarted', { how: 'restarted', desktopStartVisible: true }, false],
    [
      'pending, stream reopened, Desktop start not visible (a relaunch may have applied it)',
      { lastVerdict: 'pending-restart' },
      true,
    ],
    ['pending, resume, Desktop start not visible', { how: 'resumed', lastVerdict: 'pending-restart' }, true],
    ['pending, Desktop not restarted', { lastVerdict: 'pending-restart', desktopStartVisible: true }, false],
    [
      'pending, engine back, Desktop not restarted (a menu restart)',
      { how: 'restarted', lastVerdict: 'pending-restart', desktopStartVisible: true },
      false,
    ],
  ])('%s: %s', (_what, i, expected) => expect(probeNeeded(at(i))).toBe(expected));
});
