// A TLS endpoint in front of a lab socket, set up like `dockerd --tlsverify`: the engine's
// certificate is signed by a lab CA and names 127.0.0.1, and clients must present a certificate
// from the same CA. Certificates are made with openssl in a temp folder; the listener is on
// loopback only. Bytes are piped both ways, so hijacked (attach) connections work too.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';

export interface TlsFront {
  /** `tcp://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** A DOCKER_CERT_PATH folder with ca.pem, cert.pem and key.pem for a client. */
  clientCertDir: string;
  /** The same client certificate and key, but a CA that did not sign the engine's certificate. */
  wrongCaDir: string;
  close(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA and a certificate it signs (server or client), in `dir`. */
function makeCa(dir: string, name: string): void {
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.pem`,
    ],
    dir,
  );
}

function makeSigned(dir: string, ca: string, name: string, ext: string): void {
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.csr`,
    ],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}-key.pem`,
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    ],
    dir,
  );
}

export async function startTlsFront(targetSocket: string): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'eci-tls-'));
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  makeSigned(dir, 'ca', 'server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  makeSigned(dir, 'ca', 'client', 'extendedKeyUsage=clientAuth\n');
  const read = (f: string) => readFileSync(join(dir, f));
  const clientCertDir = join(dir, 'client');
  const wrongCaDir = join(dir, 'wrong-ca');
  for (const [folder, ca] of [
    [clientCertDir, 'ca.pem'],
    [wrongCaDir, 'other-ca.pem'],
  ] as const) {
    mkdirSync(folder);
    writeFileSync(join(folder, 'ca.pem'), read(ca));
    writeFileSync(join(folder, 'cert.pem'), read('client.pem'));
    writeFileSync(join(folder, 'key.pem'), read('client-key.pem'));
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer(
    {
      key: read('server-key.pem'),
      cert: read('server.pem'),
      ca: read('ca.pem'),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (client) => {
      const upstream = connect(targetSocket);
      sockets.add(client);
      sockets.add(upstream);
      const done = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', done).on('close', done);
      upstream.on('error', done).on('close', done);
      client.pipe(upstream);
      upstream.pipe(client);
    },
  );
  // Failed handshakes (the wrong-CA case) are expected; they must not crash the test process.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `tcp://127.0.0.1:${port}`,
    port,
    clientCertDir,
    wrongCaDir,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
