// Which Docker engine to talk to, decided the way the docker CLI decides it: an explicit flag,
// then DOCKER_HOST, then the current docker context, then Docker Desktop's socket for the OS,
// then the platform default. Pure: all I/O arrives as functions.

import { posix } from 'node:path';
import type { Endpoint } from '../model';

export class EndpointError extends Error {
  override name = 'EndpointError';
}

export interface EndpointInputs {
  flag?: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
  /** `currentContext` from the docker CLI's config.json, if any. */
  currentContext: string | null;
  /** The docker endpoint host recorded for a context, or null when its metadata is missing. */
  contextHost: (name: string) => string | null;
  /** Whether a unix socket / named pipe path exists. */
  exists: (path: string) => boolean;
}

export function desktopSocketUrl(platform: NodeJS.Platform, home: string): string {
  switch (platform) {
    case 'darwin':
      return `unix://${posix.join(home, '.docker/run/docker.sock')}`;
    case 'win32':
      return 'npipe:////./pipe/dockerDesktopLinuxEngine';
    default:
      return `unix://${posix.join(home, '.docker/desktop/docker.sock')}`;
  }
}

export function platformDefaultUrl(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
}

export function resolveEndpoint(inputs: EndpointInputs): Endpoint {
  const flag = inputs.flag?.trim();
  if (flag) return { url: normalizeUrl(flag), source: 'flag' };

  const envHost = inputs.env['DOCKER_HOST']?.trim();
  if (envHost) return { url: normalizeUrl(envHost), source: 'env' };

  // DOCKER_CONTEXT overrides config.json's currentContext, as in the docker CLI.
  const context = inputs.env['DOCKER_CONTEXT']?.trim() || inputs.currentContext?.trim() || null;
  if (context && context !== 'default') {
    const host = inputs.contextHost(context);
    if (!host) {
      throw new EndpointError(
        `The current docker context "${context}" has no docker endpoint (its metadata is missing). ` +
          'Run "docker context ls" to check it, or pass --docker-host.',
      );
    }
    return { url: normalizeUrl(host), source: 'context', context };
  }

  const desktop = desktopSocketUrl(inputs.platform, inputs.home);
  if (inputs.exists(socketPathOf(desktop))) return { url: desktop, source: 'desktop-socket' };
  return { url: platformDefaultUrl(inputs.platform), source: 'platform-default' };
}

/** Accepts `host:port` as tcp, like DOCKER_HOST does; rejects what cannot be a Docker endpoint. */
export function normalizeUrl(raw: string): string {
  if (!raw.includes('://')) return `tcp://${raw}`;
  const scheme = raw.slice(0, raw.indexOf('://')).toLowerCase();
  if (!['unix', 'npipe', 'tcp', 'http', 'https'].includes(scheme)) {
    if (scheme === 'ssh')
      throw new EndpointError(
        'ssh:// Docker endpoints are not supported; use a unix socket, named pipe or tcp:// endpoint.',
      );
    throw new EndpointError(`"${raw}" is not a Docker endpoint: use unix://, npipe:// or tcp://.`);
  }
  return raw;
}

/** The filesystem path of a unix:// or npipe:// URL (`npipe:////./pipe/x` is `//./pipe/x`). */
export function socketPathOf(url: string): string {
  if (url.startsWith('unix://')) return url.slice('unix://'.length);
  if (url.startsWith('npipe://')) return url.slice('npipe://'.length).replace(/\//g, '\\');
  return '';
}

export type ConnectionOptions =
  | { socketPath: string }
  | { host: string; port: number; protocol: 'http' }
  | {
      host: string;
      port: number;
      protocol: 'https';
      ca?: Buffer;
      cert?: Buffer;
      key?: Buffer;
      rejectUnauthorized: boolean;
    };

/**
 * TLS for a tcp endpoint, as the docker CLI sets it up: `verify` checks the engine's certificate
 * (against `ca`, else the system's roots) and its host name; `cert`/`key` are the client's.
 */
export interface TlsOptions {
  verify: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** Connection options for dockerode; `tls` is given when DOCKER_TLS_VERIFY/DOCKER_TLS or the context ask for it. */
export function connectionOptions(url: string, tls: TlsOptions | null = null): ConnectionOptions {
  if (url.startsWith('unix://')) {
    const socketPath = socketPathOf(url);
    if (!socketPath) throw new EndpointError(`"${url}" has no socket path.`);
    return { socketPath };
  }
  if (url.startsWith('npipe://')) {
    const pipe = url.slice('npipe://'.length);
    if (!pipe) throw new EndpointError(`"${url}" has no pipe name.`);
    return { socketPath: pipe };
  }
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/^tcp:/, tls ? 'https:' : 'http:'));
  } catch {
    throw new EndpointError(`"${url}" is not a valid tcp:// endpoint (expected tcp://host:port).`);
  }
  const protocol = parsed.protocol === 'https:' ? 'https' : 'http';
  // URL drops a scheme's default port (https://h:443 has port ''): http(s):// keep theirs, tcp:// gets Docker's.
  const defaultPort = url.startsWith('tcp:') ? (protocol === 'https' ? 2376 : 2375) : protocol === 'https' ? 443 : 80;
  const port = Number(parsed.port || defaultPort);
  // URL keeps IPv6 literals in brackets; the socket layer wants them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new EndpointError(`"${url}" has no host name.`);
  if (protocol === 'http') return { host, port, protocol };
  const material = tls ?? { verify: true };
  return {
    host,
    port,
    protocol,
    ...(material.ca ? { ca: material.ca } : {}),
    ...(material.cert ? { cert: material.cert } : {}),
    ...(material.key ? { key: material.key } : {}),
    rejectUnauthorized: material.verify,
  };
}
