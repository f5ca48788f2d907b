// tcp:// endpoints with TLS, the way `dockerd --tlsverify` serves them: a TLS front (lab CA,
// client certificates required) in front of the lab's Docker Desktop socket. The product reaches
// it through DOCKER_TLS_VERIFY/DOCKER_CERT_PATH and through docker contexts written by the real
// docker CLI, and a wrong CA is a clear TLS error, not a silent "unreachable".

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { startTlsFront, type TlsFront } from '../lab/tls-front';
import { checkJson } from './helpers';

const exec = promisify(execFile);

describe('TLS endpoints', () => {
  let lab: Lab;
  let front: TlsFront;
  let dockerConfig: string;
  /** Nothing inherited from the test's own environment decides the endpoint. */
  const clean = { DOCKER_HOST: '', DOCKER_CONTEXT: '', DOCKER_TLS_VERIFY: '', DOCKER_TLS: '', DOCKER_CERT_PATH: '' };
  const settingsArgs = () => [
    '--admin-settings',
    lab.paths.adminSettings,
    '--user-settings',
    lab.paths.userSettings,
    '--probe-image',
    lab.probeImage,
  ];

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
    front = await startTlsFront(lab.dockerHost.replace(/^unix:\/\//, ''));
    dockerConfig = mkdtempSync(join(tmpdir(), 'eci-tls-config-'));
  });
  afterAll(async () => {
    await front?.close();
    await lab?.teardown();
    if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
  });

  it('--docker-host tcp:// with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH gets a verified verdict', async () => {
    const { code, report } = await checkJson(['--docker-host', front.url, ...settingsArgs()], {
      ...clean,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: front.clientCertDir,
    });
    expect(report.endpoint).toEqual({ url: front.url, source: 'flag' });
    expect(report.engine).toMatchObject({ reachable: true, desktop: true });
    expect(report.checks.map((c: { result: string }) => c.result)).toEqual([
      'isolated',
      'isolated',
      'isolated',
      'isolated',
    ]);
    expect(report.verdict).toBe('protected');
    expect(code).toBe(0);
  });

  it('DOCKER_HOST=tcp:// with TLS from the environment works the same', async () => {
    const { report } = await checkJson(settingsArgs(), {
      ...clean,
      DOCKER_HOST: front.url,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: front.clientCertDir,
    });
    expect(report.endpoint).toEqual({ url: front.url, source: 'env' });
    expect(report.verdict).toBe('protected');
  });

  it('a --docker-host flag wins over a tcp DOCKER_HOST whose certificate folder does not exist', async () => {
    // dockerode's own defaults would read DOCKER_CERT_PATH and talk to DOCKER_HOST.
    const { report } = await checkJson(['--docker-host', lab.dockerHost, ...settingsArgs()], {
      ...clean,
      DOCKER_HOST: 'tcp://127.0.0.1:1',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: join(dockerConfig, 'no-such-folder'),
    });
    expect(report.endpoint).toEqual({ url: lab.dockerHost, source: 'flag' });
    expect(report.verdict).toBe('protected');
  });

  it('a docker context made by the docker CLI with ca/cert/key works', async () => {
    const env = { ...process.env, ...clean, DOCKER_CONFIG: dockerConfig };
    const c = front.clientCertDir;
    await exec(
      'docker',
      [
        'context',
        'create',
        'eci-tls',
        '--docker',
        `host=${front.url},ca=${c}/ca.pem,cert=${c}/cert.pem,key=${c}/key.pem`,
      ],
      { env },
    );
    await exec('docker', ['context', 'use', 'eci-tls'], { env });
    // The docker CLI itself reaches the front with this context: it is a real TLS Docker endpoint.
    const version = await exec('docker', ['version', '--format', '{{.Server.Platform.Name}}'], { env });
    expect(version.stdout).toMatch(/^Docker Desktop/);

    const { report } = await checkJson(settingsArgs(), { ...clean, DOCKER_CONFIG: dockerConfig });
    expect(report.endpoint).toEqual({ url: front.url, source: 'context', context: 'eci-tls' });
    expect(report.verdict).toBe('protected');
  });

  it('a context with SkipTLSVerify and a client certificate works without the CA', async () => {
    const env = { ...process.env, ...clean, DOCKER_CONFIG: dockerConfig };
    const c = front.clientCertDir;
    await exec(
      'docker',
      [
        'context',
        'create',
        'eci-tls-skip',
        '--docker',
        `host=${front.url},cert=${c}/cert.pem,key=${c}/key.pem,skip-tls-verify=true`,
      ],
      { env },
    );
    const { report } = await checkJson(settingsArgs(), {
      ...clean,
      DOCKER_CONFIG: dockerConfig,
      DOCKER_CONTEXT: 'eci-tls-skip',
    });
    expect(report.endpoint).toMatchObject({ source: 'context', context: 'eci-tls-skip' });
    expect(report.verdict).toBe('protected');
  });

  it('a wrong CA is engine-unreachable with the TLS reason', async () => {
    const { code, report } = await checkJson(['--docker-host', front.url, ...settingsArgs(), '--timeout', '20'], {
      ...clean,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: front.wrongCaDir,
    });
    expect(report.verdict).toBe('engine-unreachable');
    expect(code).toBe(13);
    expect(report.engine.error).toMatch(/TLS verification failed: the engine certificate/);
    expect(report.reason).toMatch(/TLS verification failed/);
  });

  it('DOCKER_TLS_VERIFY without a CA file is a clear error naming the file', async () => {
    const { report } = await checkJson(['--docker-host', front.url, ...settingsArgs(), '--timeout', '20'], {
      ...clean,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: join(dockerConfig, 'empty'),
    });
    expect(report.verdict).toBe('engine-unreachable');
    expect(report.engine.error).toContain(`no CA certificate at ${join(dockerConfig, 'empty', 'ca.pem')}`);
  });
});
