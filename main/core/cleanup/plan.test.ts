import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { ContainerListEntry } from '../engine/engine-client';
import { describeContainer, groupByProject } from './describe-container';
import { referenceProblem } from './image-reference';
import {
  composeCommand,
  defaultStrategy,
  makePlan,
  planItem,
  snapshotTag,
  type PlanContext,
  type Strategy,
} from './plan';
import { eciBlocker, recreateSpec } from './recreate-spec';

const ID = 'a'.repeat(64);
const ANON = 'b'.repeat(64);

function inspect(
  over: { Config?: object; HostConfig?: object; Mounts?: object[]; Networks?: object; State?: string } = {},
): Docker.ContainerInspectInfo {
  return {
    Id: ID,
    Name: '/web',
    Created: '2026-01-01T00:00:00Z',
    Image: 'sha256:' + 'c'.repeat(64),
    State: { Status: over.State ?? 'running', Running: (over.State ?? 'running') === 'running' },
    Config: {
      Image: 'nginx:1.27',
      Hostname: ID.slice(0, 12),
      Cmd: ['nginx'],
      Env: ['A=1'],
      Labels: { team: 'a' },
      AttachStdout: true,
      ...over.Config,
    },
    HostConfig: {
      Runtime: 'runc',
      NetworkMode: 'app-net',
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] },
      Binds: ['data:/data'],
      ...over.HostConfig,
    },
    Mounts: over.Mounts ?? [
      { Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: true },
      { Type: 'volume', Name: ANON, Source: '/x', Destination: '/cache', RW: true },
      { Type: 'bind', Source: '/home/me/site', Destination: '/site', RW: false },
    ],
    NetworkSettings: {
      Networks: over.Networks ?? { 'app-net': { Aliases: ['web', ID.slice(0, 12)] }, backend: { Aliases: null } },
    },
  } as unknown as Docker.ContainerInspectInfo;
}

function entry(over: Partial<ContainerListEntry> = {}): ContainerListEntry {
  return {
    Id: ID,
    Names: ['/web'],
    Image: 'nginx:1.27',
    ImageID: 'sha256:' + 'c'.repeat(64),
    State: 'running',
    Created: 0,
    Labels: {},
    SizeRw: 0,
    ...over,
  };
}

const on: PlanContext = { eciEffective: true, socketMountAllowList: [], createdAt: new Date('2026-11-27T10:20:30Z') };
const off: PlanContext = { ...on, eciEffective: false };

describe('describeContainer', () => {
  it('sorts mounts into named volumes, anonymous volumes and binds; reads ports, restart policy, compose', () => {
    const c = describeContainer(
      entry({ SizeRw: 42 }),
      inspect({
        Config: {
          Labels: {
            'com.docker.compose.project': 'shop',
            'com.docker.compose.service': 'web',
            'com.docker.compose.project.config_files': '/srv/a.yml,/srv/b.yml',
          },
        },
      }),
      true,
    );
    expect(c).toMatchObject({
      name: 'web',
      runtime: 'runc',
      restartPolicy: { name: 'unless-stopped', maximumRetryCount: 0 },
      ports: [{ containerPort: '80/tcp', hostIp: '', hostPort: '8080' }],
      namedVolumes: [{ name: 'data', destination: '/data', readOnly: false }],
      anonymousVolumes: [{ name: ANON, destination: '/cache', readOnly: false }],
      bindMounts: [{ source: '/home/me/site', destination: '/site', readOnly: true }],
      networks: ['app-net', 'backend'],
      writableLayerBytes: 42,
      compose: { project: 'shop', service: 'web', workingDir: null, configFiles: ['/srv/a.yml', '/srv/b.yml'] },
    });
  });

  it('groups Compose projects first, then the rest', () => {
    const mk = (name: string, project?: string) => ({
      ...describeContainer(entry(), inspect(), true),
      name,
      compose: project ? { project, service: name, workingDir: null, configFiles: [] } : null,
    });
    expect(
      groupByProject([mk('z'), mk('b', 'shop'), mk('a', 'shop'), mk('x', 'blog')]).map((g) => [
        g.project,
        g.containers.map((c) => c.name),
      ]),
    ).toEqual([
      ['blog', ['x']],
      ['shop', ['a', 'b']],
      [null, ['z']],
    ]);
  });
});

