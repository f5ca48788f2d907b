// The tray app's IPC handlers, called as the windows call them (through dispatchInvoke, the
// boundary ipcMain uses), against AppCore on the lab: real answers, confirmation before acting,
// notifications through the notifier port, and hostile messages rejected with no handler run.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../main/core/alerts/alert-policy';
import { DEFAULT_PREFERENCES } from '../../main/core/preferences/preferences';
import { AppCore, type ConfirmRequest } from '../../main/app/app-core';
import type { AppStateView, WindowKind } from '../../main/ipc/contract';
import { dispatchInvoke } from '../../main/ipc/dispatch';
import { Lab } from '../lab/lab';

describe('AppCore handlers on the lab', () => {
  let lab: Lab;
  let core: AppCore;
  let dir: string;
  const notified: Notification[] = [];
  const opened: WindowKind[] = [];
  const asked: ConfirmRequest[] = [];
  const events: Array<[string, unknown]> = [];
  let answer = false;
  const call = (channel: unknown, request?: unknown) => dispatchInvoke(core.handlers(), channel, request);
  // Bounded only by the test's timeout: on a loaded machine a probe run may take a while, and the
  // assertion is about the state reached, not how fast.
  const waitForView = (test: (v: AppStateView) => boolean, ms = 150_000) =>
    new Promise<AppStateView>((resolve, reject) => {
      if (test(core.view())) return resolve(core.view());
      const timer = setTimeout(
        () => reject(new Error(`state not reached; last: ${core.view().state?.report.verdict}`)),
        ms,
      );
      const off = core.onViewChanged((v) => {
        if (test(v)) {
          clearTimeout(timer);
          off();
          resolve(v);
        }
      });
    });

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    dir = mkdtempSync(join(tmpdir(), 'eci-app-'));
    writeFileSync(
      join(dir, 'preferences.json'),
      JSON.stringify({
        ...DEFAULT_PREFERENCES,
        dockerHost: lab.dockerHost,
        adminSettings: lab.paths.adminSettings,
        userSettings: lab.paths.userSettings,
        probeImage: lab.probeImage,
      }),
    );
    core = new AppCore({
      userDataDir: dir,
      stateDir: join(dir, 'state'),
      env: { ...process.env, ...lab.env() },
      ports: {
        notifier: { notify: async (n) => void notified.push(n) },
        openWindow: (k) => void opened.push(k),
        confirm: async (r) => {
          asked.push(r);
          return answer;
        },
        emit: (e, p) => void events.push([e, p]),
        setStartAtLogin: async () => undefined,
        log: () => undefined,
      },
      monitor: { graceMs: 3000 },
    });
    await core.start();
  });
  afterAll(async () => {
    await core?.stop();
    await lab?.teardown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the state and runs checks', async () => {
    const state = await call('state:get');
    expect(state).toMatchObject({ ok: true, value: { state: { report: { verdict: 'off' } }, checking: false } });
    const checked = await call('check:run');
    expect(checked).toMatchObject({ ok: true, value: { state: { report: { verdict: 'off' }, trigger: 'request' } } });
    expect(events.some(([e, p]) => e === 'state:changed' && (p as AppStateView).checking)).toBe(true);
  });

  it('rejects hostile messages; no handler runs and nothing changes', async () => {
    const before = JSON.stringify(core.prefs.get());
    const polluted = JSON.parse('{"__proto__": {"polluted": true}, "probeImage": "x"}');
    const attempts: Array<[unknown, unknown, string]> = [
      ['shell:exec', { cmd: 'id' }, 'unknown-channel'],
      [42, undefined, 'unknown-channel'],
      ['toString', undefined, 'unknown-channel'],
      // No page changes preferences: the channels do not exist.
      ['prefs:set', polluted, 'unknown-channel'],
      ['prefs:set', { dockerHost: 'tcp://evil.example:2375' }, 'unknown-channel'],
      ['prefs:get', undefined, 'unknown-channel'],
      ['walkthrough:skip-recreate', polluted, 'invalid-request'],
      ['window:open', { window: '../../../etc/passwd' }, 'invalid-request'],
      ['window:open', null, 'invalid-request'],
      ['cleanup:plan', { only: ['not-an-id'] }, 'invalid-request'],
      ['cleanup:plan', { strategies: [{ id: 'a'.repeat(64), strategy: 'rm -rf' }] }, 'invalid-request'],
      ['cleanup:apply', { planId: '../../x' }, 'invalid-request'],
      ['desktop:relaunch', { confirmed: true }, 'invalid-request'],
      ['walkthrough:skip-recreate', { skip: 'true' }, 'invalid-request'],
    ];
    for (const [channel, request, code] of attempts) {
      const r = await call(channel, request);
      expect(r, JSON.stringify(channel)).toMatchObject({ ok: false, error: { code } });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(core.prefs.get())).toBe(before);
    expect(opened).toEqual([]);
    expect(asked).toEqual([]);
    expect(lab.mode).toBe('off');
  });

  it('an unknown plan id is refused with a clear message', async () => {
    const r = await call('cleanup:apply', { planId: '00000000-0000-4000-8000-000000000000' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'failed', message: 'This plan is no longer available: make a new plan.' },
    });
  });

  it('a policy lands: the pending-restart notification goes out through the notifier port', async () => {
    lab.writeAdminPolicy(true, true);
    await waitForView((v) => v.state?.report.verdict === 'pending-restart');
    expect(notified.map((n) => [n.kind, n.action])).toContainEqual(['pending-restart', 'open-walkthrough']);
  });

  it('relaunch asks first; declined, nothing happens; confirmed, it relaunches and verifies', async () => {
    answer = false;
    expect(await call('desktop:relaunch')).toEqual({ ok: true, value: { confirmed: false } });
    expect(asked.at(-1)!.detail).toContain('Restart from the Docker menu is not enough');
    expect(lab.mode).toBe('off');
    answer = true;
    const r = await call('desktop:relaunch');
    expect(r).toEqual({ ok: true, value: { confirmed: true, applied: true, verdict: 'protected' } });
    expect(events.filter(([e]) => e === 'relaunch:progress').map(([, p]) => (p as { step: string }).step)).toEqual(
      expect.arrayContaining([
        'detect',
        'stopping',
        'waiting-for-stop',
        'starting',
        'waiting-for-engine',
        'verifying',
        'done',
      ]),
    );
    await waitForView((v) => v.state?.report.verdict === 'protected');
    expect(notified.map((n) => n.kind)).toContain('protection-verified');
  });

  it('preferences change (from the tray) and windows open through their channel', async () => {
    expect((await core.setPreferences({ alerts: { 'engine-unreachable': false } })).alerts['engine-unreachable']).toBe(
      false,
    );
    expect(await call('window:open', { window: 'cleanup' })).toEqual({ ok: true, value: undefined });
    expect(opened).toEqual(['cleanup']);
    const walk = await call('walkthrough:get');
    expect(walk).toMatchObject({ ok: true, value: { target: 'on' } });
  });
});
