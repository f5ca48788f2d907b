// The cleanup of containers created before ECI, on the lab: audit, a re-create plan applied (the
// new containers run under sysbox-runc with the same configuration and nothing is lost), an
// interrupted apply resumed, a container removed between plan and apply, hand-edited plans.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { createContainer, engineApi, execIn, inspect, runCli } from './helpers';

/** The engine stores "not set" as null or as an empty list/map: the same configuration. */
const norm = (v: unknown) =>
  v == null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0)
    ? null
    : v;

const KEEP_RUNNING = (script: string) => ['sh', '-c', `${script}; trap 'exit 0' TERM; sleep 3600 & wait`];

describe('eci-tray containers and cleanup on the lab', () => {
  let lab: Lab;
  let env: Record<string, string>;
  let state: string;
  const before: Record<string, any> = {};
  let volumesBefore: string[] = [];
  const written = `unique-${Math.random().toString(36).slice(2)}-${Date.now()}`;

  const volumes = async () =>
    ((await engineApi(lab.engineHost, 'GET', '/volumes')).json.Volumes as Array<{ Name: string }>)
      .map((v) => v.Name)
      .sort();
  const cli = (args: string[]) => runCli([...args, ...lab.productArgs()], env);

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    state = mkdtempSync(join(tmpdir(), 'eci-state-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    const image = lab.probeImage;
    await engineApi(lab.engineHost, 'POST', '/volumes/create', { Name: 'appdata' });
    await createContainer(lab.engineHost, 'vol-writer', {
      Image: image,
      Cmd: KEEP_RUNNING('echo hello > /data/greeting'),
      HostConfig: { Binds: ['appdata:/data'] },
    });
    await createContainer(lab.engineHost, 'layer-changer', {
      Image: image,
      Cmd: KEEP_RUNNING('echo precious > /tmp/state.txt'),
    });
    await createContainer(lab.engineHost, 'web', {
      Image: image,
      Cmd: KEEP_RUNNING('true'),
      Env: ['MODE=prod'],
      Labels: { team: 'a' },
      WorkingDir: '/tmp',
      User: '0',
      ExposedPorts: { '80/tcp': {} },
      Healthcheck: { Test: ['CMD', 'true'], Interval: 30_000_000_000 },
      HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] }, RestartPolicy: { Name: 'unless-stopped' } },
    });
    const compose = (service: string) => ({
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': '/srv/shop',
    });
    await createContainer(lab.engineHost, 'shop-api-1', {
      Image: image,
      Cmd: KEEP_RUNNING('true'),
      Labels: compose('api'),
    });
    await createContainer(lab.engineHost, 'shop-db-1', {
      Image: image,
      Cmd: KEEP_RUNNING('echo rows > /var/lib/db/table'),
      Labels: compose('db'),
      Volumes: { '/var/lib/db': {} },
    });
    await createContainer(lab.engineHost, 'stopped-one', { Image: image, Cmd: ['true'] }, false);
    await new Promise((r) => setTimeout(r, 500)); // let the writes land
    for (const name of ['vol-writer', 'layer-changer', 'web', 'shop-api-1', 'shop-db-1', 'stopped-one'])
      before[name] = await inspect(lab.engineHost, name);

    // ECI on: a full relaunch. Running containers stop with it; the user starts them again.
    lab.writeAdminPolicy(true, true);
    expect(await lab.relaunch()).toBe('on');
    for (const name of ['vol-writer', 'layer-changer', 'shop-api-1', 'shop-db-1'])
      await engineApi(lab.engineHost, 'POST', `/containers/${before[name].Id}/start`);
    // Written by the test after the relaunch (not by the container's own command, which a
    // re-created container would simply run again): only a snapshot that holds it brings it back.
    await execIn(lab.engineHost, 'layer-changer', ['sh', '-c', `echo ${written} > /tmp/written-by-test`]);
    volumesBefore = await volumes();
  });
  afterAll(async () => {
    await lab?.teardown();
    rmSync(state, { recursive: true, force: true });
  });

  it('the audit lists every pre-ECI container, grouped by Compose project, with what each holds', async () => {
    const r = await cli(['containers', '--json']);
    expect(r.code).toBe(0);
    const audit = JSON.parse(r.stdout);
    expect(
      audit.groups.map((g: { project: string | null; containers: Array<{ name: string }> }) => [
        g.project,
        g.containers.map((c) => c.name),
      ]),
    ).toEqual([
      ['shop', ['shop-api-1', 'shop-db-1']],
      [null, ['layer-changer', 'stopped-one', 'vol-writer', 'web']],
    ]);
    const by = Object.fromEntries(audit.containers.map((c: { name: string }) => [c.name, c]));
    expect(by['vol-writer']).toMatchObject({
      runtime: 'runc',
      state: 'running',
      namedVolumes: [{ name: 'appdata', destination: '/data', readOnly: false }],
      imageExists: true,
    });
    expect(by['layer-changer'].writableLayerBytes).toBeGreaterThan(0);
    expect(by['web']).toMatchObject({
      restartPolicy: { name: 'unless-stopped', maximumRetryCount: 0 },
      ports: [{ containerPort: '80/tcp', hostIp: '', hostPort: '8080' }],
    });
    expect(by['shop-db-1'].anonymousVolumes).toEqual([
      { name: expect.stringMatching(/^[0-9a-f]{64}$/), destination: '/var/lib/db', readOnly: false },
    ]);
    expect(by['shop-db-1'].compose).toEqual({
      project: 'shop',
      service: 'db',
      workingDir: '/srv/shop',
      configFiles: [],
    });
    expect(by['stopped-one'].state).toBe('created');
    expect(by['vol-writer'].writableLayerBytes).toBe(0);

    const human = await cli(['containers']);
    expect(human.stdout).toContain('Compose project "shop"');
    expect(human.stdout).toContain('ports 8080->80/tcp');
  });

  it('a hand-edited plan is refused with a clear message, and nothing is touched', async () => {
    const planPath = join(state, 'edit-me.json');
    const made = await cli(['cleanup', '--plan', '--output', planPath]);
    expect(made.code).toBe(0);
    const plan = JSON.parse(readFileSync(planPath, 'utf8'));
    const cases: Array<[string, (p: any) => unknown, string]> = [
      [
        'an unknown action',
        (p) => (p.items[0].steps[0].action = 'nuke'),
        'items[0].steps[0].action: expected one of stop, snapshot, verify-snapshot',
      ],
      [
        'an unknown strategy',
        (p) => (p.items[1].strategy = 'burn'),
        'items[1].strategy: expected one of remove, snapshot, recreate',
      ],
      [
        'a made-up container id',
        (p) => (p.items[0].containerId = 'abc'),
        'items[0].containerId: expected a 64-character container id',
      ],
      ['an unknown field', (p) => (p.items[0].privileged = true), 'items[0].privileged: unknown field'],
      ['a changed text', (p) => (p.items[0].loses = []), 'was changed after it was made'],
    ];
    for (const [what, edit, message] of cases) {
      const copy = structuredClone(plan);
      edit(copy);
      writeFileSync(planPath, JSON.stringify(copy));
      const r = await cli(['cleanup', '--apply', planPath, '--yes']);
      expect(r.code, what).toBe(22);
      expect(r.stderr, what).toContain(message);
    }
    writeFileSync(planPath, '{ not json');
    const bad = await cli(['cleanup', '--apply', planPath, '--yes']);
    expect(bad.code).toBe(22);
    expect(bad.stderr).toContain('is not JSON');
    for (const name of Object.keys(before)) expect((await inspect(lab.engineHost, name))?.Id).toBe(before[name].Id);
  });

  // The lab's ECI-on engine is user-namespace remapped: committing a container made before the
  // relaunch gives an image with an empty layer, as a user saw. The snapshot check catches it, so
  // layer-changer is kept as it was; the others, which need no snapshot, are re-created.
  it('a re-create plan leaves every container running under sysbox-runc with the same configuration, losing nothing; an empty snapshot keeps the original', async () => {
    const planPath = join(state, 'recreate.json');
    const made = await cli(['cleanup', '--plan', '--strategy', 'recreate', '--output', planPath]);
    expect(made.stdout).toContain(
      'Compose-managed. Recommended: docker compose -p shop --project-directory /srv/shop up -d --force-recreate',
    );
    expect(made.stdout).toContain('keeps: named volume appdata (at /data): volumes are never removed');
    expect(made.stdout).toMatch(
      /keeps: \d+ bytes written inside the container, in the image eci-tray-snapshot\/layer-changer-[0-9a-f]{12}:/,
    );
    const r = await cli(['cleanup', '--apply', planPath, '--yes']);
    expect(r.code, r.stderr + r.stdout).toBe(21);
    expect(r.stderr).toContain('[1/6]');
    const result = r.stdout;
    expect(result.match(/^\s+done\s/gm)).toHaveLength(5);
    expect(result).toMatch(
      /failed\s+layer-changer: verify-snapshot failed: the snapshot \S+ does not hold what the container wrote: its layer is empty \(0 bytes\)/,
    );
    expect(result).toContain('/tmp/written-by-test is missing from the snapshot');
    expect(result).toContain('nothing was removed: layer-changer is as it was (it was started again, the snapshot');
    const kept = await inspect(lab.engineHost, 'layer-changer');
    expect(kept.Id).toBe(before['layer-changer'].Id);
    expect(kept.HostConfig.Runtime).toBe('runc');
    const images = (
      (await engineApi(lab.engineHost, 'GET', '/images/json')).json as Array<{ RepoTags: string[] | null }>
    ).flatMap((i) => i.RepoTags ?? []);
    expect(images.filter((t) => t.startsWith('eci-tray-snapshot/'))).toEqual([]);

    for (const [name, old] of Object.entries(before)) {
      if (name === 'layer-changer') continue;
      const now = await inspect(lab.engineHost, name);
      expect(now.Id, name).not.toBe(old.Id);
      expect(now.HostConfig.Runtime, name).toBe('sysbox-runc');
      // The cleanup labels what it creates (plan, step, source container); every other label is kept.
      const labels = Object.fromEntries(
        Object.entries(now.Config.Labels ?? {}).filter(([k]) => !k.startsWith('com.eci-tray.cleanup.')),
      );
      expect(now.Config.Labels['com.eci-tray.cleanup.source'], name).toBe(old.Id);
      expect(norm(labels), `${name} Config.Labels`).toEqual(norm(old.Config.Labels));
      for (const field of [
        'Cmd',
        'Entrypoint',
        'Env',
        'User',
        'WorkingDir',
        'Healthcheck',
        'ExposedPorts',
        'StopTimeout',
        'Volumes',
      ]) {
        expect(norm(now.Config[field]), `${name} Config.${field}`).toEqual(norm(old.Config[field]));
      }
      for (const field of [
        'Binds',
        'PortBindings',
        'RestartPolicy',
        'NetworkMode',
        'LogConfig',
        'Privileged',
        'CapAdd',
        'Dns',
        'ExtraHosts',
      ]) {
        expect(norm(now.HostConfig[field]), `${name} HostConfig.${field}`).toEqual(norm(old.HostConfig[field]));
      }
      const mounts = (m: any[]) => m.map((x) => [x.Type, x.Name ?? x.Source, x.Destination, x.RW]).sort();
      expect(mounts(now.Mounts), `${name} mounts`).toEqual(mounts(old.Mounts));
      expect(Object.keys(now.NetworkSettings.Networks), `${name} networks`).toEqual(
        Object.keys(old.NetworkSettings.Networks),
      );
      expect(now.Config.Image, `${name} image`).toEqual(old.Config.Image);
    }
    // Running containers are running again; data survived.
    for (const name of ['vol-writer', 'layer-changer', 'shop-api-1', 'shop-db-1'])
      expect((await inspect(lab.engineHost, name)).State.Running, name).toBe(true);
    expect(await execIn(lab.engineHost, 'vol-writer', ['cat', '/data/greeting'])).toBe('hello\n');
    expect(await execIn(lab.engineHost, 'layer-changer', ['cat', '/tmp/state.txt'])).toBe('precious\n');
    expect(await execIn(lab.engineHost, 'layer-changer', ['cat', '/tmp/written-by-test'])).toBe(`${written}\n`);
    expect(await execIn(lab.engineHost, 'shop-db-1', ['cat', '/var/lib/db/table'])).toBe('rows\n');
    expect(await volumes()).toEqual(volumesBefore);
    // layer-changer, kept as it was, still runs outside ECI: the check says so (and nothing else does).
    const check = await cli(['check', '--json']);
    expect(check.code).toBe(10);
    expect(check.stdout).toContain('layer-changer');
    expect(check.stdout).not.toContain('vol-writer');

    // Applying the same plan again is harmless.
    const again = await cli(['cleanup', '--apply', planPath, '--yes']);
    expect(again.code).toBe(21);
    expect(again.stdout).toContain('already applied');
  });
});