describe('recreateSpec', () => {
  it('keeps the configuration, drops the pinned runtime, re-attaches anonymous volumes, splits networks', () => {
    const spec = recreateSpec(inspect(), 'nginx:1.27');
    expect(spec.name).toBe('web');
    expect(spec.create.HostConfig).not.toHaveProperty('Runtime');
    expect(spec.create.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8080' }] });
    expect(spec.create.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped', MaximumRetryCount: 0 });
    expect(spec.create.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: ANON, Target: '/cache', ReadOnly: false },
    ]);
    expect(spec.create).not.toHaveProperty('Hostname'); // the engine's default, not the user's
    expect(spec.create).not.toHaveProperty('AttachStdout');
    expect(spec.create.Env).toEqual(['A=1']);
    expect(spec.create.NetworkingConfig).toEqual({ EndpointsConfig: { 'app-net': { Aliases: ['web'] } } });
    expect(spec.connect).toEqual([{ network: 'backend', endpoint: {} }]);
  });

  it.each<[string, object, string | null]>([
    ['plain', {}, null],
    ['host pid', { PidMode: 'host' }, "it shares the host's pid namespace, which ECI refuses"],
    ['host network', { NetworkMode: 'host' }, "it shares the host's network namespace, which ECI refuses"],
    [
      'two namespaces',
      { PidMode: 'host', IpcMode: 'host' },
      "it shares the host's pid, ipc namespaces, which ECI refuses",
    ],
    [
      'another container network',
      { NetworkMode: 'container:abc' },
      "it shares another container's network namespace; re-create the pair by hand (or with Compose)",
    ],
    [
      'docker socket',
      { Binds: ['/var/run/docker.sock:/var/run/docker.sock'] },
      'it mounts the Docker socket and its image is not on the admin allow list, which ECI refuses',
    ],
  ])('ECI blocker: %s', (_n, hostConfig, reason) => {
    expect(eciBlocker(inspect({ HostConfig: hostConfig }), [])).toBe(reason);
  });

  it('an allow-listed image may keep its socket mount', () => {
    expect(
      eciBlocker(inspect({ HostConfig: { Binds: ['/var/run/docker.sock:/var/run/docker.sock'] } }), ['nginx:*']),
    ).toBeNull();
  });
});

