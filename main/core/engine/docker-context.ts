// Reads the docker CLI's own configuration (config.json and context metadata) to find the engine
// the user's `docker` commands talk to, and resolves the endpoint with it.

import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  connectionOptions,
  EndpointError,
  resolveEndpoint,
  socketPathOf,
  type ConnectionOptions,
  type TlsOptions,
} from './endpoint';
import type { Endpoint } from '../model';
import { readOwnedFileSync, socketRefusal, type FileOwner } from '../store/owned-file';

export function dockerConfigDir(env: Record<string, string | undefined>, home: string): string {
  return env['DOCKER_CONFIG'] || join(home, '.docker');
}

/**
 * A JSON file of the docker CLI: null when missing or not JSON (as the docker CLI, which then has
 * no context). Read as another user's file when `owner` is given; a file that is not a regular
 * file (a FIFO, /dev/zero), too large, or (for an owner) a symbolic link or not theirs is an error.
 */
function readJson(path: string, owner: FileOwner | null): unknown {
  const read = readOwnedFileSync(path, owner);
  if (read.kind === 'missing') return null;
  if (read.kind === 'refused') throw new EndpointError(read.reason);
  try {
    return JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return null;
  }
}

export function readCurrentContext(configDir: string, owner: FileOwner | null = null): string | null {
  const config = readJson(join(configDir, 'config.json'), owner);
  if (config && typeof config === 'object' && 'currentContext' in config) {
    const name = (config as { currentContext: unknown }).currentContext;
    return typeof name === 'string' && name ? name : null;
  }
  return null;
}

/** The docker CLI keeps a context's files under the SHA-256 of its name. */
function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

export interface ContextDockerEndpoint {
  host: string;
  /** `SkipTLSVerify` in the context's metadata. */
  skipTlsVerify: boolean;
}

/** The docker endpoint recorded in a context's meta.json, or null when there is none. */
export function readContextEndpoint(
  configDir: string,
  name: string,
  owner: FileOwner | null = null,
): ContextDockerEndpoint | null {
  const meta = readJson(join(configDir, 'contexts', 'meta', contextDigest(name), 'meta.json'), owner) as {
    Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
  } | null;
  const docker = meta?.Endpoints?.docker;
  const host = docker?.Host;
  return typeof host === 'string' && host ? { host, skipTlsVerify: docker?.SkipTLSVerify === true } : null;
}

export function readContextHost(configDir: string, name: string, owner: FileOwner | null = null): string | null {
  return readContextEndpoint(configDir, name, owner)?.host ?? null;
}

/** Where `docker context create --docker ca=,cert=,key=` stores a context's TLS files. */
export function contextTlsDir(configDir: string, name: string): string {
  return join(configDir, 'contexts', 'tls', contextDigest(name), 'docker');
}

/** Which TLS files to load for an endpoint, and whether the engine's certificate is verified. */
export interface TlsRequest {
  dir: string;
  verify: boolean;
  /** ca.pem must exist (DOCKER_TLS_VERIFY: the docker CLI refuses to connect without it). */
  caRequired: boolean;
  /** Says where the request came from, for error messages. */
  origin: string;
}

/**
 * The docker CLI's TLS rules. Pure. For DOCKER_HOST/--docker-host: DOCKER_TLS_VERIFY set to
 * anything non-empty verifies against DOCKER_CERT_PATH/ca.pem (default: the config folder);
 * DOCKER_TLS alone encrypts without verifying. For a context: TLS when its TLS folder holds
 * files or its metadata says SkipTLSVerify. Only tcp/https endpoints use TLS.
 */
