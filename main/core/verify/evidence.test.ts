import { describe, expect, it } from 'vitest';
import {
  attemptFromStart,
  hostPidCheck,
  isMissingEntrypoint,
  isNamespaceRefusal,
  NEVER_RUNS_ENTRYPOINT,
  runtimeCheck,
  socketMountCheck,
  uidMapCheck,
  type Attempt,
} from './evidence';

describe('uid_map', () => {
  it.each([
    ['         0     100000      65536\n', 'isolated', '0 100000 65536'],
    // Sysbox gives each container its own range: Docker's ECI page shows a second container with
    // `0 165536 65536` (features-benefits.md). Any non-zero outside id is a remapped root.
    ['         0     165536      65536\n', 'isolated', '0 165536 65536'],
    ['0 231072 65536', 'isolated', '0 231072 65536'],
    ['0 0 65536', 'not-isolated', '0 0 65536'],
    ['0 0 4294967295', 'not-isolated', '0 0 4294967295'],
    ['  0  1000  1\n  1 100000 65536', 'isolated', '0 1000 1'],
    ['', 'error', 'the probe container printed no uid_map'],
    ["cat: can't open", 'error', "unexpected uid_map: cat: can't open"],
    ['0 x 1', 'error', 'unexpected uid_map: 0 x 1'],
  ])('%j → %s', (out, result, observation) => {
    expect(uidMapCheck(out)).toEqual({ id: 'uid-map', result, observation });
  });
});

describe('runtime', () => {
  it.each([
    ['sysbox-runc', 'isolated'],
    ['runc', 'not-isolated'],
    ['io.containerd.runc.v2', 'not-isolated'],
    [undefined, 'error'],
    ['', 'error'],
  ] as const)('%s → %s', (rt, result) => expect(runtimeCheck(rt).result).toBe(result));
});

describe('host PID namespace', () => {
  it.each([
    [
      "failed to create shim task: OCI runtime create failed: ... sysbox containers can't share namespaces [pid] with the host (because they use the linux user-namespace for isolation): unknown",
      true,
    ],
    ["sysbox containers can't share a network namespace with the host", true],
    ['cannot share the host PID namespace when user namespaces are enabled', true],
    ['No such image: alpine:latest', false],
    ['', false],
  ])('%s refusal: %s', (msg, refusal) => expect(isNamespaceRefusal(msg)).toBe(refusal));

  it('allowed is not isolated; an unrelated refusal is an error, not evidence', () => {
    expect(hostPidCheck({ outcome: 'allowed', detail: 'started' }).result).toBe('not-isolated');
    expect(
      hostPidCheck({
        outcome: 'refused',
        at: 'create',
        message: "sysbox containers can't share namespaces [pid] with the host",
      }).result,
    ).toBe('isolated');
    expect(hostPidCheck({ outcome: 'refused', at: 'start', message: 'no space left on device' })).toEqual({
      id: 'host-pid-namespace',
      result: 'error',
      observation: 'refused at start for another reason: no space left on device',
    });
    expect(hostPidCheck({ outcome: 'error', message: 'timeout' }).result).toBe('error');
  });
});

describe('docker socket mount', () => {
  const denied =
    'enhanced container isolation: docker socket mount denied for container with image "docker.io/library/alpine:latest"; image is not in the allowed list';
  it.each([
    [{ outcome: 'refused', at: 'create', message: denied } as const, false, 'isolated'],
    [{ outcome: 'refused', at: 'start', message: denied } as const, false, 'isolated'],
    [{ outcome: 'refused', at: 'start', message: denied } as const, true, 'isolated'],
    [{ outcome: 'allowed', detail: 'accepted' } as const, false, 'not-isolated'],
    [{ outcome: 'allowed', detail: 'accepted' } as const, true, 'allow-listed'],
    [{ outcome: 'refused', at: 'create', message: 'invalid mount config' } as const, false, 'error'],
    [{ outcome: 'error', message: 'socket hang up' } as const, true, 'error'],
  ])('%j (allow-listed %s) → %s', (attempt, allowListed, result) => {
    expect(socketMountCheck(attempt, allowListed).result).toBe(result);
  });
});

// Real texts: the lab's dockerd 20.10.24 with runc 1.1.5 printed the first two for
// `POST /containers/{id}/start` (HTTP 400); the others are what older and newer runc and crun print.
const missing = (ep: string) => ({
  runc10: `OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "${ep}": stat ${ep}: no such file or directory: unknown`,
  runc11: `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${ep}": stat ${ep}: no such file or directory: unknown`,
  runc12: `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${ep}": stat ${ep}: no such file or directory: unknown`,
  crun: `crun: executable file \`${ep}\` not found: No such file or directory: OCI runtime attempt to invoke a command that was not found`,
});
const NS_AT_START =
  "failed to create shim task: OCI runtime create failed: error in the container spec: invalid or unsupported container spec: sysbox containers can't share namespaces [pid] with the host (because they use the linux user-namespace for isolation): unknown";