describe('planItem', () => {
  const c = (over: Partial<ContainerListEntry> = {}, resolves = true, state?: string) =>
    describeContainer(entry(over), inspect(state ? { State: state } : {}), resolves);
  const rows: Array<[string, Strategy, ReturnType<typeof c>, PlanContext, string[], boolean]> = [
    ['remove a running container', 'remove', c(), on, ['stop', 'remove'], true],
    ['remove a stopped one', 'remove', c({ State: 'exited' }), on, ['remove'], true],
    ['snapshot, checked, then remove', 'snapshot', c(), on, ['stop', 'snapshot', 'verify-snapshot', 'remove'], true],
    [
      'recreate without changes: the old one is removed last',
      'recreate',
      c(),
      on,
      ['stop', 'rename-old', 'create', 'connect-network', 'start', 'remove'],
      true,
    ],
    [
      'recreate with changes snapshots and checks first',
      'recreate',
      c({ SizeRw: 10 }),
      on,
      ['stop', 'snapshot', 'verify-snapshot', 'rename-old', 'create', 'connect-network', 'start', 'remove'],
      true,
    ],
    [
      'recreate when the tag is gone snapshots first',
      'recreate',
      c({}, false),
      on,
      ['stop', 'snapshot', 'verify-snapshot', 'rename-old', 'create', 'connect-network', 'start', 'remove'],
      true,
    ],
    [
      'recreate a stopped one: not started',
      'recreate',
      c({ State: 'exited' }),
      on,
      ['rename-old', 'create', 'connect-network', 'remove'],
      true,
    ],
    ['recreate without ECI in effect is refused', 'recreate', c(), off, [], false],
  ];
  it.each(rows)('%s', (_n, strategy, container, ctx, actions, allowed) => {
    const { item } = planItem(container, inspect(), strategy, ctx);
    expect(item.steps.map((s) => s.action)).toEqual(actions);
    expect(item.allowed).toBe(allowed);
    if (!allowed) expect(item.whyNot).toContain('ECI is not verified in effect');
  });

  it('says what is kept and what is lost', () => {
    const removed = planItem(c({ SizeRw: 2048 }), inspect(), 'remove', on).item;
    expect(removed.keeps).toContain('named volume data (at /data): volumes are never removed');
    expect(
      removed.keeps.some((k) => k.startsWith('anonymous volume bbbbbbbbbbbb (at /cache), left without a container')),
    ).toBe(true);
    expect(removed.keeps).toContain('host folder /home/me/site (mounted at /site): untouched');
    expect(removed.loses).toContain('2.0 KiB written inside the container (its writable layer)');
    expect(removed.loses.join(' ')).toContain('published ports 8080->80/tcp, restart policy (unless-stopped)');

    const recreated = planItem(c({ SizeRw: 2048 }), inspect(), 'recreate', on).item;
    expect(recreated.snapshotImage).toBe('eci-tray-snapshot/web-aaaaaaaaaaaa:20261127-102030');
    expect(recreated.keeps).toContain(
      "2.0 KiB written inside the container, in the image eci-tray-snapshot/web-aaaaaaaaaaaa:20261127-102030 (checked against the container's changes before it is removed)",
    );
    expect(recreated.steps.find((s) => s.action === 'rename-old')?.target).toBe('web-eci-tray-old-aaaaaaaaaaaa');
    expect(recreated.keeps).toContain('published ports 8080->80/tcp');
    expect(recreated.loses).toContain('its logs and its container id (the new container keeps the name)');
  });

  it('defaults: recreate where ECI allows it, else snapshot when there is something to keep, else remove', () => {
    expect(defaultStrategy(c(), inspect(), on)).toBe('recreate');
    expect(defaultStrategy(c(), inspect({ HostConfig: { PidMode: 'host' } }), on)).toBe('remove');
    expect(defaultStrategy(c({ SizeRw: 1 }), inspect(), off)).toBe('snapshot');
    expect(defaultStrategy(c({}, false), inspect(), off)).toBe('snapshot');
    expect(defaultStrategy(c(), inspect(), off)).toBe('remove');
  });

  it('recommends the Compose way for Compose containers', () => {
    const info = inspect({
      Config: {
        Labels: {
          'com.docker.compose.project': 'shop',
          'com.docker.compose.service': 'web',
          'com.docker.compose.project.working_dir': '/srv/my shop',
        },
      },
    });
    const item = planItem(describeContainer(entry(), info, true), info, 'recreate', on).item;
    expect(item.compose?.command).toBe(
      "docker compose -p shop --project-directory '/srv/my shop' up -d --force-recreate",
    );
  });

  const composed = (labels: Record<string, string>) =>
    describeContainer(
      entry(),
      inspect({ Config: { Labels: { 'com.docker.compose.service': 'web', ...labels } } }),
      true,
    );
  it.each([
    // The labels are written by whoever made the container: nothing in them may run when pasted.
    [
      { 'com.docker.compose.project': 'shop', 'com.docker.compose.project.working_dir': '/srv/$(touch /tmp/pwned)' },
      'posix',
      "docker compose -p shop --project-directory '/srv/$(touch /tmp/pwned)' up -d --force-recreate",
    ],
    [
      { 'com.docker.compose.project': 'shop', 'com.docker.compose.project.config_files': '/a.yml;id,/b `id`.yml' },
      'posix',
      "docker compose -p shop -f '/a.yml;id' -f '/b `id`.yml' up -d --force-recreate",
    ],
    [
      { 'com.docker.compose.project': 'shop', 'com.docker.compose.project.working_dir': "C:\\it's" },
      'powershell',
      "docker compose -p shop --project-directory 'C:\\it''s' up -d --force-recreate",
    ],
    // A project name Compose refuses: no command at all.
    [{ 'com.docker.compose.project': 'shop;id' }, 'posix', null],
    [{ 'com.docker.compose.project': 'Shop' }, 'posix', null],
    [{ 'com.docker.compose.project': '-p' }, 'posix', null],
    [{ 'com.docker.compose.project': '_x' }, 'posix', null],
    // A control character in a path: no command either.
    [
      { 'com.docker.compose.project': 'shop', 'com.docker.compose.project.working_dir': '/srv\u001b]52;c;aGk=\u0007' },
      'posix',
      null,
    ],
  ] as const)('Compose command for %j in %s', (labels, shell, command) => {
    expect(composeCommand(composed(labels), shell)).toBe(command);
  });
  it('a plan item keeps the project and service when no command can be suggested', () => {
    const c = composed({ 'com.docker.compose.project': 'a b' });
    const info = inspect({
      Config: { Labels: { 'com.docker.compose.project': 'a b', 'com.docker.compose.service': 'web' } },
    });
    expect(planItem(c, info, 'recreate', { ...on, shell: 'posix' }).item.compose).toEqual({
      project: 'a b',
      service: 'web',
      command: null,
    });
  });
});

