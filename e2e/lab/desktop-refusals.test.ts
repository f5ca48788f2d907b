import { describe, expect, it } from 'vitest';
import {
  mountsDockerSocket,
  refusalMoments,
  socketSourceFromEngine,
  socketSourceToEngine,
  withoutSocketMounts,
} from './desktop-refusals';

const ENGINE = '/tmp/eci-lab-x/engine.sock';

describe('refusal moments', () => {
  it.each([
    [undefined, { namespaces: 'start', socketMount: 'create' }],
    ['create', { namespaces: 'create', socketMount: 'create' }],
    ['start', { namespaces: 'start', socketMount: 'start' }],
  ] as const)('%s → %j', (switchValue, moments) => expect(refusalMoments(switchValue)).toEqual(moments));
});

describe('Docker socket mounts', () => {
  it.each([
    [{ Binds: ['/var/run/docker.sock:/var/run/docker.sock'] }, true],
    [{ Binds: ['/run/user/1000/docker.sock:/var/run/docker.sock:ro'] }, true],
    [{ Mounts: [{ Type: 'bind', Source: '/var/run/docker.sock', Target: '/sock' }] }, true],
    [{ Mounts: [{ Type: 'volume', Source: 'docker.sock', Target: '/sock' }] }, false],
    [{ Binds: ['/var/run/docker.sock.bak:/x'] }, false],
    [{ Binds: ['data:/data'] }, false],
    [{}, false],
  ])('%j mounts the socket: %s', (hostConfig, expected) => expect(mountsDockerSocket(hostConfig)).toBe(expected));

  it('a create Desktop refuses at start keeps its other mounts', () => {
    const hc: Record<string, unknown> = {
      Binds: ['/var/run/docker.sock:/var/run/docker.sock', 'data:/data'],
      Mounts: [
        { Type: 'bind', Source: '/run/docker.sock', Target: '/s' },
        { Type: 'volume', Source: 'v', Target: '/v' },
      ],
    };
    withoutSocketMounts(hc);
    expect(hc).toEqual({ Binds: ['data:/data'], Mounts: [{ Type: 'volume', Source: 'v', Target: '/v' }] });
  });

  it("Desktop's socket path goes to the lab engine's socket, and inspect shows the path asked for", () => {
    const hc: Record<string, unknown> = {
      Binds: ['/var/run/docker.sock:/var/run/docker.sock:ro', '/home/me/docker.sock:/x', 'data:/data'],
      Mounts: [{ Type: 'bind', Source: '/run/docker.sock', Target: '/s' }],
    };
    socketSourceToEngine(hc, ENGINE);
    // Only Desktop's own paths are mapped; another socket path is the user's business.
    expect(hc['Binds']).toEqual([`${ENGINE}:/var/run/docker.sock:ro`, '/home/me/docker.sock:/x', 'data:/data']);
    expect(hc['Mounts']).toEqual([{ Type: 'bind', Source: ENGINE, Target: '/s' }]);

    const info: Record<string, unknown> = {
      HostConfig: hc,
      Mounts: [{ Type: 'bind', Source: ENGINE, Destination: '/var/run/docker.sock' }],
    };
    socketSourceFromEngine(info, ENGINE);
    expect((info['HostConfig'] as Record<string, unknown>)['Binds']).toEqual([
      '/var/run/docker.sock:/var/run/docker.sock:ro',
      '/home/me/docker.sock:/x',
      'data:/data',
    ]);
    expect(info['Mounts']).toEqual([
      { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock' },
    ]);
  });
});
