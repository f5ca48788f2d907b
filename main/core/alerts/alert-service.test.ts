import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonitorState } from '../monitor/monitor-state';
import { PreferencesStore } from '../preferences/preferences';
import type { Notification } from './alert-policy';
import { AlertService } from './alert-service';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-alerts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pendingByPolicy = {
  advice: ['full-quit-required'],
  report: {
    verdict: 'pending-restart',
    desired: { eci: true, source: 'admin-locked', file: '/a.json' },
    effective: { eci: false },
    unprotectedContainers: [],
    settingsProblems: [],
    engine: {},
  },
} as unknown as MonitorState;

const withVerdict = (verdict: string, extra: object = {}) =>
  ({
    advice: [],
    report: {
      verdict,
      desired: { eci: true, source: 'user' },
      effective: { eci: verdict === 'protected' },
      unprotectedContainers: [],
      settingsProblems: [],
      checks: [],
      reason: '',
      engine: {},
      ...extra,
    },
  }) as unknown as MonitorState;

function setup() {
  const sent: Notification[] = [];
  const logged: string[] = [];
  let rechecks = 0;
  const prefs = PreferencesStore.load(join(dir, 'preferences.json'));
  const service = new AlertService(
    prefs,
    { notify: async (n) => void sent.push(n) },
    (m) => void logged.push(m),
    'linux',
    () => void rechecks++,
  );
  return { sent, prefs, service, logged, rechecks: () => rechecks };
}

describe('AlertService', () => {
  it('the policy reminder comes once a day, kept across restarts of the app, and not while paused', () => {
    const t0 = Date.parse('2026-12-01T09:00:00Z');
    const a = setup();
    a.service.onState(pendingByPolicy, t0);
    expect(a.sent.map((n) => n.kind)).toEqual(['pending-restart', 'policy-reminder']);
    a.service.remind(pendingByPolicy, t0 + 3_600_000);
    expect(a.sent.filter((n) => n.kind === 'policy-reminder')).toHaveLength(1);

    // A new app process (same preferences): no second reminder the same day.
    const b = setup();
    b.service.remind(pendingByPolicy, t0 + 12 * 3_600_000);
    expect(b.sent).toEqual([]);
    b.prefs.update((p) => {
      p.pausedUntil = t0 + 48 * 3_600_000;
    });
    b.service.remind(pendingByPolicy, t0 + 25 * 3_600_000);
    expect(b.sent).toEqual([]);
    b.service.remind(pendingByPolicy, t0 + 49 * 3_600_000);
    expect(b.sent.map((n) => n.kind)).toEqual(['policy-reminder']);
  });

  it('welcomes once', () => {
    const a = setup();
    a.service.welcome(null);
    a.service.welcome(pendingByPolicy);
    expect(a.sent.map((n) => n.kind)).toEqual(['welcome']);
    expect(a.sent[0]!.body).toContain('in the system tray');
  });

  it('"Later: in 2 hours" on the pending notification: it comes back once then, kept across restarts', () => {
    const t0 = new Date(2026, 11, 3, 10, 0);
    const a = setup();
    a.service.onState(withVerdict('off'), t0.getTime());
    a.service.onState(withVerdict('pending-restart'), t0.getTime() + 1000);
    expect(a.sent.map((n) => n.kind)).toEqual(['pending-restart']);
    a.service.later('later-2h', t0);
    expect(a.prefs.get().snoozedUntil['pending-restart']).toBe(t0.getTime() + 7_200_000);
    a.service.tick(null, t0.getTime() + 7_199_000);
    expect(a.sent).toHaveLength(1);
    a.service.tick(null, t0.getTime() + 7_200_000);
    a.service.tick(null, t0.getTime() + 7_260_000);
    expect(a.sent.map((n) => n.kind)).toEqual(['pending-restart', 'pending-restart']);

    // Picked "Later" then quit the app: the new process waits too.
    const b = setup();
    b.prefs.update((p) => void (p.snoozedUntil = { 'pending-restart': t0.getTime() + 7_200_000 }));
    b.service.onState(withVerdict('pending-restart'), t0.getTime() + 60_000);
    expect(b.sent).toEqual([]);
    b.service.tick(null, t0.getTime() + 7_200_000);
    expect(b.sent.map((n) => n.kind)).toEqual(['pending-restart']);
  });

  it('quiet hours from the preferences: held at night, delivered once at their end', () => {
    const a = setup();
    a.prefs.update((p) => void (p.quietHours = { from: '22:00', until: '07:00' }));
    a.service.onState(withVerdict('off'), new Date(2026, 11, 3, 23, 0).getTime());
    a.service.onState(withVerdict('pending-restart'), new Date(2026, 11, 3, 23, 1).getTime());
    expect(a.sent).toEqual([]);
    expect(a.logged).toContain('notification held back (quiet-hours): pending-restart');
    a.service.tick(null, new Date(2026, 11, 4, 7, 0).getTime());
    a.service.tick(null, new Date(2026, 11, 4, 7, 1).getTime());
    expect(a.sent.map((n) => n.title)).toEqual(['Pending: quit and reopen Docker Desktop']);
  });

  it('a check that could not run after a protected one asks for one re-check, then says why', () => {
    const a = setup();
    const failed = withVerdict('unknown', {
      checks: [{ id: 'uid-map', result: 'error', observation: 'pull access denied for alpine' }],
    });
    a.service.onState(withVerdict('protected'), 0);
    a.service.onState(failed, 1000);
    expect(a.rechecks()).toBe(1);
    expect(a.sent).toEqual([]);
    a.service.onState(failed, 31_000);
    expect(a.rechecks()).toBe(1);
    expect(a.sent.map((n) => [n.title, n.body])).toEqual([
      ['Could not verify ECI', "Can't download the probe image, twice in a row. Open Details to see what to do."],
    ]);
  });
});