describe('snapshot names', () => {
  const named = (name: string, id: string) => {
    const info = { ...inspect(), Id: id, Name: `/${name}` } as Docker.ContainerInspectInfo;
    return { audited: describeContainer(entry({ Id: id, Names: [`/${name}`], SizeRw: 5 }), info, true), info };
  };
  const ids = ['1'.repeat(64), '2'.repeat(64), '3'.repeat(64), '4'.repeat(64), '5'.repeat(64), '6'.repeat(64)];

  it("a strategy chosen by id is that container's, not one named like the id", () => {
    const plan = makePlan({
      containers: [named('web', ids[0]!), named(ids[0]!, ids[1]!)],
      choices: new Map([[ids[0]!, 'remove']]),
      strategy: 'snapshot',
      endpoint: 'unix:///x.sock',
      context: on,
    });
    expect(plan.items.map((i) => [i.name, i.strategy])).toEqual([
      ['web', 'remove'],
      [ids[0], 'snapshot'],
    ]);
  });

  it.each<[string, string]>([
    ['Web', 'eci-tray-snapshot/web-111111111111:20261127-102030'],
    ['web_', 'eci-tray-snapshot/web-111111111111:20261127-102030'],
    ['a..b--c__d', 'eci-tray-snapshot/a-b-c-d-111111111111:20261127-102030'],
    ['_.-', 'eci-tray-snapshot/container-111111111111:20261127-102030'],
    [`x${'Y'.repeat(300)}`, `eci-tray-snapshot/x${'y'.repeat(99)}-111111111111:20261127-102030`],
  ])('%s maps to a valid reference', (name, ref) => {
    expect(snapshotTag(name, ids[0]!, on.createdAt).ref).toBe(ref);
    expect(referenceProblem(ref)).toBeNull();
  });

  it.each<[string, string | null]>([
    ['eci-tray-snapshot/web-1:t', null],
    ['eci-tray-snapshot/Web:t', '"Web" is not a valid name component'],
    ['eci-tray-snapshot/web_:t', '"web_" is not a valid name component'],
    ['eci-tray-snapshot/web.:t', '"web." is not a valid name component'],
    ['eci-tray-snapshot/a..b:t', '"a..b" is not a valid name component'],
    ['eci-tray-snapshot/a__b---c:t', null],
    ['eci-tray-snapshot/a___b:t', '"a___b" is not a valid name component'],
    ['eci-tray-snapshot/web:.bad', '".bad" is not a valid tag'],
    [`eci-tray-snapshot/${'a'.repeat(250)}:t`, 'longer than 255'],
  ])('reference %s', (ref, problem) => {
    const found = referenceProblem(ref);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('containers whose names differ only in case or separators get distinct, valid snapshots in one plan', () => {
    const names = ['Web', 'web', 'web_', 'web.', 'web-', 'WEB'];
    const plan = makePlan({
      containers: names.map((n, i) => named(n, ids[i]!)),
      choices: new Map(),
      strategy: 'recreate',
      endpoint: 'unix:///x.sock',
      context: on,
    });
    const refs = plan.items.map((i) => i.snapshotImage);
    expect(plan.items.every((i) => i.allowed)).toBe(true);
    expect(new Set(refs).size).toBe(names.length);
    for (const ref of refs) expect(referenceProblem(ref!)).toBeNull();
  });
});
