// The walkthrough's one-glance words as tables: the header for each situation, the past-tense
// line of each done step, the line of a step not reached yet, and the clock time.

import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../model';
import { clockTime, DONE_LINE, waitsLine, walkthroughHeader, type HeaderInput } from './walkthrough-words';

// Local wall-clock times, so the table holds in every time zone the tests run in.
const local = (h: number, m: number) => new Date(2026, 11, 1, h, m, 41).toISOString();
const ADMIN = '/etc/docker-desktop/admin-settings.json';

describe('walkthroughHeader', () => {
  const base: HeaderInput = { target: 'on', complete: false, total: 6, at: null, verifiedAt: null };
  it.each([
    [
      'done, ECI on, with the time it was verified',
      { complete: true, verifiedAt: local(12, 27) },
      'Walkthrough done',
      'ECI is on and verified, 12:27',
      'ok',
    ],
    [
      'done, ECI on, never verified (no time is made up)',
      { complete: true },
      'Walkthrough done',
      'ECI is on and verified',
      'ok',
    ],
    [
      'done, a policy turned ECI off',
      { target: 'off', complete: true, verifiedAt: local(9, 5) },
      'Walkthrough done',
      'ECI is off, as the policy asks, and verified, 09:05',
      'ok',
    ],
    [
      'at step 4',
      {
        at: {
          number: 4,
          title: 'Quit and reopen Docker Desktop',
          why: 'The setting is saved but not in effect.',
          blocked: false,
        },
      },
      'Walkthrough: turn on Enhanced Container Isolation',
      'Step 4 of 6: Quit and reopen Docker Desktop',
      'neutral',
    ],
    [
      'blocked at step 1',
      { at: { number: 1, title: 'Prerequisites', why: 'Docker Desktop is not running.', blocked: true } },
      'Walkthrough: turn on Enhanced Container Isolation',
      'Step 1 of 6 is blocked: Prerequisites',
      'warn',
    ],
    [
      'a policy turns ECI off, at step 4',
      { target: 'off', at: { number: 4, title: 'Quit and reopen Docker Desktop', why: 'x', blocked: false } },
      'Walkthrough: a policy turns Enhanced Container Isolation off',
      'Step 4 of 6: Quit and reopen Docker Desktop',
      'neutral',
    ],
  ] as Array<[string, Partial<HeaderInput>, string, string, string]>)('%s', (_name, over, purpose, title, tone) => {
    const h = walkthroughHeader({ ...base, ...over });
    expect(h.purpose).toBe(purpose);
    expect(h.title).toBe(title);
    expect(h.tone).toBe(tone);
    // A finished walkthrough is never titled as the task it was.
    if (over.complete) expect(`${h.purpose} ${h.title}`).not.toMatch(/turn on/i);
    // The line under the title is the current step's why (or what is left).
    if (over.at) expect(h.line).toBe(over.at.why);
  });
});

describe('step lines', () => {
  const locked: DesiredState = { eci: true, source: 'admin-locked', file: ADMIN };
  it.each([
    ['prerequisites', DONE_LINE.prerequisites('4.37.1'), 'Checked: Docker Desktop 4.37.1 runs Linux containers.'],
    [
      'prerequisites, no version',
      DONE_LINE.prerequisites(null),
      'Checked: Docker Desktop (version not reported) runs Linux containers.',
    ],
    ['containers', DONE_LINE.containers('on'), 'Checked the containers: none from before ECI runs.'],
    ['containers, reverse', DONE_LINE.containers('off'), 'Nothing to clean up: ECI is being turned off.'],
    ['turned on by a locked policy', DONE_LINE.turnOn('on', locked), 'ECI was turned on by an admin policy (locked).'],
    [
      'turned on by an unlocked policy',
      DONE_LINE.turnOn('on', { ...locked, source: 'admin-unlocked' }),
      'ECI was turned on by an admin policy (not locked).',
    ],
    [
      'turned on by the user',
      DONE_LINE.turnOn('on', { eci: true, source: 'user', file: '/u/settings-store.json' }),
      'ECI was turned on in your Docker Desktop settings.',
    ],
    [
      'on with no local file',
      DONE_LINE.turnOn('on', { eci: null, source: 'not-found-locally' }),
      'ECI was turned on by a policy with no local file (likely Docker Home).',
    ],
    [
      'set off by a policy',
      DONE_LINE.turnOn('off', { ...locked, eci: false }),
      'ECI was set to off by an admin policy (locked).',
    ],
    ['relaunch', DONE_LINE.relaunch('on'), 'Applied: ECI is in effect.'],
    ['verify, with the time', DONE_LINE.verify('on', local(12, 27)), 'Verified by probe containers at 12:27.'],
    ['verify off, no time', DONE_LINE.verify('off', null), 'Verified off by probe containers.'],
    ['re-created', DONE_LINE.recreate('on', ['web', 'db'], []), 'Re-created under ECI: web, db.'],
    ['skipped', DONE_LINE.recreate('on', [], ['web']), 'Skipped re-creating web.'],
    ['nothing removed', DONE_LINE.recreate('on', [], []), 'Nothing to re-create: no container was removed.'],
    ['reverse', DONE_LINE.recreate('off', ['web'], []), 'Nothing to re-create: ECI is being turned off.'],
    ['not reached yet', waitsLine(4), 'Waits for step 4.'],
  ])('%s', (_name, line, expected) => {
    expect(line).toBe(expected);
  });
});

describe('clockTime', () => {
  it.each([
    [local(12, 27), '12:27'],
    [local(9, 5), '09:05'],
    [local(0, 0), '00:00'],
    [null, null],
    ['', null],
    ['not a date', null],
  ])('%s -> %s', (iso, time) => {
    expect(clockTime(iso)).toBe(time);
  });
});
