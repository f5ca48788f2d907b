// The flags every verdict-producing command shares (check, watch, ...), parsed and validated once.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CheckConfig } from '../core/check';
import { UsageError } from './usage-error';

export const CHECK_FLAGS = {
  json: { type: 'boolean' },
  'docker-host': { type: 'string' },
  'admin-settings': { type: 'string' },
  'user-settings': { type: 'string' },
  'probe-image': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const CHECK_FLAGS_HELP = `  --json                 print one JSON object instead of text
  --docker-host URL      engine endpoint (unix://, npipe://, tcp://); default: DOCKER_HOST,
                         then the current docker context, then Docker Desktop's socket
  --admin-settings PATH  admin-settings.json to read instead of the OS default
  --user-settings PATH   settings-store.json (or settings.json) to read instead of the default
  --probe-image IMAGE    image for the probe containers (default alpine:latest; pulled if absent)
  --timeout SECONDS      upper bound for the whole check (default 60)`;

export interface ParsedCheckFlags {
  json: boolean;
  help: boolean;
  config: CheckConfig;
}

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function checkConfigFrom(values: Record<string, string | boolean | string[] | undefined>): CheckConfig {
  const config: CheckConfig = {};
  const str = (name: string): string | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} needs a value`);
    return v;
  };
  const dockerHost = str('docker-host');
  if (dockerHost) config.dockerHost = dockerHost;
  const admin = str('admin-settings');
  if (admin) config.adminSettings = admin;
  const user = str('user-settings');
  if (user) config.userSettings = user;
  const image = str('probe-image');
  if (image) {
    if (/\s/.test(image)) throw new UsageError(`--probe-image "${image}" is not an image reference`);
    config.probeImage = image;
  }
  const timeoutMs = secondsFlag(values['timeout'] as string | undefined, 'timeout', 1, 3600);
  if (timeoutMs !== undefined) config.timeoutMs = timeoutMs;
  return config;
}

/** A duration flag in seconds, as milliseconds; undefined when absent. */
export function secondsFlag(value: string | boolean | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(seconds) || seconds < min || seconds > max) {
    throw new UsageError(`--${name} must be a number of seconds between ${min} and ${max}, not "${String(value)}"`);
  }
  return Math.round(seconds * 1000);
}

export function parseCheckFlags(args: string[]): ParsedCheckFlags {
  const { values } = parseFlags(args, CHECK_FLAGS);
  return { json: !!values.json, help: !!values.help, config: checkConfigFrom(values) };
}
