import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { recreateSpec } from './recreate-spec';

const ID = 'a'.repeat(64);
const info = (mode: string, networks: string[]) =>
  ({
    Id: ID,
    Name: '/web',
    Config: { Image: 'alpine' },
    HostConfig: { NetworkMode: mode },
    Mounts: [],
    NetworkSettings: { Networks: Object.fromEntries(networks.map((n) => [n, { Aliases: null }])) },
  }) as unknown as Docker.ContainerInspectInfo;

describe('recreateSpec networks', () => {
  it.each<[string, string, string[], string | null, string[]]>([
    ['user network first, others connected after', 'app', ['app', 'backend'], 'app', ['backend']],
    [
      'default bridge of an older engine ("default") is not connected again',
      'default',
      ['bridge', 'backend'],
      null,
      ['backend'],
    ],
    ['bridge named as such', 'bridge', ['bridge'], 'bridge', []],
    ['no network', 'none', ['none'], 'none', []],
  ])('%s', (_n, mode, networks, primary, connect) => {
    const spec = recreateSpec(info(mode, networks), 'alpine');
    expect(Object.keys(spec.create.NetworkingConfig?.EndpointsConfig ?? {})).toEqual(primary ? [primary] : []);
    expect(spec.connect.map((c) => c.network)).toEqual(connect);
  });
});
