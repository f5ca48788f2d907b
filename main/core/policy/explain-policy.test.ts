// `policy explain` as a table: what each source says, which one wins (as desired-state.ts decides),
// and whether it is in effect (as the check's verdict says).

import { describe, expect, it } from 'vitest';
import { explainPolicy } from './explain-policy';
import { desiredState } from '../settings/desired-state';
import type { AdminEciPolicy, CheckReport, Verdict } from '../model';
import type { SettingsSnapshot } from '../settings/load-settings';

const policy = (value: boolean | null, locked: boolean, images: string[] = []): AdminEciPolicy => ({
  value,
  locked,
  socketMountImages: images,
  allowDerivedImages: null,
  commandList: null,
});

function snapshot(
  admin: AdminEciPolicy | null,
  userEci: boolean | null,
  stored: string[] | null = null,
): SettingsSnapshot {
  return {
    adminPolicy: admin,
    userEci,
    storedSocketMount: stored
      ? { images: stored, allowDerivedImages: null, commandList: { type: 'deny', commands: [] } }
      : null,
    desired: desiredState({ admin: { file: '/a.json', policy: admin }, user: { file: '/u.json', eci: userEci } }),
    files: [
      { role: 'admin', path: '/a.json', found: admin !== null },
      { role: 'user', path: '/u.json', found: userEci !== null || stored !== null },
    ],
    problems: [],
  };
}

function report(
  verdict: Verdict,
  effective: boolean | null,
  desired = snapshot(null, null).desired,
  socket: 'isolated' | 'allow-listed' = 'isolated',
): CheckReport {
  return {
    verdict,
    reason: 'r',
    effective: { eci: effective },
    desired,
    checks: [{ id: 'docker-socket-mount', result: socket, observation: '' }],
  } as unknown as CheckReport;
}

describe('which source wins, and why', () => {
  it.each<[string, SettingsSnapshot, string, boolean | null, RegExp]>([
    [
      'a locked admin value',
      snapshot(policy(true, true), false),
      'admin-locked',
      true,
      /locked admin value always wins/,
    ],
    [
      'an unlocked admin value and no user value',
      snapshot(policy(true, false), null),
      'admin-unlocked',
      true,
      /applies as the default/,
    ],
    ['a user value, no admin file', snapshot(null, true), 'user', true, /user's settings file sets ECI on/],
    [
      'an unlocked admin value against a stored user value',
      snapshot(policy(true, false), false),
      'user',
      false,
      /cannot tell which one applies: lock the admin value/,
    ],
    ['nothing anywhere', snapshot(null, null), 'default', false, /default applies: off/],
  ])('%s', (_name, snap, source, eci, why) => {
    const e = explainPolicy(snap, null);
    expect(e.desired).toMatchObject({ source, eci });
    expect(e.why).toMatch(why);
    expect(e.effect.status).toBe('not-probed');
  });

  it('ECI verified on with no local source: the check reports "not found locally", and explain says Docker Home', () => {
    const e = explainPolicy(
      snapshot(null, null),
      report('protected', true, { eci: null, source: 'not-found-locally' }),
    );
    expect(e.why).toMatch(/Docker Home/);
    expect(e.effect.status).toBe('in-effect');
  });
});

describe('every source is listed, with the socket-mount allow list and where each image comes from', () => {
  it('admin images and images Docker Desktop stored (a Docker Home policy), each once', () => {
    const e = explainPolicy(
      snapshot(policy(true, true, ['docker:cli', 'alpine']), true, ['alpine', 'testcontainers/ryuk:*']),
      null,
    );
    expect(e.sources.map((s) => [s.source, s.found, s.eci])).toEqual([
      ['admin-file', true, true],
      ['user-file', true, true],
      ['docker-home', true, null],
    ]);
    expect(e.sources[2]?.says).toContain('ECIDockerSocketImgList: alpine, testcontainers/ryuk:*');
    expect(e.socketMountAllowList).toEqual([
      { image: 'docker:cli', from: 'admin-file' },
      { image: 'alpine', from: 'admin-file' },
      { image: 'testcontainers/ryuk:*', from: 'docker-home' },
    ]);
  });

  it('no files at all: each source says it is missing', () => {
    const e = explainPolicy(snapshot(null, null), null);
    expect(e.sources.map((s) => s.says)).toEqual([
      'no admin-settings.json',
      'no user settings file',
      expect.stringContaining('nothing visible locally'),
    ]);
  });
});

describe('in effect, by the probe', () => {
  it.each<[Verdict, boolean | null, string]>([
    ['protected', true, 'in-effect'],
    ['unprotected-containers', true, 'in-effect'],
    ['off', false, 'in-effect'],
    ['pending-restart', false, 'pending-full-quit'],
    ['pending-restart', true, 'pending-full-quit'],
    ['engine-unreachable', null, 'unknown'],
    ['unknown', null, 'unknown'],
  ])('verdict %s, probe finds ECI %s: %s', (verdict, effective, status) => {
    const e = explainPolicy(snapshot(policy(true, true), null), report(verdict, effective));
    expect(e.effect.status).toBe(status);
    if (status === 'pending-full-quit') expect(e.effect.says).toContain('Quit and reopen Docker Desktop');
  });
});
