// The report desk's handlers with recording ports: what reaches the clipboard is the report main
// writes (the page only names which), only docs.docker.com reaches the system browser, and the
// recent activity follows the states it is fed, across a restart.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonitorState } from '../core/monitor/monitor-state';
import { formatReport } from '../core/report/report-text';
import { ReportDesk } from './report-desk';
import { state } from './testing/desk-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-desk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function desk(
  current: MonitorState | null,
  ports: { copyText?: (t: string) => Promise<void>; openExternal?: (u: string) => Promise<void> } = {},
) {
  const logs: string[] = [];
  return { desk: new ReportDesk(dir, '1.2.3', { ...ports, log: (m) => void logs.push(m) }, () => current), logs };
}

describe('ReportDesk', () => {
  it('copies the report it writes itself: text, activity, JSON and the app version', async () => {
    const copied: string[] = [];
    const now = state('protected', '2026-12-01T12:27:00.000Z');
    const { desk: d } = desk(now, { copyText: async (t) => void copied.push(t) });
    d.observe(state('off', '2026-12-01T12:00:00.000Z'));
    d.observe(now);
    const answer = await d.handlers()['clipboard:write-report']({ part: 'report' });
    expect(copied).toHaveLength(1);
    expect(answer).toEqual({ part: 'report', lines: copied[0]!.split('\n').length - 1 });
    expect(copied[0]).toContain('ECI Tray 1.2.3: report copied');
    expect(copied[0]).toContain(formatReport(now.report).trimEnd());
    expect(copied[0]).toContain('ECI is off → Protected. Found by the periodic check.');
    expect(copied[0]).toContain('"appVersion": "1.2.3"');

    await d.handlers()['clipboard:write-report']({ part: 'raw-engine-output' });
    expect(copied[1]).toContain('uid-map (isolated):\n0 100000 65536');
  });

  it('says so when there is no clipboard, rather than pretending', async () => {
    await expect(desk(null).desk.handlers()['clipboard:write-report']({ part: 'report' })).rejects.toThrow(
      'The clipboard is not available here.',
    );
  });

  it.each([
    ['https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/', true],
    ['https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/limitations/', true],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
    ['https://docs.docker.com.evil.example/', false],
  ])('opens %s in the system browser: %s', async (url, allowed) => {
    const opened: string[] = [];
    const h = desk(null, { openExternal: async (u) => void opened.push(u) }).desk.handlers();
    if (allowed) {
      await h['docs:open']({ url });
      expect(opened).toEqual([url]);
    } else {
      await expect(h['docs:open']({ url })).rejects.toThrow(
        "Only pages of Docker's documentation (https://docs.docker.com/) can be opened from ECI Tray.",
      );
      expect(opened).toEqual([]);
    }
  });

  it('keeps the recent activity across a restart', async () => {
    const { desk: first } = desk(null);
    first.observe(state('off', '2026-12-01T12:00:00.000Z'));
    first.observe(state('protected', '2026-12-01T12:27:00.000Z'));
    const { desk: second } = desk(null);
    expect((await second.handlers()['activity:get'](undefined)).map((e) => [e.from, e.verdict, e.change])).toEqual([
      ['off', 'protected', 'ECI is off → Protected'],
      [null, 'off', 'ECI is off'],
    ]);
  });
});
