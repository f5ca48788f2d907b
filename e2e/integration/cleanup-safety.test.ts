// Cleanup that cannot lose data, on the lab. Data is written by the test (docker exec, after the
// container started) with a random token the container cannot produce by itself, and read back
// by content from the container that exists afterwards:
// - `Web` and `web` in one plan: distinct, valid snapshots, each re-created container holds its own data;
// - a Desktop whose commit silently drops the files (lab switch): the snapshot check refuses it,
//   the original is kept whole and running, the snapshot is deleted, the reason is shown;
// - the CLI killed (SIGKILL) at every crash point of a re-create (and during a rollback), then
//   `cleanup --resume --yes`: each container whole, exactly once, no leftovers.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EciChecker } from '../../main/core/verify/check';
import { recreateRemoved } from '../../main/core/cleanup/recreate-removed';
import { recreateSpec } from '../../main/core/cleanup/recreate-spec';
import { setCommitFault } from '../lab/commit-faults';
import { Lab } from '../lab/lab';
import { labConfig } from './fault-rounds';
import { createContainer, engineApi, execIn, inspect, runCli } from './helpers';

const RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];
const token = () => `unique-${randomBytes(8).toString('hex')}`;

// Crash points of a running container with a snapshot and no extra network: two per step
// (stop, snapshot, verify-snapshot, rename-old, create, start, remove).
const CRASH_POINTS = 14;

