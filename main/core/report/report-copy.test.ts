// The copied report: the CLI's text, the recent activity and the JSON (with the app version) in
// one text; the raw engine output with each probe's full observation.

import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../activity/activity-log';
import type { CheckReport } from '../model';
import { formatReport } from './report-text';
import { copiedReport, rawEngineOutput } from './report-copy';

const report: CheckReport = {
  verdict: 'protected',
  reason: 'Enhanced Container Isolation is on and verified by probe containers.',
  checkedAt: '2026-12-01T12:27:00.000Z',
  durationMs: 900,
  endpoint: { url: 'unix:///var/run/docker.sock', source: 'desktop-socket' },
  engine: {
    reachable: true,
    desktop: true,
    version: '4.37.1',
    platformName: 'Docker Desktop 4.37.1 (178610)',
    operatingSystem: 'Docker Desktop',
    osType: 'linux',
  },
  desired: { eci: true, source: 'admin-locked', file: '/etc/docker-desktop/admin-settings.json' },
  effective: { eci: true },
  checks: [
    { id: 'uid-map', result: 'isolated', observation: '0 100000 65536' },
    {
      id: 'host-pid-namespace',
      result: 'isolated',
      observation:
        "Error response from daemon: sysbox containers can't share namespaces [pid] with the host\n(a second line)",
    },
  ],
  unprotectedContainers: [],
  settingsFiles: [],
  settingsProblems: [],
  notes: [],
  nextSteps: [],
  probeImage: 'alpine:3.20',
};
const activity: ActivityEntry[] = [
  {
    at: '2026-12-01T12:27:00.000Z',
    verdict: 'protected',
    from: 'pending-restart',
    desiredEci: true,
    menuRestart: false,
    cause: 'The Docker engine came back.',
  },
];
const now = new Date('2026-12-01T12:30:00.000Z');

describe('copiedReport', () => {
  it('holds the CLI text report, the recent activity and the JSON with the app version', () => {
    const text = copiedReport({ appVersion: '0.1.0', report, verifiedAt: report.checkedAt, activity, now });
    expect(text.startsWith('ECI Tray 0.1.0: report copied 2026-12-01T12:30:00.000Z\n')).toBe(true);
    expect(text).toContain(formatReport(report).trimEnd());
    expect(text).toContain('Recent activity (newest first)\n');
    expect(text).toContain('Pending: quit and reopen Docker Desktop → Protected. The Docker engine came back.');
    const json = JSON.parse(text.slice(text.indexOf('\nJSON\n') + 6)) as Record<string, unknown>;
    expect(json).toEqual({
      app: 'ECI Tray',
      appVersion: '0.1.0',
      copiedAt: now.toISOString(),
      verifiedAt: report.checkedAt,
      report,
      activity,
    });
  });

  it('says so when nothing was verified yet', () => {
    const text = copiedReport({ appVersion: '0.1.0', report: null, verifiedAt: null, activity: [], now });
    expect(text).toContain('Last verified by probe containers: never');
    expect(text).toContain('ECI: not checked yet');
    expect(text).toContain('(nothing recorded yet)');
  });
});

describe('rawEngineOutput', () => {
  it('keeps each observation whole (the text report shortens them to one line)', () => {
    const raw = rawEngineOutput(report);
    expect(raw).toContain('host-pid-namespace (isolated):\nError response from daemon: sysbox containers');
    expect(raw).toContain('(a second line)');
    expect(raw).toContain('"version": "4.37.1"');
  });
  it('says why there is none', () => {
    expect(rawEngineOutput({ ...report, checks: [], reason: 'No Docker engine answers.' })).toContain(
      'No probe container ran. No Docker engine answers.',
    );
    expect(rawEngineOutput(null)).toContain('has not verified');
  });
});
