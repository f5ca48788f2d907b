// Every surface's words for every state, in one table: the tray's two lines, the notification a
// change from "protected" raises, the way forward in the app (with its button) and in the CLI
// (with its command). Rules that hold across all of them are checked on every row.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertInputOf, decideAlerts, DEFAULT_PREFS, EMPTY_HISTORY } from './alerts/alert-policy';
import type { CheckReport, DesiredState, NotAppliedCause, SettingsProblem, Verdict } from './model';
import type { AdviceCode } from './model';
import type { MonitorState } from './monitor/monitor-state';
import { sinceLine, statusLine } from './monitor/tray-menu';
import { wayForward } from './verify/way-forward';
import { beforeEciNotice, beforeEciRun, beforeEciStepWhy, removeBeforeEci } from './words';

interface Row {
  verdict: Verdict;
  desired?: DesiredState;
  advice?: AdviceCode[];
  containers?: number;
  paused?: boolean;
  problems?: SettingsProblem[];
  checks?: CheckReport['checks'];
  notAppliedCause?: NotAppliedCause;
}

function state(r: Row): MonitorState {
  return {
    seq: 1,
    at: '2026-12-01T12:31:00',
    trigger: 'request',
    changed: ['verdict'],
    advice: r.advice ?? [],
    engine: { connected: r.verdict !== 'engine-unreachable', lostSince: null, restarts: 0 },
    verifiedAt: '2026-12-01T12:31:00',
    verdictSince: '2026-12-01T09:02:00',
    probeRuns: 1,
    report: {
      verdict: r.verdict,
      reason: 'why',
      desired: r.desired ?? { eci: true, source: 'user' },
      effective: { eci: r.verdict === 'protected' || r.verdict === 'unprotected-containers' },
      engine: {
        reachable: r.verdict !== 'engine-unreachable',
        desktop: r.verdict !== 'not-docker-desktop',
        version: '4.76.0',
        platformName: null,
        operatingSystem: null,
        paused: r.paused === true,
      },
      checks: r.checks ?? [],
      settingsProblems: r.problems ?? [],
      unprotectedContainers: Array.from({ length: r.containers ?? 0 }, (_, i) => ({ id: `id${i}`, name: `app-${i}` })),
      probeImage: 'alpine:latest',
      ...(r.notAppliedCause ? { notAppliedCause: r.notAppliedCause } : {}),
    } as unknown as CheckReport,
  };
}

const broken: SettingsProblem = {
  file: '/etc/admin-settings.json',
  kind: 'invalid-json',
  severity: 'error',
  message: 'Invalid JSON',
  line: 2,
  column: 9,
  blocksDockerDesktop: true,
} as SettingsProblem;
const policyOff: DesiredState = { eci: false, source: 'admin-locked', file: '/etc/admin-settings.json' };
const policyOn: DesiredState = { eci: true, source: 'admin-locked', file: '/etc/admin-settings.json' };
const notApplied = (cause: NotAppliedCause): Row => ({
  verdict: 'not-applied',
  desired: policyOn,
  notAppliedCause: cause,
  advice: ['setting-not-applied'],
});

