// The organization's managed preferences in the app: they win over the user's own, cannot be
// changed from a window or the tray (no dialog is even shown), say so in the state view, turn the
// welcome off, and set the login item. No engine: the endpoint is a socket nobody serves.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interpretManaged, NOTHING_MANAGED, type ManagedPreferences } from '../core/preferences/managed-preferences';
import { AppCore } from './app-core';
import { confirmWithDialog } from './confirm-dialog';
import { FakeDialog } from './testing/fake-electron';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-appcore-managed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const MANAGED = interpretManaged(
  {
    probeImage: 'registry.corp.example/alpine:3.20',
    safetyIntervalMinutes: 30,
    showWelcome: false,
    startAtLogin: true,
    alerts: { 'engine-unreachable': false },
  },
  '/etc/eci-tray/managed-preferences.json',
);

function core(managed: ManagedPreferences, dialog = new FakeDialog(1)) {
  const notified: string[] = [];
  const loginItem: boolean[] = [];
  const app = new AppCore({
    userDataDir: dir,
    stateDir: join(dir, 'state'),
    env: { PATH: process.env['PATH'], HOME: dir, DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}` },
    managed,
    ports: {
      notifier: { notify: async (n) => void notified.push(n.kind) },
      openWindow: () => undefined,
      confirm: (request) => confirmWithDialog(dialog, request),
      emit: () => undefined,
      setStartAtLogin: async (on) => void loginItem.push(on),
      log: () => undefined,
    },
    platform: 'linux',
  });
  return { app, notified, loginItem, dialog };
}

describe('managed preferences in the app', () => {
  it('win over the user own values; the user file keeps the user values', () => {
    const { app } = core(MANAGED);
    const p = app.preferences();
    expect([
      p.probeImage,
      p.safetyIntervalMinutes,
      p.startAtLogin,
      p.alerts['engine-unreachable'],
      p.alerts['protection-lost'],
    ]).toEqual(['registry.corp.example/alpine:3.20', 30, true, false, true]);
    expect(app.prefs.get().probeImage).toBe('alpine:latest');
  });

  it.each([
    [{ probeImage: 'mine:latest' }],
    [{ safetyIntervalMinutes: 5 }],
    [{ alerts: { 'engine-unreachable': true } }],
    [{ startAtLogin: false }],
  ])('a change of %j is refused before any dialog, and nothing is saved', async (change) => {
    const { app, dialog } = core(MANAGED);
    await expect(app.setPreferences(change)).rejects.toThrow(
      'is set by your organization (/etc/eci-tray/managed-preferences.json)',
    );
    expect(dialog.asked).toHaveLength(0);
    expect(() => readFileSync(join(dir, 'preferences.json'))).toThrow();
  });

  it('what is not managed can still be changed', async () => {
    const { app } = core(MANAGED);
    await app.setPreferences({ alerts: { 'protection-lost': false } });
    expect(app.preferences().alerts['protection-lost']).toBe(false);
  });

  it('the state view says what the organization set; without managed preferences it says nothing', () => {
    expect(core(MANAGED).app.view().managed).toEqual({
      source: '/etc/eci-tray/managed-preferences.json',
      keys: ['probeImage', 'safetyIntervalMinutes', 'showWelcome', 'startAtLogin', 'alerts.engine-unreachable'],
      summary:
        'Set by your organization (/etc/eci-tray/managed-preferences.json): probe image, check interval, welcome notification, start at login, engine-unreachable alerts.',
      problems: [],
    });
    expect(core(NOTHING_MANAGED).app.view().managed).toBeNull();
  });

  it('start: no welcome when the organization turned it off, and the login item follows the managed value', async () => {
    const managed = core(MANAGED);
    await managed.app.start();
    await managed.app.stop();
    expect(managed.notified).not.toContain('welcome');
    expect(managed.loginItem).toEqual([true]);

    const plain = core(NOTHING_MANAGED);
    await plain.app.start();
    await plain.app.stop();
    expect(plain.notified).toContain('welcome');
    // Still no preferences file (the managed start wrote none): a first launch, which sets the user's own (on).
    expect(plain.loginItem).toEqual([true]);
  });
});