const SOCKET_DENIED =
  'enhanced container isolation: docker socket mount denied for container with image "docker.io/library/alpine:latest"; image is not in the allowed list; if you wish to allow it, configure the docker socket image list in the Docker Desktop settings.';

describe('the missing entrypoint: the engine accepted the container', () => {
  const ep = NEVER_RUNS_ENTRYPOINT;
  it.each<[string, string, boolean]>([
    ...Object.entries(missing(ep)).map(([k, msg]): [string, string, boolean] => [k, msg, true]),
    // Another file missing (a bind source, a layer) is not our entrypoint: not evidence of acceptance.
    [
      'missing bind source',
      "error while creating mount source path '/var/run/docker.sock': mkdir /var/run/docker.sock: no such file or directory",
      false,
    ],
    ['another entrypoint', missing('/bin/true').runc11, false],
    ['a namespace refusal', NS_AT_START, false],
    ['a socket refusal', SOCKET_DENIED, false],
    ['empty', '', false],
  ])('%s → %s', (_k, msg, expected) => expect(isMissingEntrypoint(msg)).toBe(expected));

  it('a relative entrypoint is looked up in $PATH: "executable file not found"', () => {
    const text =
      'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "never-runs": executable file not found in $PATH: unknown';
    expect(isMissingEntrypoint(text, 'never-runs')).toBe(true);
  });
});

describe('a refusal probe, created and then started with the missing entrypoint', () => {
  // create: how the create went (null = accepted). start: how the start went (null = started).
  type Step = { message: string; engineAnswered: boolean } | null;
  const refused = (message: string): Step => ({ message, engineAnswered: true });
  const noAnswer = (message: string): Step => ({ message, engineAnswered: false });
  /** What probe.ts does with the two answers. */
  const attempt = (create: Step, start: Step): Attempt =>
    create === null
      ? attemptFromStart('a probe', start)
      : create.engineAnswered
        ? { outcome: 'refused', at: 'create', message: create.message }
        : { outcome: 'error', message: create.message };

  it.each([
    // Host PID namespace
    ['pid', 'refused at create (Desktop)', refused(NS_AT_START), null, 'isolated', 'refused at create: '],
    ['pid', 'refused at start (sysbox-runc)', null, refused(NS_AT_START), 'isolated', 'refused at start: '],
    [
      'pid',
      'refused at create (userns-remap engine)',
      refused('cannot share the host PID namespace when user namespaces are enabled'),
      null,
      'isolated',
      'user namespaces',
    ],
    [
      'pid',
      'accepted: only the entrypoint was missing',
      null,
      refused(missing(NEVER_RUNS_ENTRYPOINT).runc11),
      'not-isolated',
      'created and started',
    ],
    ['pid', 'accepted: started', null, null, 'not-isolated', 'created and started'],
    [
      'pid',
      'start refused for another reason',
      null,
      refused('cgroup: no space left on device'),
      'error',
      'refused at start for another reason: cgroup',
    ],
    [
      'pid',
      'create refused for another reason',
      refused('No such image: alpine:latest'),
      null,
      'error',
      'No such image',
    ],
    ['pid', 'start timed out', null, noAnswer('container-start: no answer within 10 s'), 'error', 'no answer'],
    ['pid', 'create timed out', noAnswer('socket hang up'), null, 'error', 'socket hang up'],
    // Docker socket mount
    [
      'socket',
      'refused at create (ECI)',
      refused(SOCKET_DENIED),
      null,
      'isolated',
      'refused at create: enhanced container isolation',
    ],
    [
      'socket',
      'refused at start (ECI)',
      null,
      refused(SOCKET_DENIED),
      'isolated',
      'refused at start: enhanced container isolation',
    ],
    [
      'socket',
      'accepted: only the entrypoint was missing',
      null,
      refused(missing(NEVER_RUNS_ENTRYPOINT).runc12),
      'not-isolated',
      'does not exist, so nothing ran',
    ],
    [
      'socket',
      'start failed on the bind source',
      null,
      refused("error while creating mount source path '/var/run/docker.sock': permission denied"),
      'error',
      'mount source',
    ],
    ['socket', 'start timed out', null, noAnswer('timeout'), 'error', 'timeout'],
  ] as const)('%s: %s → %s', (kind, _case, create, start, result, observation) => {
    const a = attempt(create, start);
    const check = kind === 'pid' ? hostPidCheck(a) : socketMountCheck(a, false);
    expect(check.result).toBe(result);
    expect(check.observation).toContain(observation);
  });

  it('an allow-listed probe image that the engine accepted (at create and at start) is allow-listed, not a failure', () => {
    const a = attempt(null, refused(missing(NEVER_RUNS_ENTRYPOINT).runc11));
    expect(socketMountCheck(a, true).result).toBe('allow-listed');
    expect(socketMountCheck(attempt(null, refused(SOCKET_DENIED)), true).result).toBe('isolated');
  });
});
