// Real desktop notifications: `eci-tray watch` (node-notifier -> notify-send) under a private
// Xvfb display and D-Bus session with dunst as the notification daemon. The test reads back
// what dunst received.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { startDesktopSession, type DesktopSession } from '../support/desktop-session';
import { runCli } from './helpers';
import { WatchProcess } from './watch-process';

describe('desktop notifications from eci-tray watch', () => {
  let lab: Lab;
  let desktop: DesktopSession;

  beforeAll(async () => {
    desktop = await startDesktopSession();
    lab = await Lab.start({ mode: 'off' });
  });
  afterAll(async () => {
    await lab?.teardown();
    await desktop?.stop();
  });

  it('delivers the pending-restart notification, with its title and body', async () => {
    const watch = new WatchProcess(lab.productArgs(), { ...lab.env(), ...desktop.env });
    try {
      await watch.waitFor((s) => s.report.verdict === 'off');
      lab.writeAdminPolicy(true, true);
      await watch.waitFor((s) => s.report.verdict === 'pending-restart', 5_000);
      let received: Awaited<ReturnType<DesktopSession['history']>> = [];
      for (let i = 0; i < 50 && received.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        received = await desktop.history();
      }
      expect(received).toEqual([
        {
          summary: 'Pending: quit and reopen Docker Desktop',
          body: 'The ECI setting is saved but not on yet. Quit and reopen Docker Desktop: Restart from the Docker menu is not enough.',
          appname: 'ECI Tray',
          urgency: expect.any(String),
        },
      ]);
      expect(watch.stderr).not.toContain('could not be shown');
    } finally {
      await watch.stop();
    }
  });

  it('a notification service that is not there is logged, never fatal', async () => {
    const watch = new WatchProcess(lab.productArgs(), {
      ...lab.env(),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      DISPLAY: ':9999',
    });
    try {
      await watch.waitFor((s) => s.report.verdict === 'pending-restart');
      for (let i = 0; i < 50 && !watch.stderr.includes('could not be shown'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(watch.stderr).toContain('notification "Pending: quit and reopen Docker Desktop" could not be shown');
      lab.removeAdminSettings();
      await watch.waitFor((s) => s.report.verdict === 'off', 5_000);
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });

  it('relaunch reports a Docker Desktop that fails to start (invalid admin-settings.json): exit 20', async () => {
    lab.writeAdminSettings('{ "enhancedContainerIsolation": { "value": true, } }');
    const r = await runCli(['relaunch', '--yes', ...lab.productArgs()], lab.env());
    expect(r.code).toBe(20);
    expect(r.stderr).toContain('docker desktop start failed');
    expect(r.stderr).toContain('Docker Desktop failed to start');
    lab.removeAdminSettings();
    await lab.startEngine('off');
  });
});
