import { Agent as HttpsAgent } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from './engine-client';
import { classifyTlsError } from './tls-errors';

describe('classifyTlsError', () => {
  it.each([
    [
      { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: 'unable to verify the first certificate' },
      /TLS verification failed: the engine certificate is not signed by the trusted CA \(unable to verify the first certificate\)/,
    ],
    [
      { code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed certificate in certificate chain' },
      /TLS verification failed: the engine certificate chain ends in a CA that is not the trusted one/,
    ],
    [
      { code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" },
      /does not cover this host name/,
    ],
    [{ code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }, /has expired/],
    [
      { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', message: 'tlsv13 alert certificate required' },
      /TLS error: the engine refused the client certificate/,
    ],
    [{ code: 'EPROTO', message: 'wrong version number' }, /the endpoint does not speak TLS/],
    [
      {
        statusCode: 400,
        json: 'Client sent an HTTP request to an HTTPS server.\n',
        message: '(HTTP code 400) unexpected',
      },
      /the engine speaks TLS: set DOCKER_TLS_VERIFY=1/,
    ],
  ])('%j', (err, message) => {
    const e = classifyTlsError(err, 'ping');
    expect(e?.kind).toBe('unreachable');
    expect(e?.message).toMatch(/^ping: /);
    expect(e?.message).toMatch(message);
  });

  it.each([
    [{ code: 'ECONNREFUSED', message: 'refused' }],
    [{ statusCode: 400, json: { message: 'bad parameter' } }],
    [new Error('socket hang up')],
    [null],
  ])('leaves %j to the general classifier', (err) => {
    expect(classifyTlsError(err, 'ping')).toBeNull();
  });
});

describe('EngineClient connection', () => {
  const saved = { host: process.env['DOCKER_HOST'], certs: process.env['DOCKER_CERT_PATH'] };
  afterEach(() => {
    for (const [k, v] of [
      ['DOCKER_HOST', saved.host],
      ['DOCKER_CERT_PATH', saved.certs],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('https endpoints get an https agent that carries the TLS material', () => {
    const client = new EngineClient({
      connection: { host: '127.0.0.1', port: 2376, protocol: 'https', ca: Buffer.from('CA'), rejectUnauthorized: true },
    });
    const agent = (client.docker.modem as unknown as { agent: HttpsAgent }).agent;
    expect(agent).toBeInstanceOf(HttpsAgent);
    expect((agent as unknown as { options: { ca: Buffer; rejectUnauthorized: boolean } }).options).toMatchObject({
      ca: Buffer.from('CA'),
      rejectUnauthorized: true,
    });
    client.close();
  });

  it("the endpoint given wins over dockerode's defaults from a tcp DOCKER_HOST, and a missing DOCKER_CERT_PATH does not throw", () => {
    process.env['DOCKER_HOST'] = 'tcp://10.9.9.9:2376';
    process.env['DOCKER_CERT_PATH'] = '/no/such/folder';
    const client = new EngineClient({ connection: { socketPath: '/tmp/lab.sock' } });
    const modem = client.docker.modem as unknown as {
      host?: string;
      socketPath?: string;
      protocol: string;
      ca?: unknown;
    };
    expect(modem).toMatchObject({ socketPath: '/tmp/lab.sock', protocol: 'http' });
    expect(modem.host).toBeUndefined();
    expect(modem.ca).toBeUndefined();
    expect(process.env['DOCKER_HOST']).toBe('tcp://10.9.9.9:2376');
    client.close();
  });
});
