import { describe, expect, it } from 'vitest';
import type { AdviceCode } from '../model';
import type { MonitorState } from './monitor-state';
import type { DesiredState, Verdict } from '../model';
import { VERDICTS } from '../model';
import { wordCount } from '../words';
import {
  iconFamily,
  recentLabel,
  tomorrowMorning,
  tooltip,
  trayMenu,
  whenWord,
  type MenuModel,
  type TrayInput,
} from './tray-menu';

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
    i.kind === 'separator'
      ? '---'
      : i.kind === 'submenu'
        ? `${i.label} >`
        : i.kind === 'checkbox'
          ? `${i.checked ? '[x]' : '[ ]'} ${i.label}`
          : `${i.label}${i.enabled ? '' : ' (disabled)'}`,
  );

/** Every row, submenus included. */
const flat = (items: MenuModel[]): MenuModel[] =>
  items.flatMap((i) => (i.kind === 'submenu' ? [i, ...flat(i.items)] : [i]));
const textOf = (i: MenuModel): string => (i.kind === 'separator' ? '' : i.label);
const policyOn: DesiredState = { eci: true, source: 'admin-locked' };

const TAIL = [
  '---',
  'Copy report for IT',
  'Pause notifications >',
  '[ ] Start at login',
  'Preferences…',
  'About ECI Tray 1.4.0',
  '---',
  'Quit ECI Tray',
];