export function tlsRequestFor(
  endpoint: Endpoint,
  env: Record<string, string | undefined>,
  configDir: string,
  context: { endpoint: ContextDockerEndpoint | null; tlsDirHasFiles: boolean } | null,
): TlsRequest | null {
  if (!/^(tcp|https):\/\//i.test(endpoint.url)) return null;
  if (endpoint.source === 'context' && endpoint.context) {
    const skip = context?.endpoint?.skipTlsVerify ?? false;
    if (!context?.tlsDirHasFiles && !skip)
      return endpoint.url.startsWith('https://')
        ? { dir: '', verify: true, caRequired: false, origin: `docker context "${endpoint.context}"` }
        : null;
    return {
      dir: contextTlsDir(configDir, endpoint.context),
      verify: !skip,
      caRequired: false,
      origin: `docker context "${endpoint.context}"`,
    };
  }
  const verify = !!env['DOCKER_TLS_VERIFY'];
  const tls = verify || !!env['DOCKER_TLS'] || endpoint.url.startsWith('https://');
  if (!tls) return null;
  const dir = env['DOCKER_CERT_PATH'] || configDir;
  return {
    dir,
    verify,
    caRequired: verify,
    origin: verify ? 'DOCKER_TLS_VERIFY' : env['DOCKER_TLS'] ? 'DOCKER_TLS' : 'https://',
  };
}

/**
 * Loads the files a TlsRequest names; `read` returns null for a missing file. Pure given `read`.
 * A client certificate without its key (or the reverse) is an error, as in the docker CLI.
 */
export function loadTls(request: TlsRequest, read: (path: string) => Buffer | null): TlsOptions {
  if (!request.dir) return { verify: request.verify };
  const file = (name: string) => join(request.dir, name);
  const ca = request.verify ? read(file('ca.pem')) : null;
  if (request.caRequired && !ca) {
    throw new EndpointError(
      `${request.origin} is set but there is no CA certificate at ${file('ca.pem')}: set DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem.`,
    );
  }
  const cert = read(file('cert.pem'));
  const key = read(file('key.pem'));
  if (!!cert !== !!key) {
    throw new EndpointError(
      `${request.origin}: ${cert ? file('cert.pem') : file('key.pem')} has no matching ${cert ? 'key.pem' : 'cert.pem'} in ${request.dir}.`,
    );
  }
  return { verify: request.verify, ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) };
}

/** A TLS file: null when missing; root presents only the user's own keys for them. */
function readFileOrNull(path: string, owner: FileOwner | null): Buffer | null {
  const read = readOwnedFileSync(path, owner);
  if (read.kind === 'missing') return null;
  if (read.kind === 'refused') throw new EndpointError(read.reason);
  return read.bytes;
}

function hasFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.endsWith('.pem'));
  } catch {
    return false;
  }
}

/** Whether a path is there, the entry itself (a link to nowhere is there too, and refused later). */
function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `home`: whose docker configuration and Desktop socket to use (another user's with --for-user);
 * `owner`: that user, whose files are then read as theirs (owned-file.ts).
 */
export function resolveHostEndpoint(
  flag?: string,
  env: Record<string, string | undefined> = process.env,
  home = homedir(),
  owner: FileOwner | null = null,
): Endpoint {
  const configDir = dockerConfigDir(env, home);
  return resolveEndpoint({
    flag,
    env,
    platform: process.platform,
    home,
    currentContext: readCurrentContext(configDir, owner),
    contextHost: (name) => readContextHost(configDir, name, owner),
    exists: (path) => path !== '' && (owner ? entryExists(path) : existsSync(path)),
  });
}

/**
 * dockerode connection options for an endpoint, with the TLS the docker CLI would use for it. For
 * another user (`owner`), a unix socket from their files must be a socket of theirs: root does not
 * connect to its own engine or another user's Desktop because their context or a link says so.
 */
export function hostConnectionOptions(
  endpoint: Endpoint,
  env: Record<string, string | undefined> = process.env,
  home = homedir(),
  owner: FileOwner | null = null,
): ConnectionOptions {
  const configDir = dockerConfigDir(env, home);
  if (owner && endpoint.source !== 'flag' && endpoint.url.startsWith('unix://')) {
    const refused = socketRefusal(socketPathOf(endpoint.url), owner);
    if (refused) throw new EndpointError(refused);
  }
  const context =
    endpoint.source === 'context' && endpoint.context
      ? {
          endpoint: readContextEndpoint(configDir, endpoint.context, owner),
          tlsDirHasFiles: hasFiles(contextTlsDir(configDir, endpoint.context)),
        }
      : null;
  const request = tlsRequestFor(endpoint, env, configDir, context);
  return connectionOptions(endpoint.url, request ? loadTls(request, (path) => readFileOrNull(path, owner)) : null);
}