// [what, state, tray status, tray second line, notification title (from protected) or null, app button or null, CLI command or null]
// No notification: engine alerts are off by default, and "could not verify" waits for a second check.
const TABLE: Array<[string, Row, string, string, string | null, string | null, string | null]> = [
  [
    'protected',
    { verdict: 'protected' },
    'ECI: On and verified',
    'Checked 12:31 · protected since 09:02',
    null,
    null,
    null,
  ],
  [
    'old containers',
    { verdict: 'unprotected-containers', containers: 2 },
    'ECI: On · 2 to review',
    'Checked 12:31 · containers from before ECI since 09:02',
    '2 containers run without ECI',
    'Review 2 containers…',
    'eci-tray cleanup --plan',
  ],
  [
    'only kind nodes from before ECI',
    { verdict: 'unprotected-containers', containers: 0 },
    'ECI: On · Kubernetes nodes',
    'Checked 12:31 · containers from before ECI since 09:02',
    null,
    null,
    null,
  ],
  [
    'pending',
    { verdict: 'pending-restart', desired: policyOn, advice: ['full-quit-required'] },
    'ECI: Pending',
    'Checked 12:31 · pending since 09:02',
    'Pending: quit and reopen Docker Desktop',
    'Quit and reopen Docker Desktop…',
    'eci-tray relaunch',
  ],
  [
    'pending after a menu restart',
    { verdict: 'pending-restart', desired: policyOn, advice: ['menu-restart-insufficient', 'full-quit-required'] },
    'ECI: Pending',
    'Checked 12:31 · pending since 09:02',
    'Pending: quit and reopen Docker Desktop',
    'Quit and reopen Docker Desktop…',
    'eci-tray relaunch',
  ],
  [
    "pending: the user's own setting (Desktop's own restart applies it)",
    { verdict: 'pending-restart', desired: { eci: true, source: 'user' }, advice: ['apply-and-restart'] },
    'ECI: Pending',
    'Checked 12:31 · pending since 09:02',
    'Apply and restart in Docker Desktop',
    null,
    null,
  ],
  [
    'not applied: not signed in',
    notApplied('not-signed-in'),
    'ECI: Setting not applied',
    'Checked 12:31 · not applied since 09:02',
    'Setting not applied',
    null,
    null,
  ],
  [
    "not applied: the user's own value wins",
    notApplied('user-value-wins'),
    'ECI: Setting not applied',
    'Checked 12:31 · not applied since 09:02',
    'Setting not applied',
    'Turn ECI on…',
    null,
  ],
  [
    'not applied: too old for ECI on WSL 2',
    notApplied('too-old-for-backend'),
    'ECI: Setting not applied',
    'Checked 12:31 · not applied since 09:02',
    'Setting not applied',
    null,
    null,
  ],
  [
    'not applied: cause unknown',
    notApplied('unknown'),
    'ECI: Setting not applied',
    'Checked 12:31 · not applied since 09:02',
    'Setting not applied',
    null,
    null,
  ],
  [
    'off',
    { verdict: 'off', desired: { eci: false, source: 'default' } },
    'ECI: Off',
    'Checked 12:31 · off since 09:02',
    'ECI is off',
    'Turn ECI on…',
    'eci-tray policy set-eci on',
  ],
  [
    'off by policy',
    { verdict: 'off', desired: policyOff },
    'ECI: Off by policy',
    'Checked 12:31 · off since 09:02',
    'ECI turned off by your admin',
    null,
    null,
  ],
  [
    'not running',
    { verdict: 'engine-unreachable', advice: ['start-docker-desktop'] },
    'ECI: Docker is not running',
    'Checked 12:31 · not running since 09:02',
    null,
    'Start Docker Desktop',
    'docker desktop start',
  ],
  [
    'paused',
    { verdict: 'engine-unreachable', paused: true, advice: ['unpause-docker-desktop'] },
    'ECI: Docker Desktop is paused',
    'Checked 12:31 · not running since 09:02',
    null,
    null,
    null,
  ],
  [
    'not Docker Desktop',
    { verdict: 'not-docker-desktop' },
    'ECI: Not Docker Desktop',
    'Checked 12:31 · not Docker Desktop since 09:02',
    'Not Docker Desktop',
    null,
    'docker context use desktop-linux',
  ],
  [
    'too old',
    { verdict: 'unsupported-version' },
    'ECI: Docker Desktop too old',
    'Checked 12:31 · too old for ECI since 09:02',
    'Docker Desktop too old for ECI',
    null,
    null,
  ],
  [
    'cannot verify: no probe image',
    { verdict: 'unknown', checks: [{ id: 'uid-map', result: 'error', observation: 'No such image: alpine:latest' }] },
    'ECI: Cannot verify',
    'Checked 12:31 · unverified since 09:02',
    null,
    null,
    'docker pull alpine:latest',
  ],
  [
    'broken policy file',
    {
      verdict: 'pending-restart',
      desired: policyOn,
      problems: [broken],
      advice: ['fix-admin-settings', 'full-quit-required'],
    },
    'ECI: Pending',
    'Checked 12:31 · pending since 09:02',
    'Pending: quit and reopen Docker Desktop',
    'Open the file',
    'eci-tray policy validate "/etc/admin-settings.json"',
  ],
];

