import { formatTime } from '../core/text/time';
import { describe, expect, it } from 'vitest';
import { adviceFor, type MonitorState } from '../core/monitor/monitor-state';
import { ADVICE_TEXT } from '../core/words';
import { formatState, jsonLine } from './watch-command';

const pendingReport = {
  verdict: 'pending-restart',
  reason:
    'ECI is off but a locked admin policy sets it on: it applies only after Docker Desktop is quit fully and started again.',
  unprotectedContainers: [],
  settingsProblems: [],
} as unknown as MonitorState['report'];

const state = (restartedWhilePending: boolean): MonitorState =>
  ({
    seq: 2,
    at: '2026-12-01T10:00:00.000Z',
    trigger: 'engine-back',
    changed: ['advice'],
    advice: adviceFor({ verdict: 'pending-restart', restartedWhilePending, problems: [], reconnecting: false }),
    report: pendingReport,
  }) as unknown as MonitorState;

const count = (text: string, part: string) => text.split(part).length - 1;

describe('eci-tray watch output', () => {
  it.each([
    ['after a restart from the Docker menu', true, 1],
    ['before any restart', false, 0],
  ])('%s: the menu-restart sentence is printed %s time(s)', (_name, restarted, times) => {
    const text = formatState(state(restarted as boolean));
    expect(count(text, ADVICE_TEXT['menu-restart-insufficient'])).toBe(times);
    expect(count(text, pendingReport.reason)).toBe(1);
    expect(text.split('\n')[0]).toBe(
      `${formatTime('2026-12-01T10:00:00.000Z')}  pending-restart  ${pendingReport.reason}`,
    );
  });
});

describe('eci-tray watch --json', () => {
  it('names the verdict and reason at the top, taken from the report, with the menu-restart advice once', () => {
    const line = JSON.parse(JSON.stringify(jsonLine(state(true)))) as Record<string, unknown>;
    expect(line['verdict']).toBe('pending-restart');
    expect(line['reason']).toBe(pendingReport.reason);
    expect(line['advice']).toEqual(['menu-restart-insufficient', 'full-quit-required']);
    expect(count(JSON.stringify(line), ADVICE_TEXT['menu-restart-insufficient'])).toBe(0);
  });
});
