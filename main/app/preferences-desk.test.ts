// The Preferences window's channels through the real dispatch and AppCore, with the typed Electron
// fakes behind the ports (native dialog, login items): what the window shows, a save and what it
// says changed, managed values refused, the same confirmation for a new probe image, "Check image"
// against an engine that is not there, and start at login at the first launch. No engine: the
// endpoint is a socket nobody serves.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interpretManaged, NOTHING_MANAGED, type ManagedPreferences } from '../core/preferences/managed-preferences';
import { PreferencesStore } from '../core/preferences/preferences';
import type { Envelope, InvokeChannel, InvokeResponses } from '../ipc/contract';
import { dispatchInvoke } from '../ipc/dispatch';
import { AppCore } from './app-core';
import { confirmWithDialog } from './confirm-dialog';
import { setStartAtLogin } from './login-item';
import { FakeDialog, FakeLoginItems } from './testing/fake-electron';

let dir: string;
let apps: AppCore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-prefs-desk-'));
});
afterEach(async () => {
  for (const a of apps) await a.stop();
  apps = [];
  rmSync(dir, { recursive: true, force: true });
});

function app(options: { managed?: ManagedPreferences; dialog?: FakeDialog } = {}) {
  const dialog = options.dialog ?? new FakeDialog(1);
  const loginItems = new FakeLoginItems();
  const notified: string[] = [];
  const core = new AppCore({
    userDataDir: dir,
    stateDir: join(dir, 'state'),
    env: { PATH: process.env['PATH'], HOME: dir, DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}` },
    managed: options.managed ?? NOTHING_MANAGED,
    ports: {
      notifier: { notify: async (n) => void notified.push(n.body) },
      openWindow: () => undefined,
      confirm: (request) => confirmWithDialog(dialog, request),
      emit: () => undefined,
      setStartAtLogin: async (enabled) =>
        setStartAtLogin(enabled, { platform: 'darwin', app: loginItems, execPath: '/Applications/ECI Tray.app' }),
      log: () => undefined,
    },
    platform: 'darwin',
  });
  apps.push(core);
  const call = async <C extends InvokeChannel>(channel: C, request?: unknown): Promise<Envelope<InvokeResponses[C]>> =>
    (await dispatchInvoke(core.handlers(), channel, request)) as Envelope<InvokeResponses[C]>;
  const value = async <C extends InvokeChannel>(channel: C, request?: unknown): Promise<InvokeResponses[C]> => {
    const e = await call(channel, request);
    if (!e.ok) throw new Error(e.error.message);
    return e.value;
  };
  return { core, dialog, loginItems, notified, call, value };
}

const saved = () => JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8')) as Record<string, unknown>;

describe('preferences:get and preferences:set', () => {
  it('shows the values in force; a save of alerts, quiet hours, interval and start at login says what changed', async () => {
    const { value, dialog } = app();
    const view = await value('preferences:get');
    expect(view).toMatchObject({ probeImage: 'alpine:latest', safetyIntervalMinutes: 1440, quietHours: null });
    const r = await value('preferences:set', {
      alerts: { 'protection-verified': false },
      quietHours: { from: '22:00', until: '07:00' },
      safetyIntervalMinutes: 60,
      startAtLogin: false,
    });
    expect(r).toMatchObject({
      saved: true,
      changes: [
        'Alert "ECI is on and verified": on → off',
        'Quiet hours: none → 22:00 to 07:00',
        'Check interval: every 24 hours → every hour',
        'Start at login: on → off',
      ],
    });
    expect(dialog.asked).toEqual([]);
    expect(saved()).toMatchObject({ safetyIntervalMinutes: 60, quietHours: { from: '22:00', until: '07:00' } });
    expect(await value('preferences:get')).toMatchObject({ safetyIntervalMinutes: 60, startAtLogin: false });
  });

  it('the same values again change nothing and say so', async () => {
    const { value } = app();
    expect(await value('preferences:set', { safetyIntervalMinutes: 1440 })).toMatchObject({ saved: true, changes: [] });
  });

  it('a new probe image asks in the native dialog; "Cancel" saves nothing and says so', async () => {
    const { value, dialog } = app({ dialog: new FakeDialog(0) });
    const r = await value('preferences:set', { probeImage: 'busybox:1.36', safetyIntervalMinutes: 30 });
    expect(r).toEqual({ saved: false, message: 'Not changed: the change of the probe image was not confirmed.' });
    expect(dialog.asked).toHaveLength(1);
    expect(dialog.asked[0]).toMatchObject({ title: 'Change what ECI Tray verifies?', buttons: ['Cancel', 'Change'] });
    expect((await value('preferences:get')).probeImage).toBe('alpine:latest');
    expect((await value('preferences:get')).safetyIntervalMinutes).toBe(1440);
  });

  it('a new probe image the user confirms is saved and listed', async () => {
    const { value, dialog } = app({ dialog: new FakeDialog(1) });
    const r = await value('preferences:set', { probeImage: 'busybox:1.36' });
    expect(r).toMatchObject({ saved: true, changes: ['Probe image: alpine:latest → busybox:1.36'] });
    expect(dialog.asked[0]?.detail).toContain('probe image: alpine:latest → busybox:1.36');
  });

  it.each<[string, unknown, string]>([
    ['the endpoint (not in the window)', { dockerHost: 'tcp://10.0.0.1:2375' }, 'request.dockerHost: unknown field'],
    ['a settings file', { adminSettings: '/tmp/x.json' }, 'request.adminSettings: unknown field'],
    ['an interval of 0', { safetyIntervalMinutes: 0 }, 'request.safetyIntervalMinutes'],
    ['a time of 24:00', { quietHours: { from: '24:00', until: '07:00' } }, 'request.quietHours.from'],
    ['an image with a space', { probeImage: 'alpine latest' }, 'request.probeImage'],
    ['an unknown alert kind', { alerts: { everything: false } }, 'request.alerts.everything: unknown field'],
  ])('refuses %s before anything is asked or saved', async (_what, request, words) => {
    const { call, dialog } = app();
    const e = await call('preferences:set', request);
    expect(e).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!e.ok && e.error.message).toContain(words);
    expect(dialog.asked).toEqual([]);
  });
});

describe('managed values', () => {
  const managed = interpretManaged(
    { probeImage: 'registry.acme.example/probe:1', alerts: { 'engine-unreachable': true } },
    '/etc/eci-tray/managed-preferences.json',
  );

  it('show as managed with their source, in force over the user own', async () => {
    const { value } = app({ managed });
    const view = await value('preferences:get');
    expect(view.managed).toEqual(['probeImage', 'alerts.engine-unreachable']);
    expect(view.managedSource).toBe('/etc/eci-tray/managed-preferences.json');
    expect(view.probeImage).toBe('registry.acme.example/probe:1');
    expect(view.alerts.find((a) => a.kind === 'engine-unreachable')).toMatchObject({ on: true, managed: true });
  });

  it.each<[string, unknown, string]>([
    ['the probe image', { probeImage: 'busybox:1.36' }, 'Not changed: probeImage is set by your organization'],
    [
      'a managed alert kind',
      { alerts: { 'engine-unreachable': false } },
      'Not changed: alerts.engine-unreachable is set by your organization',
    ],
  ])('refuse a change of %s with a clear error, no dialog, nothing saved', async (_what, request, words) => {
    const { call, dialog } = app({ managed });
    const e = await call('preferences:set', request);
    expect(e).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(!e.ok && e.error.message).toContain(words);
    expect(!e.ok && e.error.message).toContain('/etc/eci-tray/managed-preferences.json');
    expect(dialog.asked).toEqual([]);
  });

  it('leave the other alert kinds free', async () => {
    const { value } = app({ managed });
    expect(await value('preferences:set', { alerts: { 'protection-verified': false } })).toMatchObject({ saved: true });
  });
});

describe('preferences:check-image', () => {
  it('asks the engine: none answers, so the cause is that Docker is not running', async () => {
    const { value } = app();
    const r = await value('preferences:check-image', { image: 'alpine:3.20' });
    expect(r).toMatchObject({ image: 'alpine:3.20', pullable: false, present: false, cause: "Docker isn't running" });
    expect(r.message).toBe(
      "alpine:3.20 can't be downloaded: Docker isn't running. Checks need it: choose another image or fix the cause.",
    );
  });

  it('refuses what is no image reference', async () => {
    const { call } = app();
    expect(await call('preferences:check-image', { image: '-v /:/host alpine' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});

describe('start at login', () => {
  it('the first launch turns it on and the welcome says so; the next launch leaves the login item alone', async () => {
    const first = app();
    await first.core.start();
    expect(first.loginItems.settings).toEqual([{ openAtLogin: true, openAsHidden: true }]);
    expect(first.notified.at(-1)).toContain('It starts when you log in (Preferences to change it).');
    await first.core.stop();

    const again = app();
    await again.core.start();
    expect(again.loginItems.settings).toEqual([]);
  });

  it('a new probe image saved in the first session starts the checker again, not the first launch', async () => {
    const a = app();
    await a.core.start();
    await a.value('preferences:set', { startAtLogin: false });
    await a.value('preferences:set', { probeImage: 'busybox:1.36' });
    await new Promise((r) => setTimeout(r, 50));
    // The first launch's "on", then the user's "off": nothing after the rebuilt checker started.
    expect(a.loginItems.settings.map((s) => s.openAtLogin)).toEqual([true, false]);
  });

  it('a managed value sets the login item at every start, and the welcome does not claim it', async () => {
    const m = interpretManaged({ startAtLogin: false }, '/etc/eci-tray/managed-preferences.json');
    const a = app({ managed: m });
    await a.core.start();
    expect(a.loginItems.settings).toEqual([{ openAtLogin: false, openAsHidden: true }]);
    expect(a.notified.at(-1)).not.toContain('It starts when you log in');
  });

  it('an older preferences file (not a first launch) keeps its own choice', async () => {
    PreferencesStore.load(join(dir, 'preferences.json')).update((p) => {
      p.startAtLogin = false;
      p.welcomedAt = '2026-01-01T00:00:00.000Z';
    });
    const a = app();
    await a.core.start();
    expect(a.loginItems.settings).toEqual([]);
    expect((await a.value('preferences:get')).startAtLogin).toBe(false);
  });
});