describe('the words of every surface, state by state', () => {
  it.each(TABLE)('%s', (_what, row, tray, second, notification, button, command) => {
    const s = state(row);
    expect(statusLine(s, false)).toBe(tray);
    expect(sinceLine(s)).toBe(second);
    const protectedBefore = state({ verdict: 'protected' });
    const sent = decideAlerts(
      alertInputOf(protectedBefore),
      alertInputOf(s),
      DEFAULT_PREFS,
      EMPTY_HISTORY,
      0,
    ).notifications;
    expect(sent[0]?.title ?? null).toBe(notification);
    const app = wayForward(s.report, s.advice, 'app');
    const cli = wayForward(s.report, s.advice, 'cli');
    expect(app.action?.label ?? null).toBe(button);
    expect(cli.command).toBe(command);

    // Across every surface: the full quit is never called a restart, no internal names or codes.
    const all = [
      tray,
      second,
      ...sent.flatMap((n) => [n.title, n.body]),
      app.text,
      cli.text,
      app.action?.label ?? '',
    ].join('\n');
    expect(all).not.toMatch(/full restart|restart (it|Docker Desktop)|quit .*fully|relaunch Docker/i);
    expect(all).not.toMatch(
      /pending-restart|not-applied|unprotected-containers|engine-unreachable|not-docker-desktop|unsupported-version|effective setting|desired setting|ECI: ECI/,
    );
  });
});

// One wording per sentence: a surface that types one of these itself (instead of taking it from
// the words module) fails here. Tests and the words module (and the time module) are exempt.
describe('each sentence is worded in one place', () => {
  const root = join(__dirname, '..', '..');
  const sources = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? sources(join(dir, e.name))
        : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
          ? [join(dir, e.name)]
          : [],
    );
  const homes = new Set(['main/core/words.ts', 'main/core/text/time.ts']);
  const files = [...sources('main'), ...sources('renderer')].filter((f) => !homes.has(f.replace(/\\/g, '/')));
  it.each([
    ['the full quit (FULL_QUIT)', /[Qq]uit and reopen Docker Desktop/],
    ['the menu restart (MENU_RESTART_NOT_ENOUGH, MENU_RESTART_DID_NOT_APPLY)', /menu (is not enough|did not apply)/],
    ['the sign-in caveat (SIGN_IN_APPLIES)', /applies only while you are signed in|signed in to your/],
    ["Docker's spelling, organization", /organisation/i],
    [
      'containers from before ECI (beforeEci)',
      /created without ECI|old containers? without|unprotected containers \(/i,
    ],
    ['the time of day (formatTime)', /getHours\(\)|toLocaleTimeString|slice\(11, ?(16|19)\)/],
  ])('%s', (_what, typed) => {
    const offenders = files.filter((f) => typed.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

// Grammar follows the count: 0 and 2 take the plural, 1 the singular, in every counted sentence.
describe('counted sentences agree with their count', () => {
  it.each([
    [
      0,
      '0 containers from before ECI run',
      'they keep',
      'stay unprotected',
      'remove them',
      '0 containers run without ECI',
    ],
    [
      1,
      '1 container from before ECI runs',
      'it keeps',
      'stays unprotected',
      'remove it',
      '1 container runs without ECI',
    ],
    [
      2,
      '2 containers from before ECI run',
      'they keep',
      'stay unprotected',
      'remove them',
      '2 containers run without ECI',
    ],
  ])('%i', (n, run, keep, stay, remove, title) => {
    expect(beforeEciRun(n)).toBe(run);
    expect(removeBeforeEci(n)).toContain(`: ${keep} running without ECI.`);
    expect(beforeEciStepWhy(n === 0 ? 2 : n)).toContain(n === 1 ? stay : 'stay unprotected');
    if (n > 0) expect(beforeEciStepWhy(n)).toContain(remove);
    const notice = beforeEciNotice(n, ['a', 'b'].slice(0, n));
    expect(notice.title).toBe(title);
    expect(notice.body).toMatch(n === 1 ? / was created .* re-create it\.$/ : / were created .* re-create them\.$/);
  });
});
