import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  contextTlsDir,
  hostConnectionOptions,
  loadTls,
  readContextEndpoint,
  tlsRequestFor,
  type TlsRequest,
} from './docker-context';
import { EndpointError } from './endpoint';
import type { Endpoint } from '../model';

const env = (e: Endpoint['source'], url: string, context?: string): Endpoint => ({
  url,
  source: e,
  ...(context ? { context } : {}),
});

describe('tlsRequestFor (the docker CLI rules)', () => {
  const cfg = '/home/dev/.docker';
  const ctxDir = contextTlsDir(cfg, 'remote');
  it.each([
    ['plain tcp, no TLS env', env('env', 'tcp://h:2375'), {}, null, null],
    ['unix socket ignores DOCKER_TLS_VERIFY', env('flag', 'unix:///x.sock'), { DOCKER_TLS_VERIFY: '1' }, null, null],
    [
      'DOCKER_TLS_VERIFY=1 reads DOCKER_CERT_PATH',
      env('env', 'tcp://h:2376'),
      { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      null,
      { dir: '/certs', verify: true, caRequired: true },
    ],
    [
      'any non-empty DOCKER_TLS_VERIFY verifies, as in the docker CLI',
      env('flag', 'tcp://h:2376'),
      { DOCKER_TLS_VERIFY: '0' },
      null,
      { dir: cfg, verify: true, caRequired: true },
    ],
    [
      'DOCKER_TLS alone encrypts without verifying',
      env('env', 'tcp://h:2376'),
      { DOCKER_TLS: '1' },
      null,
      { dir: cfg, verify: false, caRequired: false },
    ],
    [
      'DOCKER_CONFIG is the default cert folder',
      env('env', 'tcp://h:2376'),
      { DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: '/cfg' },
      null,
      { dir: '/cfg', verify: true, caRequired: true },
    ],
    [
      'context with TLS files verifies with them',
      env('context', 'tcp://h:2376', 'remote'),
      { DOCKER_TLS_VERIFY: '' },
      { endpoint: { host: 'tcp://h:2376', skipTlsVerify: false }, tlsDirHasFiles: true },
      { dir: ctxDir, verify: true, caRequired: false },
    ],
    [
      'context with SkipTLSVerify',
      env('context', 'tcp://h:2376', 'remote'),
      {},
      { endpoint: { host: 'tcp://h:2376', skipTlsVerify: true }, tlsDirHasFiles: false },
      { dir: ctxDir, verify: false, caRequired: false },
    ],
    [
      'context without TLS ignores DOCKER_TLS_VERIFY (it is for DOCKER_HOST)',
      env('context', 'tcp://h:2375', 'remote'),
      { DOCKER_TLS_VERIFY: '1' },
      { endpoint: { host: 'tcp://h:2375', skipTlsVerify: false }, tlsDirHasFiles: false },
      null,
    ],
  ] as const)('%s', (_name, endpoint, e, context, expected) => {
    const vars: Record<string, string> = { ...e };
    const r = tlsRequestFor(endpoint, vars, vars['DOCKER_CONFIG'] ?? cfg, context);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatchObject(expected);
  });
});

describe('loadTls', () => {
  const files = (present: string[]) => (p: string) =>
    present.some((f) => p.endsWith(`/${f}`)) ? Buffer.from(p) : null;
  const req = (over: Partial<TlsRequest> = {}): TlsRequest => ({
    dir: '/c',
    verify: true,
    caRequired: true,
    origin: 'DOCKER_TLS_VERIFY',
    ...over,
  });
  it.each([
    [
      'all three files',
      req(),
      ['ca.pem', 'cert.pem', 'key.pem'],
      { verify: true, ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' },
    ],
    ['CA only: no client certificate, as the docker CLI allows', req(), ['ca.pem'], { verify: true, ca: '/c/ca.pem' }],
    [
      'no verification: the CA is not loaded',
      req({ verify: false, caRequired: false }),
      ['ca.pem', 'cert.pem', 'key.pem'],
      { verify: false, cert: '/c/cert.pem', key: '/c/key.pem' },
    ],
    [
      'context without ca.pem uses the system roots',
      req({ caRequired: false, origin: 'docker context "x"' }),
      ['cert.pem', 'key.pem'],
      { verify: true, cert: '/c/cert.pem', key: '/c/key.pem' },
    ],
  ] as const)('%s', (_name, request, present, expected) => {
    const tls = loadTls(request, files([...present]));
    const text = Object.fromEntries(Object.entries(tls).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString() : v]));
    expect(text).toEqual(expected);
  });

  it.each([
    [
      'DOCKER_TLS_VERIFY without ca.pem',
      req(),
      ['cert.pem', 'key.pem'],
      /DOCKER_TLS_VERIFY is set but there is no CA certificate at \/c\/ca\.pem/,
    ],
    ['a certificate without its key', req(), ['ca.pem', 'cert.pem'], /\/c\/cert\.pem has no matching key\.pem/],
    ['a key without its certificate', req(), ['ca.pem', 'key.pem'], /\/c\/key\.pem has no matching cert\.pem/],
  ] as const)('refuses %s', (_name, request, present, message) => {
    expect(() => loadTls(request, files([...present]))).toThrow(EndpointError);
    expect(() => loadTls(request, files([...present]))).toThrow(message);
  });
});

describe('docker context files (the docker CLI layout)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eci-ctx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const digest = createHash('sha256').update('remote').digest('hex');
  mkdirSync(join(dir, 'contexts', 'meta', digest), { recursive: true });
  writeFileSync(
    join(dir, 'contexts', 'meta', digest, 'meta.json'),
    JSON.stringify({
      Name: 'remote',
      Metadata: {},
      Endpoints: { docker: { Host: 'tcp://10.0.0.5:2376', SkipTLSVerify: false } },
    }),
  );
  mkdirSync(join(dir, 'contexts', 'tls', digest, 'docker'), { recursive: true });
  for (const f of ['ca', 'cert', 'key'])
    writeFileSync(join(dir, 'contexts', 'tls', digest, 'docker', `${f}.pem`), `${f}-pem`);

  it('reads the endpoint and SkipTLSVerify from meta.json', () => {
    expect(readContextEndpoint(dir, 'remote')).toEqual({ host: 'tcp://10.0.0.5:2376', skipTlsVerify: false });
    expect(readContextEndpoint(dir, 'missing')).toBeNull();
  });

  it('builds https options with the context TLS files', () => {
    const options = hostConnectionOptions(
      { url: 'tcp://10.0.0.5:2376', source: 'context', context: 'remote' },
      { DOCKER_CONFIG: dir },
    );
    expect(options).toMatchObject({ host: '10.0.0.5', port: 2376, protocol: 'https', rejectUnauthorized: true });
    const o = options as { ca: Buffer; cert: Buffer; key: Buffer };
    expect([o.ca.toString(), o.cert.toString(), o.key.toString()]).toEqual(['ca-pem', 'cert-pem', 'key-pem']);
  });

  it('DOCKER_TLS_VERIFY with an empty cert folder is a clear error, not a crash', () => {
    expect(() =>
      hostConnectionOptions(
        { url: 'tcp://h:2376', source: 'env' },
        { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(dir, 'nothing') },
      ),
    ).toThrow(/no CA certificate at .*nothing\/ca\.pem/);
  });
});
