import { describe, expect, it } from 'vitest';
import { requestLine } from './path-template';
import { isPseudonym, Pseudonyms } from './pseudonyms';
import { engineMessage, redactEvent, redactJson, redactOutput } from './redact';

const SECRET = 'hunter2-token';

/** Every string of a redacted value, keys included. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]);
  return [];
}

describe('redactJson keeps the shape and only allow-listed values', () => {
  it.each([
    [
      'Platform.Name',
      { Platform: { Name: 'Docker Desktop 4.37.1 (178610)' } },
      { Platform: { Name: 'Docker Desktop 4.37.1 (178610)' } },
    ],
    [
      'OperatingSystem and DefaultRuntime',
      { OperatingSystem: 'Docker Desktop', DefaultRuntime: 'runc' },
      { OperatingSystem: 'Docker Desktop', DefaultRuntime: 'runc' },
    ],
    [
      'runtime names, not their paths',
      { Runtimes: { 'sysbox-runc': { path: '/home/ann/bin/sysbox' } } },
      { Runtimes: { 'sysbox-runc': { path: 'redacted-1' } } },
    ],
    ['the engine host name (info Name)', { Name: 'anns-macbook' }, { Name: 'redacted-1' }],
    [
      'HostConfig.Runtime and a namespace mode word',
      { HostConfig: { Runtime: 'sysbox-runc', PidMode: 'host' } },
      { HostConfig: { Runtime: 'sysbox-runc', PidMode: 'host' } },
    ],
    [
      "another container's namespace",
      { HostConfig: { PidMode: 'container:abc123' } },
      { HostConfig: { PidMode: 'redacted-1' } },
    ],
    ['a user network name', { HostConfig: { NetworkMode: 'corp-net' } }, { HostConfig: { NetworkMode: 'redacted-1' } }],
    [
      'numbers, booleans and null',
      { Containers: 3, Debug: false, Health: null },
      { Containers: 3, Debug: false, Health: null },
    ],
    ['a key outside the API', { [SECRET]: 1 }, { 'key-1': 1 }],
    [
      'engine timestamps',
      { State: { StartedAt: '2026-12-03T07:16:31.306Z' } },
      { State: { StartedAt: '2026-12-03T07:16:31.306Z' } },
    ],
    ['a non-time in a time field', { Created: SECRET }, { Created: 'redacted-1' }],
    [
      'a multi-line value in a safe field',
      { OperatingSystem: `Docker Desktop\n${SECRET}` },
      { OperatingSystem: 'redacted-1' },
    ],
  ])('%s', (_, input, expected) => {
    expect(redactJson(input, new Pseudonyms())).toEqual(expected);
  });

  it('a container list entry: ids, names, image, command, env, labels, mounts become stand-ins; lengths and types stay', () => {
    const entry = {
      Id: 'f00d',
      Names: [`/app-${SECRET}`],
      Image: `registry.corp/${SECRET}:1`,
      Command: `sh -c 'echo ${SECRET}'`,
      Created: 1796283846,
      State: 'running',
      Status: 'Up 2 minutes',
      Labels: {
        [`com.example.${SECRET}`]: SECRET,
        'com.eci-tray.probe': 'isolation',
        'io.kubernetes.pod.name': SECRET,
      },
      Mounts: [{ Type: 'bind', Source: `/home/ann/${SECRET}`, Destination: `/mnt/${SECRET}`, RW: true }],
      Config: { Env: [`TOKEN=${SECRET}`, 'A=1'], Cmd: ['sh', '-c', SECRET] },
    };
    const names = new Pseudonyms();
    const out = redactJson([entry, entry], names) as Array<typeof entry>;
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out).toHaveLength(2);
    const first = out[0]!;
    expect(first.State).toBe('running');
    expect(first.Created).toBe(1796283846);
    expect(first.Mounts[0]!.RW).toBe(true);
    expect(first.Config.Env).toHaveLength(2);
    // Ours and Kubernetes' label names are kept (Desktop's own containers are told by them); values only where allowed.
    expect(first.Labels['com.eci-tray.probe']).toBe('isolation');
    expect(first.Labels['io.kubernetes.pod.name']).toMatch(/^redacted-\d+$/);
    // The same value, the same stand-in: the two entries stay alike, ids stay linked.
    expect(out[1]).toEqual(first);
    expect(strings(out).every((s) => isPseudonym(s) || !s.includes(SECRET))).toBe(true);
  });

  it('malformed input: non-JSON values become null, odd nesting is handled', () => {
    expect(redactJson(undefined, new Pseudonyms())).toBeNull();
    expect(redactJson([[['x']]], new Pseudonyms())).toEqual([[['redacted-1']]]);
    expect(redactJson({ Labels: 'not-a-map' }, new Pseudonyms())).toEqual({ Labels: 'redacted-1' });
  });
});

describe("engineMessage keeps Desktop's error texts and nothing else", () => {
  const sysbox =
    "failed to create shim task: OCI runtime create failed: error in the container spec: invalid or unsupported container spec: sysbox containers can't share namespaces [pid] with the host (because they use the linux user-namespace for isolation): unknown";
  it.each([
    ['a namespace refusal', sysbox, sysbox],
    [
      'the paused text',
      'Docker Desktop is manually paused. Unpause it through the Whale menu or Dashboard.',
      'Docker Desktop is manually paused. Unpause it through the Whale menu or Dashboard.',
    ],
    [
      'a socket mount refusal, image replaced',
      `enhanced container isolation: docker socket mount denied for container with image "registry.corp/${SECRET}:1"; image is not in the allowed list`,
      'enhanced container isolation: docker socket mount denied for container with image "redacted-1"; image is not in the allowed list',
    ],
    ['No such container', `No such container: app-${SECRET}`, 'No such container: redacted-1'],
    ['any other text', `conflict: the name /${SECRET} is already in use`, 'redacted-1'],
  ])('%s', (_, input, expected) => {
    expect(engineMessage(input, new Pseudonyms())).toBe(expected);
  });
});

describe('redactOutput and redactEvent', () => {
  it('keeps uid_map lines only', () => {
    expect(redactOutput('         0     100000      65536\n', new Pseudonyms())).toBe(
      '         0     100000      65536\n',
    );
    expect(redactOutput(`0 0 4294967295\n${SECRET}\n`, new Pseudonyms())).toBe('0 0 4294967295\nredacted-1\n');
  });
  it("keeps an event's type and action word, drops exec commands and attributes", () => {
    expect(
      redactEvent({
        Type: 'container',
        Action: `exec_start: sh -c ${SECRET}`,
        Actor: { Attributes: { name: SECRET } },
        time: 5,
      }),
    ).toEqual({ Type: 'container', Action: 'exec_start', time: 5 });
    expect(redactEvent(null)).toEqual({ Type: '?', Action: '?', time: 0 });
    expect(redactEvent({ Type: SECRET })).toEqual({ Type: '?', Action: '?', time: 0 });
  });
});

describe('requestLine', () => {
  it.each([
    [
      '/v1.47/containers/json?all=1&filters=%7B%22label%22%3A%5B%22x%22%5D%7D',
      '/containers/json',
      ['all', 'filters[label]'],
    ],
    ['/v1.47/containers/f00d/json', '/containers/redacted-1/json', []],
    ['/images/registry.corp/team/app:1/json', '/images/redacted-1/json', []],
    ['/images/registry.corp/team/app:1', '/images/redacted-1', []],
    ['/images/json', '/images/json', []],
    ['http://127.0.0.1:2375/v1.41/_ping', '/_ping', []],
    [`/containers/create?name=${SECRET}`, '/containers/create', ['name']],
    ['/containers/json?filters=not-json', '/containers/json', ['filters[]']],
    ['/containers/%E0%A4%A/json', '/containers/redacted-1/json', []],
  ])('%s', (raw, path, query) => {
    const line = requestLine(raw, new Pseudonyms());
    expect(line).toEqual({ path, query });
  });
});
