// What each tray item does, against a recording AppCore: the right use case, the right window,
// pauses for an hour or until tomorrow morning, and one relaunch action whose error goes to the log.

import { describe, expect, it } from 'vitest';
import type { RelaunchOutcome } from '../core/desktop/relaunch-service';
import { tomorrowMorning, type TrayAction } from '../core/monitor/tray-menu';
import type { AppStateView } from '../ipc/contract';
import { relaunchAction, trayActions } from './tray-actions';

const NOW = new Date('2026-12-01T15:00:00').getTime();

function recorder() {
  const calls: string[] = [];
  let startAtLogin = false;
  const view = {} as AppStateView;
  const actions = trayActions({
    core: {
      checkNow: async () => {
        calls.push('checkNow');
        return null;
      },
      startDesktop: async () => {
        calls.push('startDesktop');
        throw new Error('no Desktop here');
      },
      pauseNotifications: (until) => void calls.push(`pause ${until}`),
      preferences: () => ({ startAtLogin }) as ReturnType<TrayActionsCore['preferences']>,
      setPreferences: async (change) => {
        calls.push(`set ${JSON.stringify(change)}`);
        startAtLogin = change.startAtLogin!;
        return {} as never;
      },
      view: () => view,
      copyReport: async () => {
        calls.push('copyReport');
        throw new Error('no clipboard');
      },
    },
    relaunch: () => void calls.push('relaunch'),
    openWindow: (kind) => void calls.push(`open ${kind}`),
    refresh: (v) => void calls.push(v === view ? 'refresh' : 'refresh?'),
    quit: () => void calls.push('quit'),
    about: () => void calls.push('about'),
    log: (m) => void calls.push(`log ${m}`),
    now: () => NOW,
  });
  return { actions, calls };
}
type TrayActionsCore = Parameters<typeof trayActions>[0]['core'];

describe('tray actions', () => {
  it.each<[TrayAction, string[]]>([
    ['check-now', ['checkNow']],
    ['relaunch', ['relaunch']],
    ['start-desktop', ['startDesktop', 'log Docker Desktop could not be started: Error: no Desktop here']],
    ['open-cleanup', ['open cleanup']],
    ['open-walkthrough', ['open walkthrough']],
    ['open-details', ['open details']],
    ['copy-report', ['copyReport', 'log the report could not be copied: Error: no clipboard']],
    ['open-preferences', ['open preferences']],
    ['about', ['about']],
    ['pause-hour', [`pause ${NOW + 3_600_000}`]],
    ['pause-tomorrow', [`pause ${tomorrowMorning(new Date(NOW))}`]],
    ['resume-notifications', ['pause null']],
    ['toggle-start-at-login', ['set {"startAtLogin":true}', 'refresh']],
    ['quit', ['quit']],
  ])('%s does %j', async (action, expected) => {
    const { actions, calls } = recorder();
    actions[action]();
    await expect.poll(() => calls).toEqual(expected);
  });

  it('the relaunch action logs the outcome error, and nothing when there is none', async () => {
    const logs: string[] = [];
    const outcomes: RelaunchOutcome[] = [
      { confirmed: false, error: 'Docker Desktop is already being quit and reopened.' },
      { confirmed: false },
    ];
    const act = relaunchAction(
      async () => outcomes.shift()!,
      (m) => void logs.push(m),
    );
    act();
    act();
    await expect.poll(() => outcomes.length).toBe(0);
    await new Promise((r) => setTimeout(r, 10));
    expect(logs).toEqual(['Docker Desktop is already being quit and reopened.']);
  });
});
