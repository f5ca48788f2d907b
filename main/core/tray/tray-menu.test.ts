import { describe, expect, it } from 'vitest';
import type { AdviceCode, MonitorState } from '../monitor/monitor-state';
import type { Verdict } from '../model';
import { iconFamily, tomorrowMorning, tooltip, trayMenu, type MenuModel } from './tray-menu';

const now = new Date(2026, 10, 27, 10, 5);
function state(verdict: Verdict, extra: { advice?: AdviceCode[]; containers?: number; paused?: boolean } = {}): MonitorState {
  return {
    advice: extra.advice ?? [],
    changed: ['verdict', 'containers'],
    at: new Date(2026, 10, 27, 9, 58).toISOString(),
    verifiedAt: new Date(2026, 10, 27, 9, 57).toISOString(),
    report: { verdict, unprotectedContainers: Array.from({ length: extra.containers ?? 0 }, (_, i) => ({ id: String(i) })), engine: { paused: extra.paused === true } },
  } as unknown as MonitorState;
}
const labels = (items: MenuModel[]): string[] =>
  items.map((i) =>
    i.kind === 'label'
      ? `[${i.text}]`
      : i.kind === 'separator'
        ? '---'
        : i.kind === 'submenu'
          ? `${i.label} >`
          : i.kind === 'checkbox'
            ? `${i.checked ? '[x]' : '[ ]'} ${i.label}`
            : `${i.label}${i.enabled ? '' : ' (disabled)'}`,
  );

describe('tray menu', () => {
  const base = { checking: false, pausedUntil: null, startAtLogin: false, now };
  it.each<[string, Parameters<typeof trayMenu>[0], string[]]>([
    [
      'protected',
      { ...base, state: state('protected') },
      ['[ECI: Protected]', '[Changed: verdict, containers at 09:58]', '---', 'Check now', 'ECI walkthrough…', 'Details…', '---', 'Pause notifications >', '[ ] Start at login', '---', 'Quit ECI Tray'],
    ],
    [
      'pending, with the menu-restart warning',
      { ...base, state: state('pending-restart', { advice: ['full-quit-required'] }) },
      [
        '[ECI: Pending: quit and relaunch Docker Desktop]',
        '[Changed: verdict, containers at 09:58]',
        '---',
        'Check now',
        'Quit and relaunch Docker Desktop…',
        '[A restart from the Docker menu is not enough]',
        'ECI walkthrough…',
        'Details…',
        '---',
        'Pause notifications >',
        '[ ] Start at login',
        '---',
        'Quit ECI Tray',
      ],
    ],
    [
      'unprotected containers',
      { ...base, startAtLogin: true, state: state('unprotected-containers', { containers: 3 }) },
      [
        '[ECI: 3 old containers run without ECI]',
        '[Changed: verdict, containers at 09:58]',
        '---',
        'Check now',
        'Review unprotected containers (3)…',
        'ECI walkthrough…',
        'Details…',
        '---',
        'Pause notifications >',
        '[x] Start at login',
        '---',
        'Quit ECI Tray',
      ],
    ],
    [
      'before the first check, checking',
      { ...base, checking: true, state: null },
      ['[ECI: checking…]', '---', 'Checking… (disabled)', 'ECI walkthrough…', 'Details…', '---', 'Pause notifications >', '[ ] Start at login', '---', 'Quit ECI Tray'],
    ],
    [
      'paused notifications',
      { ...base, pausedUntil: new Date(2026, 10, 27, 11, 5).getTime(), state: state('off') },
      [
        '[ECI: ECI is off]',
        '[Changed: verdict, containers at 09:58]',
        '---',
        'Check now',
        'ECI walkthrough…',
        'Details…',
        '---',
        'Notifications paused until 11:05 >',
        '[ ] Start at login',
        '---',
        'Quit ECI Tray',
      ],
    ],
  ])('%s', (_n, input, expected) => expect(labels(trayMenu(input))).toEqual(expected));

  it('after a menu restart the warning says it did not apply', () => {
    expect(labels(trayMenu({ ...base, state: state('pending-restart', { advice: ['menu-restart-insufficient', 'full-quit-required'] }) }))).toContain(
      '[A restart from the Docker menu did not apply it]',
    );
  });

  it('resume is offered only while paused', () => {
    const sub = (p: number | null) => (trayMenu({ ...base, pausedUntil: p, state: null }).find((i) => i.kind === 'submenu') as Extract<MenuModel, { kind: 'submenu' }>).items;
    expect(sub(null).find((i) => i.kind === 'action' && i.action === 'resume-notifications')).toMatchObject({ enabled: false });
    expect(sub(now.getTime() + 1000).find((i) => i.kind === 'action' && i.action === 'resume-notifications')).toMatchObject({ enabled: true });
  });

  it.each<[Verdict | null, string]>([
    ['protected', 'protected'],
    ['unprotected-containers', 'needs-action'],
    ['pending-restart', 'needs-action'],
    ['off', 'unprotected'],
    ['engine-unreachable', 'inactive'],
    ['not-docker-desktop', 'inactive'],
    ['unsupported-version', 'inactive'],
    ['unknown', 'inactive'],
    [null, 'inactive'],
  ])('%s uses the %s icon', (verdict, family) => expect(iconFamily(verdict ? state(verdict) : null)).toBe(family));

  it('tooltip: verdict in words and the last verification time', () => {
    expect(tooltip({ ...base, state: state('off') })).toBe('ECI Tray: ECI is off (last verified 09:57)');
    expect(tooltip({ ...base, state: null })).toBe('ECI Tray: not checked yet (not verified yet)');
  });

  it.each<[string, MonitorState, string]>([
    ['no engine answers', state('engine-unreachable'), 'ECI: Docker is not running'],
    ['Docker Desktop paused by hand is named as paused, not as not running', state('engine-unreachable', { paused: true }), 'ECI: Docker Desktop is paused'],
    ['paused only matters for an unreachable engine', state('protected', { paused: true }), 'ECI: Protected'],
  ])('status line: %s', (_name, s, line) => {
    expect((trayMenu({ ...base, state: s })[0] as Extract<MenuModel, { kind: 'label' }>).text).toBe(line);
  });

  it('"until tomorrow" means tomorrow at 08:00', () => {
    expect(new Date(tomorrowMorning(now))).toEqual(new Date(2026, 10, 28, 8, 0));
  });
});