describe('tray menu', () => {
  const base: TrayInput = {
    checking: false,
    pausedUntil: null,
    startAtLogin: false,
    now,
    version: '1.4.0',
    recent: [],
    state: null,
  };
  it.each<[string, TrayInput, string[]]>([
    [
      'not checked yet',
      { ...base, checking: true },
      ['ECI: checking…', '---', 'Checking… (disabled)', 'ECI walkthrough…', 'Details…', ...TAIL],
    ],
    [
      'protected: no walkthrough',
      { ...base, state: state('protected') },
      ['ECI: On and verified', '---', 'Check now', 'Details…', ...TAIL],
    ],
    [
      'pending: the full quit right under the status',
      { ...base, state: state('pending-restart', { desired: policyOn, advice: ['full-quit-required'] }) },
      ['ECI: Pending', 'Quit and reopen Docker Desktop…', '---', 'Check now', 'ECI walkthrough…', 'Details…', ...TAIL],
    ],
    [
      "pending, the user's own setting: how to apply it in Docker Desktop",
      { ...base, state: state('pending-restart', { advice: ['apply-and-restart'] }) },
      ['ECI: Pending', 'How to apply it…', '---', 'Check now', 'ECI walkthrough…', 'Details…', ...TAIL],
    ],
    [
      'not applied: why, not a relaunch',
      { ...base, state: state('not-applied', { desired: policyOn }) },
      [
        'ECI: Setting not applied',
        'Why it did not apply…',
        '---',
        'Check now',
        'ECI walkthrough…',
        'Details…',
        ...TAIL,
      ],
    ],
    [
      'off: turn it on (the walkthrough), once',
      { ...base, state: state('off', { desired: { eci: false, source: 'user' } }) },
      ['ECI: Off', 'Turn ECI on…', '---', 'Check now', 'Details…', ...TAIL],
    ],
    [
      'off by policy: no fix to offer',
      { ...base, state: state('off', { desired: { eci: false, source: 'admin-locked' } }) },
      ['ECI: Off by policy', '---', 'Check now', 'ECI walkthrough…', 'Details…', ...TAIL],
    ],
    [
      'old containers: review them, once',
      { ...base, state: state('unprotected-containers', { containers: 3 }) },
      [
        'ECI: On · 3 to review',
        'Containers from before ECI (3)…',
        '---',
        'Check now',
        'ECI walkthrough…',
        'Details…',
        ...TAIL,
      ],
    ],
    [
      'Docker not running: start it',
      { ...base, state: state('engine-unreachable') },
      [
        'ECI: Docker is not running',
        'Start Docker Desktop',
        '---',
        'Check now',
        'ECI walkthrough…',
        'Details…',
        ...TAIL,
      ],
    ],
    [
      'could not verify: Check now is the fix',
      { ...base, state: state('unknown') },
      ['ECI: Cannot verify', '---', 'Check now', 'ECI walkthrough…', 'Details…', ...TAIL],
    ],
    [
      'recent changes: the last three, newest first',
      {
        ...base,
        state: state('protected'),
        recent: [
          { at: new Date(2026, 10, 27, 9, 2).toISOString(), from: 'pending-restart', verdict: 'protected' },
          { at: new Date(2026, 10, 26, 17, 0).toISOString(), from: 'off', verdict: 'pending-restart' },
          { at: new Date(2026, 10, 10, 8, 0).toISOString(), from: null, verdict: 'off' },
          { at: new Date(2026, 10, 9, 8, 0).toISOString(), from: null, verdict: 'unknown' },
        ],
      },
      ['ECI: On and verified', '---', 'Check now', 'Details…', 'Recent changes >', ...TAIL],
    ],
  ])('%s', (_name, input, expected) => {
    expect(labels(trayMenu(input))).toEqual(expected);
  });

  it('recent changes: when in one word, the change in short words', () => {
    expect(whenWord(new Date(2026, 10, 27, 9, 2), now)).toBe('09:02');
    expect(whenWord(new Date(2026, 10, 26, 23, 0), now)).toBe('Thu');
    expect(whenWord(new Date(2026, 10, 10, 8, 0), now)).toBe('11-10');
    const sub = trayMenu({
      ...base,
      state: state('protected'),
      recent: [
        { at: new Date(2026, 10, 27, 9, 2).toISOString(), from: 'pending-restart', verdict: 'protected' },
        { at: new Date(2026, 10, 26, 17, 0).toISOString(), from: 'off', verdict: 'pending-restart' },
        { at: new Date(2026, 10, 10, 8, 0).toISOString(), from: null, verdict: 'off' },
        { at: new Date(2026, 10, 9, 8, 0).toISOString(), from: null, verdict: 'unknown' },
      ],
    }).find((i) => i.kind === 'submenu' && i.label === 'Recent changes');
    expect(sub?.kind === 'submenu' && sub.items).toEqual([
      { kind: 'action', action: 'open-details', label: '09:02 Pending → Protected', enabled: true },
      { kind: 'action', action: 'open-details', label: 'Thu Off → Pending', enabled: true },
      { kind: 'action', action: 'open-details', label: '11-10 Off', enabled: true },
    ]);
  });

  // Every state (each verdict, with and without containers, paused or not, with the widest
  // change), the menu: at most five words a row, and no greyed row but "Checking…".
  const everyInput: TrayInput[] = [null, ...VERDICTS].flatMap((v) =>
    [0, 12].flatMap((containers) =>
      [false, true].flatMap((paused) =>
        [
          { advice: [] as AdviceCode[] },
          { advice: ['apply-and-restart'] as AdviceCode[] },
          { advice: ['menu-restart-insufficient'] as AdviceCode[] },
        ].map((a) => ({
          ...base,
          checking: paused,
          pausedUntil: paused ? now.getTime() + 3_600_000 : null,
          state: v ? state(v, { containers, paused, desired: policyOn, advice: a.advice }) : null,
          recent: VERDICTS.map((to, i) => ({
            at: new Date(2026, 10, 20 + (i % 7), 9).toISOString(),
            from: VERDICTS[(i + 1) % VERDICTS.length]!,
            verdict: to,
          })),
        })),
      ),
    ),
  );

  it(`every state × menu (${everyInput.length}): each row at most five words`, () => {
    for (const input of everyInput)
      for (const row of flat(trayMenu(input))) expect(wordCount(textOf(row)), textOf(row)).toBeLessThanOrEqual(5);
    // And every change the log can hold.
    for (const from of [null, ...VERDICTS])
      for (const to of VERDICTS)
        for (const at of [new Date(2026, 10, 27, 9), new Date(2026, 10, 24), new Date(2026, 9, 1)])
          expect(wordCount(recentLabel({ at: at.toISOString(), from, verdict: to }, now))).toBeLessThanOrEqual(5);
  });

  it('every state × menu: no greyed rows but "Checking…", the fix right under the status', () => {
    for (const input of everyInput) {
      const rows = flat(trayMenu(input));
      const greyed = rows.filter((r) => r.kind === 'action' && !r.enabled).map(textOf);
      expect(greyed).toEqual(input.checking ? ['Checking…'] : []);
      const menu = trayMenu(input);
      // The status, then the fix if any, then a separator.
      expect(menu.findIndex((r) => r.kind === 'separator')).toBeLessThanOrEqual(2);
      expect(labels(menu).filter((l) => l === 'ECI walkthrough…' || l === 'Turn ECI on…').length).toBeLessThanOrEqual(
        1,
      );
      if (input.state?.report.verdict === 'protected') expect(labels(menu)).not.toContain('ECI walkthrough…');
    }
  });

  it('recent changes: the state it changed to alone when both states do not fit in five words', () => {
    const at = new Date(2026, 10, 27, 9, 2).toISOString();
    expect(recentLabel({ at, from: 'unprotected-containers', verdict: 'protected' }, now)).toBe(
      '09:02 From before ECI → Protected',
    );
    expect(recentLabel({ at, from: 'unprotected-containers', verdict: 'not-applied' }, now)).toBe('09:02 Not applied');
    expect(recentLabel({ at, from: 'off', verdict: 'unprotected-containers' }, now)).toBe(
      '09:02 Off → From before ECI',
    );
  });

  it('word count: "·", "→" and "…" are not words', () => {
    expect(wordCount('ECI: On · 3 to review')).toBe(5);
    expect(wordCount('09:02 Pending → Not applied')).toBe(4);
    expect(wordCount('Quit and reopen Docker Desktop…')).toBe(5);
  });

  it('resume is offered only while paused', () => {
    const sub = (pausedUntil: number | null) =>
      trayMenu({ ...base, state: state('protected'), pausedUntil }).find(
        (i) => i.kind === 'submenu' && i.label !== 'Recent changes',
      ) as Extract<MenuModel, { kind: 'submenu' }>;
    expect(labels(sub(null).items)).toEqual(['For 1 hour', 'Until tomorrow']);
    expect(sub(now.getTime() + 3_600_000).label).toBe('Notifications paused until 11:05');
    expect(labels(sub(now.getTime() + 3_600_000).items)).toEqual([
      'For 1 hour',
      'Until tomorrow',
      'Resume notifications',
    ]);
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
    expect(trayMenu({ ...base, state: s })[0]).toMatchObject({ kind: 'action', action: 'open-details', label: line });
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
    for (const input of everyInput) {
      const text = flat(trayMenu(input)).map(textOf).join('\n');
      expect(text).not.toMatch(
        /effective setting|desired setting|ECI: ECI|pending-restart|not-applied|engine-unreachable|full restart|\brestart\b/i,
      );
    }
  });
});
