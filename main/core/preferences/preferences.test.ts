import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../schema';
import { DEFAULT_PREFERENCES, preferencesChangeSchema, PreferencesStore } from './preferences';

describe('PreferencesStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eci-prefs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no file: defaults, no notice', () => {
    const store = PreferencesStore.load(join(dir, 'none.json'));
    expect(store.get()).toEqual(DEFAULT_PREFERENCES);
    expect(store.notice).toBeNull();
  });

  it('saves atomically and reads back', () => {
    const path = join(dir, 'p.json');
    const store = PreferencesStore.load(path);
    store.update((p) => {
      p.safetyIntervalMinutes = 30;
      p.alerts['engine-unreachable'] = false;
    });
    expect(PreferencesStore.load(path).get()).toMatchObject({
      safetyIntervalMinutes: 30,
      alerts: { 'engine-unreachable': false },
    });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an invalid change and keeps the saved file', () => {
    const path = join(dir, 'q.json');
    const store = PreferencesStore.load(path);
    store.update((p) => void (p.probeImage = 'busybox'));
    expect(() => store.update((p) => void (p.safetyIntervalMinutes = 0))).toThrow(
      'safetyIntervalMinutes: must be at least 1',
    );
    expect(JSON.parse(readFileSync(path, 'utf8')).probeImage).toBe('busybox');
    expect(store.get().safetyIntervalMinutes).toBe(DEFAULT_PREFERENCES.safetyIntervalMinutes);
  });

  it.each([
    ['invalid JSON', '{ "version": 1, '],
    ['wrong types', JSON.stringify({ ...DEFAULT_PREFERENCES, safetyIntervalMinutes: 'often' })],
    ['unknown fields', JSON.stringify({ ...DEFAULT_PREFERENCES, evil: true })],
  ])('an unreadable file (%s) is set aside, defaults are used, with a notice', (_n, text) => {
    const sub = mkdtempSync(join(dir, 'c-'));
    const path = join(sub, 'preferences.json');
    writeFileSync(path, text);
    const store = PreferencesStore.load(path, new Date('2026-11-27T10:00:00Z'));
    expect(store.get()).toEqual(DEFAULT_PREFERENCES);
    expect(store.notice).toMatch(
      /Your preferences file was not usable .*; defaults are in use\. It was set aside as .*preferences\.json\.unreadable-2026-11-27T10-00-00-000Z\./,
    );
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(join(sub, 'preferences.json.unreadable-2026-11-27T10-00-00-000Z'), 'utf8')).toBe(text);
  });
});

describe('quiet hours and "Later" in the preferences file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eci-prefs-q-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file from before them loads, with none set', () => {
    const path = join(dir, 'old.json');
    const { quietHours: _q, snoozedUntil: _s, ...old } = DEFAULT_PREFERENCES;
    writeFileSync(path, JSON.stringify({ ...old, probeImage: 'busybox' }));
    const store = PreferencesStore.load(path);
    expect(store.notice).toBeNull();
    expect(store.get()).toMatchObject({ probeImage: 'busybox', quietHours: null, snoozedUntil: {} });
  });

  it('alerts are all on by default but Docker stopping', () => {
    expect(Object.entries(DEFAULT_PREFERENCES.alerts).filter(([, on]) => !on)).toEqual([['engine-unreachable', false]]);
  });

  it.each<[string, unknown, boolean]>([
    ['a window over midnight', { from: '22:00', until: '07:00' }, true],
    ['none', null, true],
    ['24:00 is not a time', { from: '24:00', until: '07:00' }, false],
    ['7:00 without its zero', { from: '22:00', until: '7:00' }, false],
    ['an extra field', { from: '22:00', until: '07:00', days: 'weekdays' }, false],
  ])('validated at load: %s', (_name, quietHours, valid) => {
    const sub = mkdtempSync(join(dir, 'v-'));
    const path = join(sub, 'preferences.json');
    writeFileSync(path, JSON.stringify({ ...DEFAULT_PREFERENCES, quietHours }));
    const store = PreferencesStore.load(path);
    expect(store.notice === null).toBe(valid);
    expect(store.get().quietHours).toEqual(valid ? quietHours : null);
  });

  it('a change validates the same way', () => {
    expect(validate(preferencesChangeSchema, { quietHours: { from: '22:00', until: '07:00' } })).toEqual({
      quietHours: { from: '22:00', until: '07:00' },
    });
    expect(() => validate(preferencesChangeSchema, { quietHours: { from: '22', until: '07:00' } })).toThrow(
      'a time as HH:MM',
    );
  });
});
