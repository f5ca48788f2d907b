// AppCore's own guards, with the typed Electron fake behind the confirmation port: a change of what
// is verified needs the user's own yes in a native dialog, and the welcome comes once. The desks'
// channels have their own tests (cleanup-desk, walkthrough-desk, desktop-desk, report-desk). No
// engine: the endpoint is a socket nobody serves.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DialogLike } from './electron-types';
import { AppCore } from './app-core';
import { confirmWithDialog } from './confirm-dialog';
import { FakeDialog } from './testing/fake-electron';

let dir: string;
const logs: string[] = [];

function core(dialog: DialogLike, notified: string[] = []): AppCore {
  return new AppCore({
    userDataDir: dir,
    stateDir: join(dir, 'state'),
    env: { PATH: process.env['PATH'], HOME: dir, DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}` },
    ports: {
      notifier: { notify: async (n) => void notified.push(`${n.kind}: ${n.body}`) },
      openWindow: () => undefined,
      confirm: (request) => confirmWithDialog(dialog, request),
      emit: () => undefined,
      setStartAtLogin: async () => undefined,
      log: (m) => void logs.push(m),
    },
    platform: 'darwin',
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-appcore-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('preferences that decide what is verified', () => {
  // A loopback socket path stands in for a hostile endpoint: no traffic leaves the machine.
  const hostile = () => `unix://${join(dir, 'evil.sock')}`;

  it('a new engine endpoint is refused without the native confirmation, and nothing is saved', async () => {
    const dialog = new FakeDialog(0); // Cancel
    const app = core(dialog);
    const before = app.prefs.get();
    await expect(app.setPreferences({ dockerHost: hostile() })).rejects.toThrow(
      'Not changed: the change of the Docker engine endpoint was not confirmed.',
    );
    expect(dialog.asked).toHaveLength(1);
    expect(dialog.asked[0]).toMatchObject({
      title: 'Change what ECI Tray verifies?',
      buttons: ['Cancel', 'Change'],
      cancelId: 0,
      defaultId: 0,
    });
    expect(dialog.asked[0]!.detail).toContain(hostile());
    expect(app.prefs.get()).toEqual(before);
    await app.stop();
  });

  it('is applied after the user confirms in the dialog', async () => {
    const dialog = new FakeDialog(1); // Change
    const app = core(dialog);
    const after = await app.setPreferences({ dockerHost: hostile(), probeImage: 'registry.example/probe:2' });
    expect(after).toMatchObject({ dockerHost: hostile(), probeImage: 'registry.example/probe:2' });
    expect(dialog.asked[0]!.message).toBe('Change the Docker engine endpoint, probe image?');
    expect(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8'))).toMatchObject({ dockerHost: hostile() });
    await app.stop();
  });

  it.each([
    [{ adminSettings: '/tmp/fake-admin-settings.json' }, 'admin settings file'],
    [{ userSettings: '/tmp/fake-settings.json' }, 'user settings file'],
    [{ probeImage: 'evil/probe:latest' }, 'probe image'],
  ])('%o needs the confirmation too', async (change, words) => {
    const dialog = new FakeDialog(0);
    const app = core(dialog);
    await expect(app.setPreferences(change)).rejects.toThrow(words);
    await app.stop();
  });

  it('other preferences (alerts, interval, start at login) and an unchanged endpoint ask nothing', async () => {
    const dialog = new FakeDialog(0);
    const app = core(dialog);
    await app.setPreferences({
      alerts: { 'engine-unreachable': false },
      startAtLogin: true,
      dockerHost: app.prefs.get().dockerHost,
    });
    expect(dialog.asked).toEqual([]);
    expect(app.prefs.get()).toMatchObject({ startAtLogin: true, alerts: { 'engine-unreachable': false } });
    await app.stop();
  });

  it('input of the wrong shape is refused before any dialog', async () => {
    const dialog = new FakeDialog(1);
    const app = core(dialog);
    await expect(app.setPreferences({ dockerHost: 'ssh://root@evil' })).rejects.toThrow(
      'dockerHost: expected a unix://, npipe:// or tcp:// endpoint',
    );
    await expect(app.setPreferences({ extra: 1 } as never)).rejects.toThrow('extra: unknown field');
    expect(dialog.asked).toEqual([]);
    await app.stop();
  });
});

describe('first launch', () => {
  it('one welcome notification with the status and where the app lives; never again', async () => {
    const notified: string[] = [];
    const first = core(new FakeDialog(0), notified);
    await first.start();
    await first.stop();
    expect(notified.filter((n) => n.startsWith('welcome'))).toEqual([
      'welcome: ECI: Docker is not running. ECI Tray lives in the menu bar, at the top right of the screen: click its icon for details and what to do. It starts when you log in (Preferences to change it).',
    ]);
    const again = core(new FakeDialog(0), notified);
    await again.start();
    await again.stop();
    expect(notified.filter((n) => n.startsWith('welcome'))).toHaveLength(1);
  });
});
