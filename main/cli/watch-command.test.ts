import { formatTime } from '../core/text/time';
import { describe, expect, it } from 'vitest';
import { adviceFor, type MonitorState } from '../core/monitor/monitor-state';
import { wayForward } from '../core/verify/way-forward';
import { FULL_QUIT, MENU_RESTART_DID_NOT_APPLY, MONITOR_FACT_TEXT } from '../core/words';
import type { CheckReport, SettingsProblem } from '../core/model';
import { formatState, jsonLine } from './watch-command';

const pendingReport = {
  verdict: 'pending-restart',
  reason:
    'ECI is off but a locked admin policy sets it on: it applies only after Docker Desktop is quit fully and started again.',
  desired: { eci: true, source: 'admin' },
  engine: { reachable: true, desktop: true, paused: false },
  checks: [],
  unprotectedContainers: [],
  settingsProblems: [],
} as unknown as CheckReport;

const broken: SettingsProblem = {
  file: '/admin-settings.json',
  kind: 'invalid-json',
  severity: 'error',
  message: 'Unexpected token',
  line: 3,
  column: 7,
  blocksDockerDesktop: true,
};

const state = (restartedWhilePending: boolean, report = pendingReport, reconnecting = false): MonitorState =>
  ({
    seq: 2,
    at: '2026-12-01T10:00:00.000Z',
    trigger: 'engine-back',
    changed: ['advice'],
    advice: adviceFor(report, { restartedWhilePending, reconnecting }),
    report,
  }) as unknown as MonitorState;

const count = (text: string, part: string) => text.split(part).length - 1;
const adviceLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trimStart().startsWith('! '))
    .map((l) => l.trimStart().slice(2));

describe('eci-tray watch output', () => {
  it.each([
    ['after a restart from the Docker menu', true, 1],
    ['before any restart', false, 0],
  ])('%s: the menu-restart sentence is printed %s time(s)', (_name, restarted, times) => {
    const text = formatState(state(restarted as boolean));
    expect(count(text, MENU_RESTART_DID_NOT_APPLY)).toBe(times);
    expect(count(text, pendingReport.reason)).toBe(1);
    expect(text.split('\n')[0]).toBe(
      `${formatTime('2026-12-01T10:00:00.000Z')}  pending-restart  ${pendingReport.reason}`,
    );
  });

  it.each<[string, MonitorState, string[]]>([
    ['pending: the way forward, once', state(false), [wayForward(pendingReport, [], 'cli').text]],
    [
      'pending after a menu restart: one sentence that says both',
      state(true),
      [wayForward(pendingReport, ['menu-restart-insufficient'], 'cli').text],
    ],
    [
      'reconnecting, with a broken admin file: the fact, then the file, then the verdict',
      state(false, { ...pendingReport, settingsProblems: [broken] }, true),
      [
        MONITOR_FACT_TEXT['engine-reconnecting'],
        wayForward({ ...pendingReport, settingsProblems: [broken] }, [], 'cli').text,
        wayForward(pendingReport, [], 'cli').text,
      ],
    ],
    ['protected: no advice line', state(false, { ...pendingReport, verdict: 'protected' }), []],
    ['unknown: no advice line (it has no code)', state(false, { ...pendingReport, verdict: 'unknown' }), []],
  ])('%s', (_name, s, lines) => {
    expect(adviceLines(formatState(s))).toEqual(lines);
  });

  it('a pending admin setting: the line names the full quit and the command that does it', () => {
    const [line] = adviceLines(formatState(state(false)));
    expect(line).toContain(FULL_QUIT);
    expect(line).toContain('eci-tray relaunch');
  });
});

describe('eci-tray watch --json', () => {
  it('names the verdict and reason at the top, taken from the report, with the menu-restart advice once', () => {
    const line = JSON.parse(JSON.stringify(jsonLine(state(true)))) as Record<string, unknown>;
    expect(line['verdict']).toBe('pending-restart');
    expect(line['reason']).toBe(pendingReport.reason);
    expect(line['advice']).toEqual(['menu-restart-insufficient', 'full-quit-required']);
    expect(count(JSON.stringify(line), MENU_RESTART_DID_NOT_APPLY)).toBe(0);
  });
});
