// A stand-in for GitHub Releases on 127.0.0.1 (answering as GitHub Enterprise does, which
// electron-updater's GitHub provider supports through `host`): the latest release's tag
// (/api/v3/repos/OWNER/REPO/releases/latest), the releases feed (OWNER/REPO/releases.atom), and each
// release's assets (OWNER/REPO/releases/download/TAG/FILE). It counts every request, so a test can
// say "nothing was asked".

import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRelease {
  version: string;
  /** The AppImage's bytes, and (to play a tampered asset) bytes served instead of them. */
  asset: Buffer;
  served?: Buffer;
}

export interface FakeReleaseServer {
  host: string;
  requests: string[];
  close(): Promise<void>;
}

export const OWNER = 'eci-tray';
export const REPO = 'eci-tray';

export async function startFakeReleaseServer(release: FakeRelease): Promise<FakeReleaseServer> {
  const tag = `v${release.version}`;
  const file = `ECI-Tray-${release.version}.AppImage`;
  const sha512 = createHash('sha512').update(release.asset).digest('base64');
  const latestYml = `version: ${release.version}\nfiles:\n  - url: ${file}\n    sha512: ${sha512}\n    size: ${release.asset.length}\npath: ${file}\nsha512: ${sha512}\nreleaseDate: '2026-12-01T00:00:00.000Z'\n`;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    requests.push(path);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (path === `/api/v3/repos/${OWNER}/${REPO}/releases/latest`)
      return send(200, 'application/json', JSON.stringify({ tag_name: tag }));
    if (path.startsWith(`/${OWNER}/${REPO}/releases.atom`))
      return send(
        200,
        'application/atom+xml',
        `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>tag:github.com,2008:releases</id><title>Releases</title>` +
          `<entry><id>tag:github.com,2008:Repository/1/${tag}</id><updated>2026-12-01T00:00:00Z</updated><link rel="alternate" type="text/html" href="/${OWNER}/${REPO}/releases/tag/${tag}"/><title>${release.version}</title><content type="html">Fixes.</content></entry></feed>`,
      );
    if (path === `/${OWNER}/${REPO}/releases/download/${tag}/latest-linux.yml`)
      return send(200, 'text/yaml', latestYml);
    if (path === `/${OWNER}/${REPO}/releases/download/${tag}/${file}`)
      return send(200, 'application/octet-stream', release.served ?? release.asset);
    send(404, 'text/plain', 'Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
