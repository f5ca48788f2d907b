// The walkthrough's steps as a table: each row is a real situation (a report as a check would
// give it, the audit's count, what the user did before) and the status every step must show.

import { describe, expect, it } from 'vitest';
import { walkthroughView, type WalkthroughInput, type WalkthroughView } from './walkthrough';
import {
  ADMIN,
  AUTH,
  locked,
  NO_PROGRESS,
  old,
  rawEngine,
  removed,
  report,
  unreachable,
  USER,
  user,
  windows,
} from './testing/walkthrough-fixtures';

interface Row {
  name: string;
  input: Partial<WalkthroughInput>;
  target: 'on' | 'off';
  /** Status of steps 1..6. */
  statuses: string;
  /** step number -> text its "why" must contain. */
  why?: Record<number, string | RegExp>;
  /** step number -> its actions. */
  actions?: Record<number, string[]>;
  /** step number -> the one line it shows collapsed. */
  lines?: Record<number, string>;
  /** The header's title. */
  header?: string;
  complete?: boolean;
}

const rows: Row[] = [
  {
    name: 'not checked yet',
    input: { report: null },
    target: 'on',
    statuses: 'blocked todo todo todo todo todo',
    why: { 1: 'Docker Desktop is not running' },
  },
  {
    name: 'engine unreachable',
    input: { report: unreachable, containersOutsideEci: null },
    target: 'on',
    statuses: 'blocked todo todo todo todo todo',
    why: { 1: 'not running' },
    lines: {
      1: 'Docker Desktop is not running: start it, then check again.',
      2: 'Waits for step 1.',
      5: 'Waits for step 1.',
    },
    header: 'Step 1 of 6 is blocked: Prerequisites',
  },
  {
    name: 'not Docker Desktop',
    input: { report: rawEngine },
    target: 'on',
    statuses: 'blocked todo todo todo todo todo',
    why: { 1: 'not Docker Desktop (Docker Engine - Community)' },
  },
  {
    name: 'Docker Desktop 4.12',
    input: { report: old },
    target: 'on',
    statuses: 'blocked todo todo todo todo todo',
    why: { 1: 'Docker Desktop 4.12.0 is too old: ECI needs 4.13.0' },
  },
  {
    name: 'Windows containers',
    input: { report: windows },
    target: 'on',
    statuses: 'blocked todo todo todo todo todo',
    why: { 1: 'switch to Linux containers' },
  },
  {
    name: 'ECI off, two containers created without it',
    input: { report: report('off'), containersOutsideEci: 2 },
    target: 'on',
    statuses: 'done current todo todo todo todo',
    why: {
      1: 'Docker Desktop 4.37.1 is running',
      2: '2 containers from before ECI stay unprotected',
      3: 'Nothing asks for ECI yet',
      4: 'Waiting for the setting above',
      6: 'No container was removed',
    },
    actions: { 2: ['open-cleanup'], 4: [] },
  },
  {
    name: 'ECI off, no containers',
    input: { report: report('off'), containersOutsideEci: 0 },
    target: 'on',
    statuses: 'done done current todo todo todo',
    actions: { 2: [], 3: ['check'] },
  },
  {
    name: 'ECI off, switched off in the user settings',
    input: { report: report('off', { desired: user(false) }), containersOutsideEci: 0 },
    target: 'on',
    statuses: 'done done current todo todo todo',
    why: { 3: `ECI is switched off in your Docker Desktop settings (${USER})` },
  },
  {
    name: 'pending: a locked policy asks for ECI',
    input: {
      report: report('pending-restart', { desired: locked(true), effective: { eci: false } }),
      containersOutsideEci: 0,
    },
    target: 'on',
    statuses: 'done done done current todo todo',
    why: { 3: `an admin policy in ${ADMIN} (locked: you cannot change it)`, 4: 'saved but not in effect' },
    actions: { 4: ['relaunch'] },
    lines: {
      1: 'Checked: Docker Desktop 4.37.1 runs Linux containers.',
      3: 'ECI was turned on by an admin policy (locked).',
      4: 'The setting is saved but not in effect: it applies only after you quit and reopen Docker Desktop.',
      5: 'Waits for step 4.',
    },
    header: 'Step 4 of 6: Quit and reopen Docker Desktop',
  },
  {
    name: 'pending after a restart from the Docker menu',
    input: {
      report: report('pending-restart', { desired: locked(true), effective: { eci: false } }),
      containersOutsideEci: 0,
      menuRestartSeen: true,
    },
    target: 'on',
    statuses: 'done done done current todo todo',
    why: { 4: 'Restart from the Docker menu did not apply the setting: quit and reopen Docker Desktop' },
    actions: { 4: ['relaunch'] },
  },
  {
    name: 'pending, user setting on, admin-settings.json invalid',
    input: {
      report: report('pending-restart', {
        desired: user(true),
        effective: { eci: false },
        settingsProblems: [
          {
            file: ADMIN,
            kind: 'invalid-json',
            severity: 'error',
            message: 'Unexpected token',
            line: 3,
            column: 7,
            blocksDockerDesktop: true,
          },
        ],
      }),
      containersOutsideEci: 0,
    },
    target: 'on',
    statuses: 'done done done blocked todo todo',
    why: { 3: 'your Docker Desktop settings', 4: `${ADMIN} is invalid (line 3, column 7)` },
    lines: { 3: 'ECI was turned on in your Docker Desktop settings.', 5: 'Waits for step 4.' },
    header: 'Step 4 of 6 is blocked: Quit and reopen Docker Desktop',
  },
  {
    name: 'pending away from the target: the user switched ECI off while it is on',
    input: {
      report: report('pending-restart', { desired: user(false), effective: { eci: true } }),
      containersOutsideEci: 0,
    },
    target: 'on',
    statuses: 'done done current todo todo todo',
    why: { 3: 'switched off', 4: 'turn it back on first' },
    actions: { 4: [] },
  },
  {
    name: 'protected, containers removed in step 2 wait to be re-created',
    input: {
      report: report('protected', { desired: locked(true) }),
      containersOutsideEci: 0,
      progress: { ...NO_PROGRESS, removed: removed('web', 'db') },
    },
    target: 'on',
    statuses: 'done done done done done current',
    why: { 4: 'The setting is in effect', 5: 'Verified by probe containers', 6: 'web, db can be created again' },
    actions: { 6: ['recreate', 'skip-recreate'] },
    complete: false,
  },
  {
    name: 'protected, re-created',
    input: {
      report: report('protected', { desired: locked(true) }),
      containersOutsideEci: 0,
      progress: { removed: removed('web', 'db'), recreated: ['web', 'db'], skipRecreate: false },
    },
    target: 'on',
    statuses: 'done done done done done done',
    why: { 6: 'Re-created: web, db.' },
    lines: { 4: 'Applied: ECI is in effect.', 5: 'Verified by probe containers.', 6: 'Re-created under ECI: web, db.' },
    header: 'ECI is on and verified',
    complete: true,
  },
  {
    name: 'protected, re-creation skipped (can be undone)',
    input: {
      report: report('protected', { desired: locked(true) }),
      containersOutsideEci: 0,
      progress: { ...NO_PROGRESS, removed: removed('web'), skipRecreate: true },
    },
    target: 'on',
    statuses: 'done done done done done done',
    why: { 6: 'Skipped.' },
    actions: { 6: ['unskip-recreate'] },
    lines: { 6: 'Skipped re-creating web.' },
    complete: true,
  },
  {
    name: 'containers removed while ECI is still off: re-creating them waits',
    input: { report: report('off'), containersOutsideEci: 0, progress: { ...NO_PROGRESS, removed: removed('web') } },
    target: 'on',
    statuses: 'done done current todo todo todo',
    why: { 6: 'ECI must be in effect first, or web would run without it again.' },
    lines: { 2: 'Checked the containers: none from before ECI runs.', 4: 'Waits for step 3.', 6: 'Waits for step 3.' },
    header: 'Step 3 of 6: Turn ECI on',
  },
  {
    name: 'ECI on, old containers still run without it',
    input: { report: report('unprotected-containers', { desired: locked(true) }), containersOutsideEci: 3 },
    target: 'on',
    statuses: 'done current todo todo todo todo',
    why: { 2: '3 containers from before ECI' },
  },
  {
    name: 'ECI on, the audit failed: the verified report still counts the containers',
    input: {
      report: report('unprotected-containers', {
        desired: { eci: null, source: 'not-found-locally' },
        unprotectedContainers: [
          { id: 'a'.repeat(64), name: 'old', image: 'busybox', state: 'running', created: '', runtime: 'runc' },
        ],
      }),
      containersOutsideEci: null,
    },
    target: 'on',
    statuses: 'done current todo todo todo todo',
    why: {
      2: '1 container from before ECI stays unprotected',
      3: 'no local file (ECI is on, likely through a Docker Home policy)',
    },
  },
  {
    name: 'the probe could not run (no probe image)',
    input: { report: report('unknown', { desired: locked(true), effective: { eci: null } }), containersOutsideEci: 0 },
    target: 'on',
    statuses: 'done done done current todo todo',
    why: { 5: 'Run the four checks' },
  },
  {
    name: 'reverse: a locked policy turns ECI off, pending',
    input: {
      report: report('pending-restart', { desired: locked(false), effective: { eci: true } }),
      containersOutsideEci: 2,
    },
    target: 'off',
    statuses: 'done done done current todo todo',
    why: {
      2: 'Nothing to clean up',
      3: `ECI is set to off by an admin policy in ${ADMIN} (locked`,
      4: 'saved but not in effect',
    },
    actions: { 2: [], 3: [], 4: ['relaunch'] },
  },
  {
    name: 'reverse: after the relaunch ECI is verified off',
    input: {
      report: report('off', { desired: locked(false) }),
      containersOutsideEci: 2,
      progress: { ...NO_PROGRESS, removed: removed('web') },
    },
    target: 'off',
    statuses: 'done done done done done done',
    why: { 5: 'Verified by probe containers', 6: 'Not needed when ECI is being turned off' },
    actions: { 6: [] },
    lines: {
      2: 'Nothing to clean up: ECI is being turned off.',
      3: `ECI was set to off by an admin policy (locked).`,
      4: 'Applied: ECI is off now.',
      5: 'Verified off by probe containers.',
    },
    header: 'ECI is off, as the policy asks, and verified',
    complete: true,
  },
];

