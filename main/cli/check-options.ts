// The flags every verdict-producing command shares (check, watch, ...), parsed and validated once.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CheckConfig } from '../core/verify/check';
import { checkConfigWithManaged, type ManagedPreferences } from '../core/preferences/managed-preferences';
import { hostManagedDeps, readManagedPreferences } from '../core/preferences/managed-preferences-source';
import { UsageError } from './usage-error';
import { didYouMean } from '../core/policy/did-you-mean';

export const CHECK_FLAGS = {
  json: { type: 'boolean' },
  'docker-host': { type: 'string' },
  'admin-settings': { type: 'string' },
  'user-settings': { type: 'string' },
  'probe-image': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** The options that choose the engine and the files, described once for every command that takes them. */
const ENGINE_FLAG_LINES: Record<string, string> = {
  'docker-host': `  --docker-host URL      engine endpoint (unix://, npipe://, tcp://); default: DOCKER_HOST,
                         then the current docker context, then Docker Desktop's socket; TLS
                         for tcp:// as the docker CLI (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, or
                         the context's TLS files)`,
  'admin-settings': '  --admin-settings PATH  admin-settings.json to read instead of the OS default',
  'user-settings': '  --user-settings PATH   settings-store.json (or settings.json) to read instead of the default',
  'probe-image': '  --probe-image IMAGE    image for the probe containers (default alpine:latest; pulled if absent)',
  timeout: '  --timeout SECONDS      upper bound for the whole check (default 60)',
};

/** The engine options' help, without those a command describes its own way (e.g. relaunch's --timeout). */
export function engineFlagsHelp(except: readonly string[] = []): string {
  return Object.entries(ENGINE_FLAG_LINES)
    .filter(([flag]) => !except.includes(flag))
    .map(([, text]) => text)
    .join('\n');
}

export const JSON_FLAG_HELP = '  --json                 print one JSON object instead of text';

export const CHECK_FLAGS_HELP = `${JSON_FLAG_HELP}
${engineFlagsHelp()}`;

export interface ParsedCheckFlags {
  json: boolean;
  help: boolean;
  config: CheckConfig;
}

/** The flags, strictly (an unknown one is a usage error, with the flag meant); `positionals`: operands allowed. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  positionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (err) {
    throw new UsageError(unknownFlagHint((err as Error).message, Object.keys(options)));
  }
}

/** parseArgs's "Unknown option '--jsn'" with the flag meant, when one is close: "(did you mean --json?)". */
export function unknownFlagHint(message: string, flags: readonly string[]): string {
  const unknown = /^Unknown option '--([^'=]+)'/.exec(message)?.[1];
  const meant = unknown === undefined ? null : didYouMean(unknown, flags);
  return meant ? `unknown option --${unknown} (did you mean --${meant}?)` : message;
}

type FlagValues = Record<string, string | boolean | string[] | undefined>;

const managedByUser = new Map<string, ManagedPreferences>();
/** The preferences this machine's admins set (read once per run): a managed probe image or endpoint applies unless a flag names one. */
export function hostManaged(values: FlagValues): ManagedPreferences {
  const user = typeof values['for-user'] === 'string' ? values['for-user'] : null;
  let m = managedByUser.get(user ?? '');
  if (!m) managedByUser.set(user ?? '', (m = readManagedPreferences(hostManagedDeps(user))));
  return m;
}

export function checkConfigFrom(values: FlagValues, managed: ManagedPreferences = hostManaged(values)): CheckConfig {
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
  return checkConfigWithManaged(config, managed);
}

/** A duration flag in seconds, as milliseconds; undefined when absent. */
export function secondsFlag(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
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
