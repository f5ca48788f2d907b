import { describe, expect, it } from 'vitest';
import type { AdviceCode, MonitorState } from './monitor-state';
import type { DesiredState, Verdict } from '../model';
import { iconFamily, tomorrowMorning, tooltip, trayMenu, type MenuModel } from './tray-menu';

const now = new Date(2026, 10, 27, 10, 5);
function state(
  verdict: Verdict,
  extra: { advice?: AdviceCode[]; containers?: number; paused?: boolean; desired?: DesiredState } = {},
): MonitorState {
  return {
    advice: extra.advice ?? [],
    changed: ['verdict', 'containers'],
    at: new Date(2026, 10, 27, 9, 58).toISOString(),
    verifiedAt: new Date(2026, 10, 27, 9, 57).toISOString(),
    verdictSince: new Date(2026, 10, 27, 9, 2).toISOString(),
    report: {
      verdict,
      desired: extra.desired ?? { eci: true, source: 'user' },
      checks: [],
      settingsProblems: [],
      unprotectedContainers: Array.from({ length: extra.containers ?? 0 }, (_, i) => ({ id: String(i) })),
      engine: { paused: extra.paused === true },
    },
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
      [
        '[ECI: On and verified]',
        '[Checked 09:57 · protected since 09:02]',
        '---',
        'Check now',
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
      'pending, with the menu-restart warning',
      {
        ...base,
        state: state('pending-restart', {
          desired: { eci: true, source: 'admin-locked' },
          advice: ['full-quit-required'],
        }),
      },
      [
        '[ECI: Pending · quit and reopen Docker Desktop]',
        '[Checked 09:57 · pending since 09:02]',
        '---',
        'Check now',
        'Quit and reopen Docker Desktop…',
        '[Restart from the Docker menu is not enough]',
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
        '[ECI: On · 3 containers from before ECI]',
        '[Checked 09:57 · containers from before ECI since 09:02]',
        '---',
        'Check now',
        'Review 3 containers from before ECI…',
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
      [
        '[ECI: checking…]',
        '---',
        'Checking… (disabled)',
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
      'paused notifications',
      { ...base, pausedUntil: new Date(2026, 10, 27, 11, 5).getTime(), state: state('off') },
      [
        '[ECI: Off]',
        '[Checked 09:57 · off since 09:02]',
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
    expect(
      labels(
        trayMenu({
          ...base,
          state: state('pending-restart', {
            desired: { eci: true, source: 'admin-locked' },
            advice: ['menu-restart-insufficient', 'full-quit-required'],
          }),
        }),
      ),
    ).toContain('[Restart from the Docker menu did not apply the setting]');
  });

  it('resume is offered only while paused', () => {
    const sub = (p: number | null) =>
      (
        trayMenu({ ...base, pausedUntil: p, state: null }).find((i) => i.kind === 'submenu') as Extract<
          MenuModel,
          { kind: 'submenu' }
        >
      ).items;
    expect(sub(null).find((i) => i.kind === 'action' && i.action === 'resume-notifications')).toMatchObject({
      enabled: false,
    });
    expect(
      sub(now.getTime() + 1000).find((i) => i.kind === 'action' && i.action === 'resume-notifications'),
    ).toMatchObject({ enabled: true });
  });

  it.each<[Verdict | null, string]>([
    ['protected', 'protected'],
    ['unprotected-containers', 'needs-action'],
    ['pending-restart', 'needs-action'],
    ['off', 'unprotected'],
    ['engine-unreachable', 'inactive'],
    ['not-docker-desktop', 'inactive'],
    ['unsupported-version', 'needs-action'],
    ['unknown', 'needs-action'],
    [null, 'inactive'],
  ])('%s uses the %s icon', (verdict, family) => expect(iconFamily(verdict ? state(verdict) : null)).toBe(family));

  it('tooltip: verdict in words and the last verification time', () => {
    expect(tooltip({ ...base, state: state('off') })).toBe('ECI Tray: Off (checked 09:57)');
    expect(tooltip({ ...base, state: null })).toBe('ECI Tray: not checked yet (not checked yet)');
  });

  it.each<[string, MonitorState, string]>([
    ['no engine answers', state('engine-unreachable'), 'ECI: Docker is not running'],
    [
      'Docker Desktop paused by hand is named as paused, not as not running',
      state('engine-unreachable', { paused: true }),
      'ECI: Docker Desktop is paused',
    ],
    ['paused only matters for an unreachable engine', state('protected', { paused: true }), 'ECI: On and verified'],
    [
      'off on purpose by a policy: said so, no alarm',
      state('off', { desired: { eci: false, source: 'admin-locked' } }),
      'ECI: Off by policy',
    ],
    ['off by the user', state('off', { desired: { eci: false, source: 'user' } }), 'ECI: Off'],
    ['an engine that runs but cannot be verified', state('unknown'), 'ECI: Cannot verify'],
  ])('status line: %s', (_name, s, line) => {
    expect((trayMenu({ ...base, state: s })[0] as Extract<MenuModel, { kind: 'label' }>).text).toBe(line);
  });

  it('"until tomorrow" means tomorrow at 08:00', () => {
    expect(new Date(tomorrowMorning(now))).toEqual(new Date(2026, 10, 28, 8, 0));
  });

  it('ECI off by an admin policy gets no red alarm icon; off by the user does', () => {
    expect(iconFamily(state('off', { desired: { eci: false, source: 'admin-locked' } }))).toBe('inactive');
    expect(iconFamily(state('off', { desired: { eci: false, source: 'admin-unlocked' } }))).toBe('inactive');
    expect(iconFamily(state('off', { desired: { eci: false, source: 'user' } }))).toBe('unprotected');
  });

  it('offers to start Docker Desktop when no engine answers, but not when it is paused', () => {
    const actions = (s: MonitorState) =>
      trayMenu({ ...base, state: s }).flatMap((i) => (i.kind === 'action' ? [i.action] : []));
    expect(actions(state('engine-unreachable'))).toContain('start-desktop');
    expect(actions(state('engine-unreachable', { paused: true }))).not.toContain('start-desktop');
    expect(actions(state('protected'))).not.toContain('start-desktop');
  });

  it('never calls the full quit a restart, and never shows internal names', () => {
    for (const v of [
      'protected',
      'unprotected-containers',
      'pending-restart',
      'not-applied',
      'off',
      'engine-unreachable',
      'not-docker-desktop',
      'unsupported-version',
      'unknown',
    ] as Verdict[]) {
      const text = labels(
        trayMenu({
          ...base,
          state: state(v, {
            containers: 2,
            desired: { eci: true, source: 'admin-locked' },
            advice: ['full-quit-required'],
          }),
        }),
      ).join('\n');
      expect(text).not.toMatch(
        /effective setting|desired setting|ECI: ECI|pending-restart|not-applied|engine-unreachable|full restart/,
      );
      expect(text).not.toMatch(/^(?!.*Restart from the Docker menu).*\brestart\b/im);
    }
    // The user's own setting: Docker Desktop's own button, "Apply and restart", is named as Docker names it.
    const own = labels(trayMenu({ ...base, state: state('pending-restart', { advice: ['apply-and-restart'] }) }));
    expect(own).toContain("[Apply and restart in Docker Desktop's Settings]");
    expect(own.join('\n')).not.toContain('Quit and reopen');
  });
});
