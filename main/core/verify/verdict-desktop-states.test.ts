// The verdict for Docker Desktop's own states: paused by hand, its version strings, an unlocked
// admin value against the user's, and the admin file that applies only when signed in.

import { describe, expect, it } from 'vitest';
import {
  assembleReport,
  unidentifiedEngine,
  unreachableEvidence,
  type ContainerEvidence,
  type EngineEvidence,
} from './assemble-report';
import type { Check, DesiredState, EngineIdentity, Verdict } from '../model';
import type { SettingsSnapshot } from '../settings/load-settings';
import { identify } from './identity';
import { decideVerdict } from './verdict';
import { checks, def, desktop, down, lockedOn, OFF, ON, unlockedOn, userOn } from './testing/verdict-fixtures';

describe('a Docker Desktop paused by hand', () => {
  const PAUSED = 'Docker Desktop is manually paused. Unpause it through the Whale menu or Dashboard.';
  const settings: SettingsSnapshot = { adminPolicy: null, userEci: null, desired: lockedOn, files: [], problems: [] };
  const report = (evidence: EngineEvidence, containers: ContainerEvidence = { list: [] }) =>
    assembleReport({
      endpoint: null,
      probeImage: 'alpine:latest',
      evidence,
      settings,
      containers,
      durationMs: 0,
      platform: 'darwin',
    });
  const at = '2026-01-01T00:00:00.000Z';

  // Where the paused text can surface depends on which calls Desktop still answers while paused.
  it.each<[string, EngineEvidence, ContainerEvidence?]>([
    ['the ping says so', unreachableEvidence(`ping: ${PAUSED} (HTTP 500)`, at)],
    [
      'the ping answers, the identity calls say so',
      {
        engine: unidentifiedEngine(),
        identityError: `could not read the engine's identity: version: ${PAUSED} (HTTP 500)`,
        probe: null,
        at,
      },
    ],
    [
      'the identity answers, the probe cannot start',
      { engine: desktop(), probe: { failure: `pull alpine:latest: ${PAUSED} (HTTP 503)` }, at },
    ],
    [
      'paused between two probe checks',
      {
        engine: desktop(),
        probe: {
          checks: [
            ...checks('isolated', 'isolated').checks.slice(0, 2),
            { id: 'host-pid-namespace', result: 'error', observation: `create: ${PAUSED} (HTTP 500)` },
            checks('isolated', 'isolated').checks[3]!,
          ],
        },
        at,
      },
    ],
    [
      'only the container list says so',
      { engine: desktop(), probe: ON, at },
      { list: [], error: `list containers: ${PAUSED} (HTTP 500)` },
    ],
  ])('%s: engine-unreachable, paused, resume advice', (_name, evidence, containers) => {
    const r = report(evidence, containers);
    expect(r.verdict).toBe('engine-unreachable');
    expect(r.engine).toMatchObject({ reachable: false, paused: true });
    expect(r.reason).toMatch(/^Docker Desktop is paused/);
    expect(r.reason).toContain('manually paused');
    expect(r.effective.eci).toBeNull();
    expect(r.checks).toEqual([]);
    expect(r.nextSteps.join(' ')).toContain('Resume Docker Desktop');
    expect(r.nextSteps.join(' ')).not.toMatch(/start Docker Desktop/i);
  });

  it('an engine that is simply not running is told to start Docker Desktop', () => {
    const r = report(unreachableEvidence('ping: no engine socket at this path (is Docker Desktop running?)', at));
    expect(r.verdict).toBe('engine-unreachable');
    expect(r.engine.paused).toBeUndefined();
    expect(r.nextSteps.join(' ')).toMatch(/^Start Docker Desktop/);
  });

  it('decideVerdict says paused only when the engine identity says so', () => {
    expect(
      decideVerdict({
        engine: { ...down, paused: true, error: PAUSED },
        probe: null,
        desired: def,
        unprotectedContainers: 0,
      }).reason,
    ).toMatch(/^Docker Desktop is paused/);
    expect(decideVerdict({ engine: down, probe: null, desired: def, unprotectedContainers: 0 }).reason).toMatch(
      /^No Docker engine answers/,
    );
  });
});

