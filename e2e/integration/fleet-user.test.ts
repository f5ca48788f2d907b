// --for-user on the lab with real local users: root (as an MDM runs) checks another user's Docker
// Desktop through that user's own files: their docker context, their Desktop socket, their
// settings-store.json, and none of root's DOCKER_* variables. Users are created with useradd for
// this test (homes in a temp folder) and removed after it, including by a later run after a crash.

import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chownSync,
  lchownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { addUser as addLocalUser, sweepStaleUsers, writeAsUser, type TestUser } from '../support/local-users';
import { schemaErrors } from '../support/fleet-schemas';
import { runCli } from './helpers';

const PREFIX = 'ecift';
const addUser = (root: string, letter: string): TestUser => addLocalUser(root, PREFIX, letter);

/** A docker context as `docker context create` stores it: meta.json under the SHA-256 of its name. */
function writeContext(user: TestUser, name: string, host: string): void {
  const digest = createHash('sha256').update(name).digest('hex');
  writeAsUser(
    user,
    `.docker/contexts/meta/${digest}/meta.json`,
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  );
  writeAsUser(user, '.docker/config.json', JSON.stringify({ auths: {}, currentContext: name }, null, 2));
}

const servers: Server[] = [];

/**
 * A unix socket of the user's at `path` that forwards to the lab's engine: Docker Desktop's socket
 * belongs to its user, and root connects to no other for them.
 */
