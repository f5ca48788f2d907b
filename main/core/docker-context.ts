// Reads the docker CLI's own configuration (config.json and context metadata) to find the engine
// the user's `docker` commands talk to, and resolves the endpoint with it.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { connectionOptions, resolveEndpoint, type ConnectionOptions } from './endpoint';
import type { Endpoint } from './model';

export function dockerConfigDir(env: Record<string, string | undefined>, home: string): string {
  return env['DOCKER_CONFIG'] || join(home, '.docker');
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

export function readCurrentContext(configDir: string): string | null {
  const config = readJson(join(configDir, 'config.json'));
  if (config && typeof config === 'object' && 'currentContext' in config) {
    const name = (config as { currentContext: unknown }).currentContext;
    return typeof name === 'string' && name ? name : null;
  }
  return null;
}

/** The docker CLI stores a context's metadata under the SHA-256 of its name. */
export function readContextHost(configDir: string, name: string): string | null {
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = readJson(join(configDir, 'contexts', 'meta', digest, 'meta.json')) as {
    Endpoints?: { docker?: { Host?: unknown } };
  } | null;
  const host = meta?.Endpoints?.docker?.Host;
  return typeof host === 'string' && host ? host : null;
}

export function resolveHostEndpoint(flag?: string, env: Record<string, string | undefined> = process.env): Endpoint {
  const home = homedir();
  const configDir = dockerConfigDir(env, home);
  return resolveEndpoint({
    flag,
    env,
    platform: process.platform,
    home,
    currentContext: readCurrentContext(configDir),
    contextHost: (name) => readContextHost(configDir, name),
    exists: (path) => path !== '' && existsSync(path),
  });
}

/** dockerode connection options for an endpoint, honouring DOCKER_TLS_VERIFY for tcp. */
export function hostConnectionOptions(endpoint: Endpoint, env: Record<string, string | undefined> = process.env): ConnectionOptions {
  const wantsTls = endpoint.url.startsWith('tcp://') && !!env['DOCKER_TLS_VERIFY'] && env['DOCKER_TLS_VERIFY'] !== '0';
  if (!wantsTls) return connectionOptions(endpoint.url);
  const dir = env['DOCKER_CERT_PATH'] || dockerConfigDir(env, homedir());
  return connectionOptions(endpoint.url, {
    ca: readFileSync(join(dir, 'ca.pem')),
    cert: readFileSync(join(dir, 'cert.pem')),
    key: readFileSync(join(dir, 'key.pem')),
  });
}
