import { describe, expect, it } from 'vitest';
import { connectionOptions, EndpointError, normalizeUrl, resolveEndpoint, type EndpointInputs } from './endpoint';

const base = (over: Partial<EndpointInputs> = {}): EndpointInputs => ({
  env: {},
  platform: 'linux',
  home: '/home/dev',
  currentContext: null,
  contextHost: () => null,
  exists: () => false,
  ...over,
});

describe('resolveEndpoint', () => {
  const contexts: Record<string, string> = {
    'desktop-linux': 'unix:///home/dev/.docker/desktop/docker.sock',
    remote: 'tcp://10.0.0.5:2375',
  };
  const rows: Array<[string, Partial<EndpointInputs>, string, string]> = [
    [
      'flag wins over everything',
      { flag: 'unix:///tmp/x.sock', env: { DOCKER_HOST: 'tcp://a:1' }, currentContext: 'remote' },
      'unix:///tmp/x.sock',
      'flag',
    ],
    [
      'DOCKER_HOST over context',
      { env: { DOCKER_HOST: 'tcp://a:2375' }, currentContext: 'remote' },
      'tcp://a:2375',
      'env',
    ],
    ['DOCKER_HOST without scheme is tcp', { env: { DOCKER_HOST: 'a:2375' } }, 'tcp://a:2375', 'env'],
    [
      'current context from config.json',
      { currentContext: 'desktop-linux' },
      'unix:///home/dev/.docker/desktop/docker.sock',
      'context',
    ],
    [
      'DOCKER_CONTEXT overrides config.json',
      { env: { DOCKER_CONTEXT: 'remote' }, currentContext: 'desktop-linux' },
      'tcp://10.0.0.5:2375',
      'context',
    ],
    [
      '"default" context falls through',
      { currentContext: 'default' },
      'unix:///var/run/docker.sock',
      'platform-default',
    ],
    [
      'Desktop socket on Linux when present',
      { exists: (p) => p === '/home/dev/.docker/desktop/docker.sock' },
      'unix:///home/dev/.docker/desktop/docker.sock',
      'desktop-socket',
    ],
    [
      'Desktop socket on macOS',
      { platform: 'darwin', home: '/Users/dev', exists: (p) => p === '/Users/dev/.docker/run/docker.sock' },
      'unix:///Users/dev/.docker/run/docker.sock',
      'desktop-socket',
    ],
    [
      'Desktop pipe on Windows',
      { platform: 'win32', exists: (p) => p === '\\\\.\\pipe\\dockerDesktopLinuxEngine' },
      'npipe:////./pipe/dockerDesktopLinuxEngine',
      'desktop-socket',
    ],
    ['platform default on Windows', { platform: 'win32' }, 'npipe:////./pipe/docker_engine', 'platform-default'],
    ['platform default on Linux', {}, 'unix:///var/run/docker.sock', 'platform-default'],
    ['blank flag is ignored', { flag: '  ', env: { DOCKER_HOST: 'unix:///x' } }, 'unix:///x', 'env'],
  ];
  it.each(rows)('%s', (_name, over, url, source) => {
    const e = resolveEndpoint(base({ contextHost: (n) => contexts[n] ?? null, ...over }));
    expect(e.url).toBe(url);
    expect(e.source).toBe(source);
  });

  it('a current context without metadata is a clear error', () => {
    expect(() => resolveEndpoint(base({ currentContext: 'gone' }))).toThrow(
      /docker context "gone" has no docker endpoint/,
    );
  });

  it.each(['ssh://me@host', 'ftp://x'])('refuses %s', (url) => {
    expect(() => normalizeUrl(url)).toThrow(EndpointError);
  });
});

describe('connectionOptions', () => {
  it.each([
    ['unix:///var/run/docker.sock', { socketPath: '/var/run/docker.sock' }],
    ['npipe:////./pipe/docker_engine', { socketPath: '//./pipe/docker_engine' }],
    ['tcp://127.0.0.1:2375', { host: '127.0.0.1', port: 2375, protocol: 'http' }],
    ['tcp://docker.example', { host: 'docker.example', port: 2375, protocol: 'http' }],
  ])('%s', (url, expected) => expect(connectionOptions(url)).toEqual(expected));

  it.each([
    [
      'verified, with CA and client certificate',
      { verify: true, ca: Buffer.from('a'), cert: Buffer.from('b'), key: Buffer.from('c') },
      'tcp://h:2376',
      {
        host: 'h',
        port: 2376,
        protocol: 'https',
        ca: Buffer.from('a'),
        cert: Buffer.from('b'),
        key: Buffer.from('c'),
        rejectUnauthorized: true,
      },
    ],
    [
      'not verified (DOCKER_TLS, SkipTLSVerify)',
      { verify: false },
      'tcp://h',
      { host: 'h', port: 2376, protocol: 'https', rejectUnauthorized: false },
    ],
    [
      'https:// without material verifies against the system roots',
      null,
      'https://h:443',
      { host: 'h', port: 443, protocol: 'https', rejectUnauthorized: true },
    ],
    [
      'IPv6 literal',
      { verify: true },
      'tcp://[::1]:2376',
      { host: '::1', port: 2376, protocol: 'https', rejectUnauthorized: true },
    ],
  ] as const)('https: %s', (_name, tls, url, expected) => {
    expect(connectionOptions(url, tls)).toEqual(expected);
  });

  it.each(['unix://', 'tcp://'])('%s is refused', (url) => expect(() => connectionOptions(url)).toThrow(EndpointError));
});