describe('cleanup that cannot lose data', () => {
  let lab: Lab;
  let env: Record<string, string>;
  let state: string;
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCli([...args, ...lab.productArgs()], { ...env, ...extra });
  /** Its own state folder: independent cleanups (each has its own lock and journals) run side by side. */
  const ownState = () => ({ ECI_TRAY_STATE_DIR: mkdtempSync(join(state, 'round-')) });

  const allContainers = async () =>
    (await engineApi(lab.engineHost, 'GET', '/containers/json?all=1')).json as Array<{
      Id: string;
      Names: string[];
      Labels: Record<string, string>;
    }>;
  const named = async (name: string) => (await allContainers()).filter((c) => c.Names.includes(`/${name}`));
  /** Containers the cleanup of `id` (or the lab's commit fault) made and should have removed. */
  const leftovers = async (id?: string) =>
    (await allContainers()).filter(
      (c) =>
        (!id ||
          c.Names.some((n) => n.includes(`-eci-tray-old-${id.slice(0, 12)}`)) ||
          c.Labels['com.eci-tray.cleanup.source'] === id) &&
        (c.Names.some((n) => n.includes('-eci-tray-old-')) ||
          c.Labels['com.eci-tray.cleanup.step'] === 'verify-snapshot' ||
          !!c.Labels['com.eci-tray.lab.commit-fault']),
    );
  const snapshotsOf = async (id: string) =>
    ((await engineApi(lab.engineHost, 'GET', '/images/json')).json as Array<{ RepoTags: string[] | null }>)
      .flatMap((i) => i.RepoTags ?? [])
      .filter((t) => t.startsWith('eci-tray-snapshot/') && t.includes(`-${id.slice(0, 12)}:`));

  /** A running pre-ECI container with data in its layer and in a named volume, written by exec. */
  const withData = async (name: string) => {
    const id = await createContainer(lab.engineHost, name, {
      Image: lab.probeImage,
      Cmd: RUNNING,
      HostConfig: { Runtime: 'runc', Binds: [`${name.toLowerCase()}-vol-${randomBytes(3).toString('hex')}:/data`] },
    });
    const layer = token();
    const volume = token();
    await execIn(lab.engineHost, id, [
      'sh',
      '-c',
      `mkdir -p /keep && echo ${layer} > /keep/x && echo ${volume} > /data/v`,
    ]);
    return { id, layer, volume };
  };
  const read = (idOrName: string, path: string) => execIn(lab.engineHost, idOrName, ['cat', path]);

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
    state = mkdtempSync(join(tmpdir(), 'eci-safety-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
  });
  afterAll(async () => {
    await lab?.teardown();
    rmSync(state, { recursive: true, force: true });
  });

  const planFile = async (names: string[], extra: Record<string, string> = {}) => {
    const path = join(state, `plan-${randomBytes(4).toString('hex')}.json`);
    const made = await cli(
      ['cleanup', '--plan', '--strategy', 'recreate', ...names.flatMap((n) => ['--only', n]), '--output', path],
      extra,
    );
    expect(made.code, made.stderr + made.stdout).toBe(0);
    return { path, text: made.stdout };
  };

  /** Re-created under ECI, exactly once, running, with the data the test wrote. */
  const expectWhole = async (name: string, before: { id: string; layer: string; volume: string }, what: string) => {
    const now = await named(name);
    expect(now, `${what}: one container named ${name}`).toHaveLength(1);
    const info = await inspect(lab.engineHost, name);
    expect(info.State.Running, what).toBe(true);
    expect(await read(name, '/keep/x'), `${what}: layer data`).toBe(`${before.layer}\n`);
    expect(await read(name, '/data/v'), `${what}: volume data`).toBe(`${before.volume}\n`);
    expect(await leftovers(before.id), what).toEqual([]);
    return info;
  };

  it('Web and web in one plan: distinct valid snapshots, each re-created container holds its own data', async () => {
    const upper = await withData('Web');
    const lower = await withData('web');
    const { path, text } = await planFile(['Web', 'web']);
    expect(text).toContain(`eci-tray-snapshot/web-${upper.id.slice(0, 12)}:`);
    expect(text).toContain(`eci-tray-snapshot/web-${lower.id.slice(0, 12)}:`);
    const r = await cli(['cleanup', '--apply', path, '--yes']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    for (const [name, before] of [
      ['Web', upper],
      ['web', lower],
    ] as const) {
      const info = await expectWhole(name, before, name);
      expect(info.Id).not.toBe(before.id);
      expect(info.HostConfig.Runtime, name).toBe('sysbox-runc');
      expect(info.Config.Image, name).toMatch(new RegExp(`^eci-tray-snapshot/web-${before.id.slice(0, 12)}:`));
      expect(await snapshotsOf(before.id), name).toHaveLength(1);
      expect(await inspect(lab.engineHost, before.id), `${name}: old container removed`).toBeNull();
    }
  });

  it('a snapshot that silently drops the files: the original is kept whole and running, the snapshot removed, the reason shown', async () => {
    const before = await withData('keeper');
    const { path } = await planFile(['keeper']);
    setCommitFault(lab.paths.desktopSocket, 'empty');
    let r;
    try {
      r = await cli(['cleanup', '--apply', path, '--yes']);
    } finally {
      setCommitFault(lab.paths.desktopSocket, null);
    }
    expect(r.code, r.stderr + r.stdout).toBe(21);
    expect(r.stdout).toMatch(
      /failed\s+keeper: verify-snapshot failed: the snapshot eci-tray-snapshot\/keeper-[0-9a-f]{12}:\S+ does not hold what the container wrote: .*\/keep\/x is missing from the snapshot/,
    );
    expect(r.stdout).toContain('nothing was removed: keeper is as it was (it was started again, the snapshot');
    const info = await inspect(lab.engineHost, 'keeper');
    expect(info.Id).toBe(before.id);
    expect(info.HostConfig.Runtime).toBe('runc');
    await expectWhole('keeper', before, 'after a bad snapshot');
    expect(await snapshotsOf(before.id)).toEqual([]);
  });

  it('killed during the rollback of a bad snapshot, the resume finishes putting it back', async () => {
    const before = await withData('keeper2');
    const { path } = await planFile(['keeper2']);
    setCommitFault(lab.paths.desktopSocket, 'empty');
    try {
      // Points 1-5: stop (2), snapshot (2), verify started; the verify fails, then the rollback record: point 6.
      const killed = await cli(['cleanup', '--apply', path, '--yes'], { ECI_TRAY_TEST_CRASH_AT: '6' });
      expect(killed.code, killed.stderr + killed.stdout).toBeNull();
    } finally {
      setCommitFault(lab.paths.desktopSocket, null);
    }
    expect((await inspect(lab.engineHost, 'keeper2')).State.Running).toBe(false); // killed before putting it back
    const resumed = await cli(['cleanup', '--resume', '--yes']);
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(21);
    expect(resumed.stdout).toContain('nothing was removed: keeper2 is as it was');
    expect((await inspect(lab.engineHost, 'keeper2')).Id).toBe(before.id);
    await expectWhole('keeper2', before, 'rollback resumed');
    expect(await snapshotsOf(before.id)).toEqual([]);
  });

  it('the walkthrough re-creates a removed container on its networks once each, and removes a new one that cannot start', async () => {
    const checker = new EciChecker(labConfig(lab));
    try {
      const client = checker.engine();
      await engineApi(lab.engineHost, 'POST', '/networks/create', { Name: 'walk-extra' });
      // On the default bridge (NetworkMode "default", as older engines store it) and one more network.
      const id = await createContainer(
        lab.engineHost,
        'walk-net',
        { Image: lab.probeImage, Cmd: RUNNING, HostConfig: { Runtime: 'runc', NetworkMode: 'default' } },
        false,
      );
      expect((await engineApi(lab.engineHost, 'POST', '/networks/walk-extra/connect', { Container: id })).status).toBe(
        200,
      );
      const spec = recreateSpec(await inspect(lab.engineHost, id), lab.probeImage);
      expect(spec.create.HostConfig?.NetworkMode).toBe('default');
      await engineApi(lab.engineHost, 'DELETE', `/containers/${id}?force=1`);
      const newId = await recreateRemoved(client, spec, true, []);
      const info = await inspect(lab.engineHost, 'walk-net');
      expect(info.Id).toBe(newId);
      expect(info.State.Running).toBe(true);
      expect(info.HostConfig.Runtime).toBe('sysbox-runc');
      expect(Object.keys(info.NetworkSettings.Networks).sort()).toEqual(['bridge', 'walk-extra']);

      // A configuration that cannot start: the half-made container is removed, the name is free again.
      const broken = {
        ...spec,
        name: 'walk-broken',
        create: { ...spec.create, Cmd: ['/no/such/program'], Entrypoint: [] },
      };
      await expect(recreateRemoved(client, broken, true, [])).rejects.toThrow(
        /walk-broken could not be re-created .*the new container was removed again/,
      );
      expect(await named('walk-broken')).toEqual([]);
    } finally {
      checker.close();
    }
  });

  it(`killed (SIGKILL) at every one of the ${CRASH_POINTS} crash points of a re-create, the resume leaves it whole, exactly once`, async () => {
    const round = async (point: number) => {
      const name = `kill-${point}`;
      const own = ownState();
      const before = await withData(name);
      const { path } = await planFile([name], own);
      const killed = await cli(['cleanup', '--apply', path, '--yes'], {
        ...own,
        ECI_TRAY_TEST_CRASH_AT: String(point),
      });
      if (point > CRASH_POINTS) {
        // One point past the last: the apply finishes by itself, so the points above are all there are.
        expect(killed.code, killed.stderr + killed.stdout).toBe(0);
      } else {
        expect(killed.code, `point ${point}: killed, not finished: ${killed.stdout}${killed.stderr}`).toBeNull();
        const resumed = await cli(['cleanup', '--resume', '--yes'], own);
        expect(resumed.code, `point ${point}: ${resumed.stderr}${resumed.stdout}`).toBe(0);
        expect(resumed.stdout, `point ${point}`).toMatch(new RegExp(`done\\s+${name}`));
      }
      const info = await expectWhole(name, before, `point ${point}`);
      expect(info.Id, `point ${point}`).not.toBe(before.id);
      expect(info.HostConfig.Runtime, `point ${point}`).toBe('sysbox-runc');
      expect(await snapshotsOf(before.id), `point ${point}: one snapshot`).toHaveLength(1);
      expect(await inspect(lab.engineHost, before.id), `point ${point}: old container removed`).toBeNull();
    };
    // Rounds are independent (own container, own state folder): a few at a time keep the test short.
    const points = Array.from({ length: CRASH_POINTS + 1 }, (_, i) => i + 1);
    for (let i = 0; i < points.length; i += 5) await Promise.all(points.slice(i, i + 5).map(round));
    expect(await leftovers()).toEqual([]);
  }, 600_000);
});