describe('Docker Desktop version strings (Platform.Name as Desktop reports it)', () => {
  const engineFrom = (platformName: string): EngineIdentity =>
    identify({ Platform: { Name: platformName } }, { OperatingSystem: 'Docker Desktop' });
  // [Platform.Name, probe, verdict, note expected in the report]
  it.each<[string, { checks: Check[] }, Verdict, RegExp | null]>([
    ['Docker Desktop 4.76.0 (228118)', ON, 'protected', null],
    ['Docker Desktop 4.37.1 ()', ON, 'protected', null],
    ['Docker Desktop 4.37.1', ON, 'protected', null],
    // The WSL placeholder: never "unsupported-version", whatever the probe shows.
    ['Docker Desktop 4.0.0 ()', ON, 'protected', /version is unknown .*placeholder/],
    ['Docker Desktop 4.0.0 ()', OFF, 'pending-restart', /version is unknown .*placeholder/],
    ['Docker Desktop 4.0.0', OFF, 'pending-restart', /placeholder/],
    ['Docker Desktop', ON, 'protected', /version is unknown .*holds no Docker Desktop version/],
    ['Docker Desktop nightly', OFF, 'pending-restart', /holds no Docker Desktop version/],
    // A real old version decides while the probe does not show ECI on...
    ['Docker Desktop 4.12.0 (85629)', OFF, 'unsupported-version', null],
    ['Docker Desktop 4.0.0 (67817)', OFF, 'unsupported-version', null],
    // ...and is contradicted by a probe that does: the evidence decides, the report says so.
    ['Docker Desktop 4.12.0 (85629)', ON, 'protected', /reports version 4\.12\.0, older than 4\.13\.0 .*not trusted/],
  ])('%s, ECI %#', (name, probe, verdict, note) => {
    const settings: SettingsSnapshot = { adminPolicy: null, userEci: null, desired: lockedOn, files: [], problems: [] };
    const r = assembleReport({
      endpoint: null,
      probeImage: 'alpine:latest',
      evidence: { engine: engineFrom(name), probe, at: '2026-01-01T00:00:00.000Z' },
      settings,
      containers: { list: [] },
      durationMs: 0,
      platform: 'linux',
    });
    expect(r.verdict).toBe(verdict);
    const versionNotes = r.notes.filter((n) => /version/.test(n));
    if (note) expect(versionNotes.join(' ')).toMatch(note);
    else expect(versionNotes).toEqual([]);
  });
});

describe('an unlocked admin value against the user stored value', () => {
  const contested = (user: boolean, admin: boolean): DesiredState => ({
    eci: user,
    source: 'user',
    file: '/u',
    contested: { eci: admin, source: 'admin-unlocked', file: '/a' },
  });
  // [name, desired, probe, verdict]
  it.each<[string, DesiredState, { checks: Check[] }, Verdict]>([
    ['user off, policy on, ECI on: the policy may be what applied', contested(false, true), ON, 'protected'],
    ['user on, policy off, ECI on: the user setting applied', contested(true, false), ON, 'protected'],
    ['user off, policy on, ECI off: may wait for a full quit', contested(false, true), OFF, 'pending-restart'],
    ['user on, policy off, ECI off: may wait for a full quit', contested(true, false), OFF, 'pending-restart'],
  ])('%s', (_name, desired, probe, verdict) => {
    const r = decideVerdict({ engine: desktop(), probe, desired, unprotectedContainers: 0 });
    expect(r.verdict).toBe(verdict);
    // Never a silent guess: the reason names both values and why the files cannot tell.
    expect(r.reason).toContain('an unlocked admin policy sets it');
    expect(r.reason).toContain('cannot tell which one applies');
  });

  it('without a contested value the reason does not speak of one', () => {
    expect(
      decideVerdict({ engine: desktop(), probe: ON, desired: userOn, unprotectedContainers: 0 }).reason,
    ).not.toContain('unlocked');
  });
});

describe('admin-settings.json applies only when signed in', () => {
  // [name, desired, signedIn, expected text in the pending-restart reason, or null for none]
  it.each<[string, DesiredState, boolean | null | undefined, RegExp | null]>([
    [
      'locked policy, signed out',
      lockedOn,
      false,
      /reports you are not signed in: admin-settings\.json applies only while you are signed in/,
    ],
    [
      'locked policy, sign-in unknown',
      lockedOn,
      null,
      /applies only while you are signed in to your Docker organization: check the account menu/,
    ],
    ['locked policy, sign-in not asked', lockedOn, undefined, /applies only while you are signed in/],
    ['locked policy, signed in', lockedOn, true, null],
    ['unlocked policy, signed out', unlockedOn, false, /not signed in/],
    ['user setting: no policy involved', userOn, false, null],
  ])('%s', (_name, desired, signedIn, text) => {
    const r = decideVerdict({ engine: desktop(), probe: OFF, desired, unprotectedContainers: 0, signedIn });
    expect(r.verdict).toBe('pending-restart');
    if (text) expect(r.reason).toMatch(text);
    else expect(r.reason).not.toMatch(/signed in/);
  });
});
