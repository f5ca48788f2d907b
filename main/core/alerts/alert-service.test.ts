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

function setup() {
  const sent: Notification[] = [];
  const prefs = PreferencesStore.load(join(dir, 'preferences.json'));
  const service = new AlertService(prefs, { notify: async (n) => void sent.push(n) }, () => undefined, 'linux');
  return { sent, prefs, service };
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
});
