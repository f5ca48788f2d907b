import { describe, expect, it } from 'vitest';
import { hostPidCheck, isNamespaceRefusal, runtimeCheck, socketMountCheck, uidMapCheck } from './evidence';

describe('uid_map', () => {
  it.each([
    ['         0     100000      65536\n', 'isolated', '0 100000 65536'],
    ['0 0 4294967295', 'not-isolated', '0 0 4294967295'],
    ['  0  1000  1\n  1 100000 65536', 'isolated', '0 1000 1'],
    ['', 'error', 'the probe container printed no uid_map'],
    ['cat: can\'t open', 'error', "unexpected uid_map: cat: can't open"],
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
    ["failed to create shim task: OCI runtime create failed: ... sysbox containers can't share namespaces [pid] with the host (because they use the linux user-namespace for isolation): unknown", true],
    ["sysbox containers can't share a network namespace with the host", true],
    ['cannot share the host PID namespace when user namespaces are enabled', true],
    ['No such image: alpine:latest', false],
    ['', false],
  ])('%s refusal: %s', (msg, refusal) => expect(isNamespaceRefusal(msg)).toBe(refusal));

  it('allowed is not isolated; an unrelated refusal is an error, not evidence', () => {
    expect(hostPidCheck({ outcome: 'allowed', detail: 'started' }).result).toBe('not-isolated');
    expect(hostPidCheck({ outcome: 'refused', message: "sysbox containers can't share namespaces [pid] with the host" }).result).toBe('isolated');
    expect(hostPidCheck({ outcome: 'refused', message: 'no space left on device' })).toEqual({
      id: 'host-pid-namespace',
      result: 'error',
      observation: 'refused for another reason: no space left on device',
    });
    expect(hostPidCheck({ outcome: 'error', message: 'timeout' }).result).toBe('error');
  });
});

describe('docker socket mount', () => {
  const denied = 'enhanced container isolation: docker socket mount denied for container with image "docker.io/library/alpine:latest"; image is not in the allowed list';
  it.each([
    [{ outcome: 'refused', message: denied } as const, false, 'isolated'],
    [{ outcome: 'allowed', detail: 'accepted' } as const, false, 'not-isolated'],
    [{ outcome: 'allowed', detail: 'accepted' } as const, true, 'allow-listed'],
    [{ outcome: 'refused', message: 'invalid mount config' } as const, false, 'error'],
    [{ outcome: 'error', message: 'socket hang up' } as const, true, 'error'],
  ])('%j (allow-listed %s) → %s', (attempt, allowListed, result) => {
    expect(socketMountCheck(attempt, allowListed).result).toBe(result);
  });
});