async function userSocket(user: TestUser, path: string, target: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  chownSync(dirname(path), user.uid, user.gid);
  const server = createServer((client) => {
    const up = connect(target.replace('unix://', ''));
    client.pipe(up).pipe(client);
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  chownSync(path, user.uid, user.gid);
  servers.push(server);
}

async function closeSocket(path: string): Promise<void> {
  for (const server of servers.filter((s) => s.address() === path))
    await new Promise((resolve) => server.close(resolve));
  rmSync(path, { force: true });
}

// Root's own docker settings, as an MDM agent's environment may carry them: never the user's.
const ROOT_ENV = {
  DOCKER_HOST: 'unix:///nonexistent/root-engine.sock',
  DOCKER_CONTEXT: 'root-context',
  DOCKER_CONFIG: '/nonexistent/root-docker-config',
};

describe('--for-user with real local users', () => {
  let lab: Lab;
  let homes: string;
  const users: TestUser[] = [];
  let admin: string[];

  beforeAll(async () => {
    sweepStaleUsers(PREFIX);
    homes = mkdtempSync(join(tmpdir(), 'eci-tray-users-'));
    execFileSync('chmod', ['755', homes]);
    lab = await Lab.start({ mode: 'on' });
    // The machine-wide admin file (none: the user's own setting decides).
    admin = ['--admin-settings', lab.paths.adminSettings, '--probe-image', lab.probeImage];
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    for (const u of users) spawnSync('userdel', [u.name]);
    if (homes) rmSync(homes, { recursive: true, force: true });
    await lab?.teardown();
  });

  it("a user's docker context and settings-store.json decide; root's DOCKER_* are ignored", async () => {
    const ann = addUser(homes, 'a');
    users.push(ann);
    const annSocket = join(ann.home, '.docker/run/eci-lab.sock');
    await userSocket(ann, annSocket, lab.dockerHost);
    writeContext(ann, 'eci-lab', `unix://${annSocket}`);
    const settings = writeAsUser(
      ann,
      '.docker/desktop/settings-store.json',
      JSON.stringify({ EnhancedContainerIsolation: true, SettingsVersion: 40 }),
    );

    const r = await runCli(['check', '--json', '--for-user', ann.name, ...admin], ROOT_ENV);
    const report = JSON.parse(r.stdout);
    expect(schemaErrors('check-report', report)).toEqual([]);
    expect(report).toMatchObject({
      verdict: 'protected',
      forUser: ann.name,
      endpoint: { url: `unix://${annSocket}`, source: 'context', context: 'eci-lab' },
      desired: { eci: true, source: 'user', file: settings },
    });
    expect(report.settingsFiles).toContainEqual({ role: 'user', path: settings, found: true });
    expect(r.code).toBe(0);

    // Her own setting off while Desktop runs with ECI: pending a full restart, from her file.
    writeAsUser(
      ann,
      '.docker/desktop/settings-store.json',
      JSON.stringify({ EnhancedContainerIsolation: false, SettingsVersion: 40 }),
    );
    const intune = await runCli(['check', '--format', 'intune', '--for-user', ann.name, ...admin], ROOT_ENV);
    expect(JSON.parse(intune.stdout)).toMatchObject({ verdict: 'pending-restart', eciVerified: true, pending: true });
    expect(intune.code).toBe(11);
  });

  it("a user's Docker Desktop socket is found in their home; a dead one is Desktop not running", async () => {
    const bob = addUser(homes, 'b');
    users.push(bob);
    const socket = join(bob.home, '.docker/desktop/docker.sock');
    await userSocket(bob, socket, lab.dockerHost);

    const r = await runCli(['check', '--json', '--for-user', bob.name, ...admin], ROOT_ENV);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      verdict: 'protected',
      endpoint: { url: `unix://${socket}`, source: 'desktop-socket' },
      desired: { source: 'not-found-locally' },
    });

    // Desktop crashed and left its socket: nothing listens on it.
    await closeSocket(socket);
    spawnSync(process.execPath, [
      '-e',
      "require('net').createServer().listen(process.argv[1], () => process.kill(process.pid, 'SIGKILL'))",
      socket,
    ]);
    chownSync(socket, bob.uid, bob.gid);
    expect(readdirSync(dirname(socket))).toContain('docker.sock');
    for (const [format, parse] of [
      ['json', (t: string) => JSON.parse(t)],
      ['intune', (t: string) => JSON.parse(t)],
      ['jamf', (t: string) => ({ verdict: /^<result>(.*)<\/result>\n$/.exec(t)?.[1] })],
    ] as const) {
      const dead = await runCli(
        ['check', '--format', format, '--for-user', bob.name, ...admin, '--timeout', '10'],
        ROOT_ENV,
      );
      expect(dead.code, dead.stderr).toBe(18);
      const value = parse(dead.stdout);
      expect(value.verdict).toBe('desktop-not-running');
      if (format === 'json') {
        expect(schemaErrors('check-report', value)).toEqual([]);
        expect(value).toMatchObject({
          forUser: bob.name,
          reason: expect.stringContaining(`Docker Desktop is not running for ${bob.name}`),
        });
      }
      if (format === 'intune') expect(schemaErrors('intune-result', value)).toEqual([]);
    }
  });

  it("Docker Desktop's own context (desktop-linux) on a socket that is gone: not running, not unreachable", async () => {
    const dee = addUser(homes, 'd');
    users.push(dee);
    // As Docker Desktop leaves it after a quit: its context is current, its socket is gone.
    writeContext(dee, 'desktop-linux', `unix://${join(dee.home, '.docker/desktop/docker.sock')}`);
    const r = await runCli(['check', '--format', 'json', '--for-user', dee.name, ...admin], ROOT_ENV);
    expect(r.code, r.stderr).toBe(18);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'desktop-not-running', forUser: dee.name });
  });

  it('a user without Docker Desktop files: not running for them, and the machine engine is not probed', async () => {
    const cat = addUser(homes, 'c');
    users.push(cat);
    const before = lab.requests().length;
    const r = await runCli(['check', '--format', 'json', '--for-user', cat.name, ...admin], {
      ...ROOT_ENV,
      DOCKER_HOST: lab.dockerHost,
    });
    expect(r.code).toBe(18);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'desktop-not-running', forUser: cat.name });
    // Root's DOCKER_HOST pointed at the lab: not one call reached it.
    expect(lab.requests().length).toBe(before);
  });

  it("containers --for-user lists from the user's engine (through their context), not root's", async () => {
    const before = lab.requests().filter((q) => q.path.includes('/containers/json')).length;
    const r = await runCli(['containers', '--json', '--for-user', users[0]!.name], ROOT_ENV);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('containers');
    expect(lab.requests().filter((q) => q.path.includes('/containers/json')).length).toBeGreaterThan(before);
  });

  it("root follows none of the user's links, FIFOs or devices, and connects to no socket that is not theirs", async () => {
    const eve = addUser(homes, 'e');
    users.push(eve);
    const labSocket = lab.dockerHost.replace('unix://', '');
    // Root's own: a configuration and a TLS key only root may read.
    const rootOnly = join(homes, 'root-only.json');
    writeFileSync(rootOnly, JSON.stringify({ currentContext: 'eci-lab' }), { mode: 0o600 });
    const rootKey = join(homes, 'root-key.pem');
    writeFileSync(rootKey, '-----BEGIN PRIVATE KEY-----\nroot\n-----END PRIVATE KEY-----\n', { mode: 0o600 });
    const docker = join(eve.home, '.docker');
    const config = join(docker, 'config.json');
    const link = (target: string, path: string) => {
      mkdirSync(dirname(path), { recursive: true });
      symlinkSync(target, path);
      lchownSync(path, eve.uid, eve.gid);
    };
    const tlsContext = () => {
      writeContext(eve, 'remote', 'tcp://127.0.0.1:9');
      const digest = createHash('sha256').update('remote').digest('hex');
      writeAsUser(eve, `.docker/contexts/tls/${digest}/docker/ca.pem`, 'ca');
      writeAsUser(eve, `.docker/contexts/tls/${digest}/docker/cert.pem`, 'cert');
      link(rootKey, join(docker, `contexts/tls/${digest}/docker/key.pem`));
    };
    const cases: [string, () => void, RegExp][] = [
      [
        'config.json a link to a root-only file',
        () => link(rootOnly, config),
        /config\.json is a symbolic link: not followed/,
      ],
      [
        'config.json a FIFO',
        () => (
          writeAsUser(eve, '.docker/.keep', ''),
          execFileSync('mkfifo', [config]),
          chownSync(config, eve.uid, eve.gid)
        ),
        /config\.json is not a regular file/,
      ],
      ['config.json a link to /dev/zero', () => link('/dev/zero', config), /config\.json is a symbolic link/],
      [
        "a context naming root's engine socket",
        () => writeContext(eve, 'root-engine', lab.dockerHost),
        /belongs to uid 0, not to ecift\d+e: root does not connect/,
      ],
      [
        "Desktop's socket a link to root's engine socket",
        () => link(labSocket, join(docker, 'desktop/docker.sock')),
        /symbolic link: root does not follow it/,
      ],
      ["a context's TLS key a link to root's key", tlsContext, /key\.pem is a symbolic link/],
    ];
    for (const [what, arrange, why] of cases) {
      rmSync(docker, { recursive: true, force: true });
      arrange();
      const before = lab.requests().length;
      const r = await runCli(
        ['check', '--format', 'json', '--for-user', eve.name, ...admin, '--timeout', '5'],
        ROOT_ENV,
        30_000,
      );
      expect(r.ms, what).toBeLessThan(5_000 + 5_000);
      const report = JSON.parse(r.stdout);
      expect(schemaErrors('check-report', report), what).toEqual([]);
      expect(report.verdict, what).not.toBe('protected');
      expect(JSON.stringify(report) + r.stderr, what).toMatch(why);
      // Root's engine was not probed in their name.
      expect(lab.requests().length, what).toBe(before);
    }
  });

  it("a user's settings file that is a link to a device or a FIFO is a problem reported, not read", async () => {
    const fay = addUser(homes, 'f');
    users.push(fay);
    await userSocket(fay, join(fay.home, '.docker/desktop/docker.sock'), lab.dockerHost);
    const settings = join(fay.home, '.docker/desktop/settings-store.json');
    for (const [arrange, why] of [
      [() => (symlinkSync('/dev/zero', settings), lchownSync(settings, fay.uid, fay.gid)), /symbolic link/],
      [() => (execFileSync('mkfifo', [settings]), chownSync(settings, fay.uid, fay.gid)), /not a regular file/],
    ] as const) {
      rmSync(settings, { force: true });
      arrange();
      const r = await runCli(
        ['check', '--format', 'json', '--for-user', fay.name, ...admin, '--timeout', '20'],
        ROOT_ENV,
        60_000,
      );
      const report = JSON.parse(r.stdout);
      expect(report.endpoint).toMatchObject({ source: 'desktop-socket' });
      expect(report.settingsProblems).toContainEqual(
        expect.objectContaining({ file: settings, message: expect.stringMatching(why) }),
      );
    }
  });

  it('an unknown user is a usage error, still parseable in each machine format', async () => {
    const r = await runCli(['check', '--format', 'intune', '--for-user', `${PREFIX}nosuchuser`], ROOT_ENV);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'error' });
    expect(r.stderr).toContain(`no local user "${PREFIX}nosuchuser"`);
  });
});