const view = (input: Partial<WalkthroughInput>): WalkthroughView =>
  walkthroughView({ report: null, containersOutsideEci: null, auth: AUTH, progress: NO_PROGRESS, ...input });

describe('walkthroughView', () => {
  it.each(rows)('$name', (row) => {
    const v = view(row.input);
    expect(v.target).toBe(row.target);
    expect(v.steps.map((s) => s.status).join(' ')).toBe(row.statuses);
    expect(v.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const [n, text] of Object.entries(row.why ?? {}))
      expect(v.steps[Number(n) - 1]!.why, `step ${n}`).toMatch(
        typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text,
      );
    for (const [n, actions] of Object.entries(row.actions ?? {}))
      expect(v.steps[Number(n) - 1]!.actions, `step ${n} actions`).toEqual(actions);
    for (const [n, line] of Object.entries(row.lines ?? {}))
      expect(v.steps[Number(n) - 1]!.line, `step ${n} line`).toBe(line);
    if (row.header !== undefined) expect(v.header.title).toBe(row.header);
    if (row.complete !== undefined) expect(v.complete).toBe(row.complete);
    // A step not reached yet says only what it waits for: never a verdict of checks that did not apply.
    for (const s of v.steps.filter((x) => x.status === 'todo')) expect(s.line).toMatch(/^Waits for step \d\.$/);
    // Done steps read in the past tense, never as a reason to act.
    for (const s of v.steps.filter((x) => x.status === 'done'))
      expect(s.line).toMatch(/^(Checked|ECI was|Applied|Verified|Re-created|Skipped|Nothing)/);
    // At most one step is current, and nothing after a blocked or current step is done-by-default.
    expect(v.steps.filter((s) => s.status === 'current').length).toBeLessThanOrEqual(1);
    // No "Done" on a step that has not come yet: everything after the first step not done waits.
    const first = v.steps.findIndex((s) => s.status !== 'done');
    if (first >= 0)
      expect(v.steps.slice(first + 1).map((s) => s.status)).toEqual(v.steps.slice(first + 1).map(() => 'todo'));
  });

  it.each(rows.filter((r) => r.target === 'off'))(
    'the reverse case never tells the user to turn ECI on: $name',
    (row) => {
      const text = JSON.stringify(view(row.input));
      expect(text).not.toMatch(
        /Turn ECI on|turn on Enhanced|Use Enhanced Container Isolation|value true|ECI is on and verified/,
      );
      expect(view(row.input).steps[2]!.title).toBe('A policy turns ECI off');
      expect(view(row.input).steps[4]!.title).toBe('Verify that ECI is off');
    },
  );

  it.each([
    [
      'signed in',
      { signedIn: true, detail: 'Logged in as dev@example.com' },
      'Signed in: Logged in as dev@example.com',
    ],
    [
      'signed out',
      { signedIn: false, detail: 'Not logged in' },
      'Not signed in (Not logged in). admin-settings.json applies only while you are signed in to your Docker organization.',
    ],
    [
      'unknown',
      { signedIn: null, detail: 'Open Docker Desktop and look at the account menu' },
      'Sign-in unknown. Open Docker Desktop',
    ],
  ] as const)('prerequisites say how sign-in stands: %s', (_name, auth, text) => {
    expect(view({ report: report('off'), auth }).steps[0]!.detail[0]).toContain(text);
  });

  it('the verify step shows each check with its raw observation', () => {
    const v = view({ report: report('protected', { desired: locked(true) }), containersOutsideEci: 0 });
    expect(v.steps[4]!.detail).toEqual([
      'uid-map: isolated (0 100000 65536)',
      'runtime: isolated (sysbox-runc)',
      expect.stringContaining('host-pid-namespace: isolated'),
      expect.stringContaining('docker-socket-mount: isolated'),
    ]);
  });
});
