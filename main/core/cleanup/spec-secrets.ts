// What a container was configured with can hold secrets: environment values (tokens, passwords),
// and as often its command line, entrypoint, healthcheck command, labels and log-driver options
// (a token passed as `--api-key`, a `splunk-token` log option). They go into the new container
// and nowhere else. What is shown (CLI --json, IPC results) carries names and sizes only, unless
// the user asks for the values (`eci-tray cleanup --show-values`); what is kept for later (the
// journal, the walkthrough's removed containers) holds the values sealed with the install key
// (AES-256-GCM), bound to the container's name.

import { seal, unseal, type InstallKey } from '../store/install-key';
import type { ApplyResult, ItemResult } from './apply-result';
import type { RecreateSpec } from './recreate-spec';

/** A list of arguments shown by its size: how many, how many characters in all. */
export interface ArgsSize {
  args: number;
  chars: number;
}

/** A RecreateSpec without its secret-bearing values: their names and sizes only. */
export interface PublicRecreateSpec {
  name: string;
  create: Record<string, unknown>;
  connect: RecreateSpec['connect'];
  envNames: string[];
  labelNames?: string[];
  logOptionNames?: string[];
  command?: ArgsSize | null;
  entrypoint?: ArgsSize | null;
  healthcheck?: ArgsSize | null;
}

/** A RecreateSpec as kept on disk: the values sealed. */
export interface SealedRecreateSpec extends PublicRecreateSpec {
  sealedEnv: string | null;
  /** Command, entrypoint, healthcheck, labels and log options; absent in specs kept before they were sealed. */
  sealedConfig?: string | null;
}

export type PublicItemResult = Omit<ItemResult, 'removedSpec'> & { removedSpec?: PublicRecreateSpec };
export type PublicApplyResult = Omit<ApplyResult, 'items'> & { items: PublicItemResult[] };

/** The values taken out of the create options besides the environment. */
interface HiddenConfig {
  Cmd?: unknown;
  Entrypoint?: unknown;
  Healthcheck?: unknown;
  Labels?: unknown;
  LogOptions?: unknown;
}

const context = (name: string) => `container-env:${name}`;
const configContext = (name: string) => `container-config:${name}`;

function argsSize(value: unknown): ArgsSize | null {
  if (value === undefined || value === null) return null;
  const text = (a: unknown) => (typeof a === 'string' ? a : JSON.stringify(a));
  const args = Array.isArray(value) ? value.map(text) : [text(value)];
  return { args: args.length, chars: args.reduce((n, a) => n + a.length, 0) };
}

const keysOf = (value: unknown): string[] => (value && typeof value === 'object' ? Object.keys(value).sort() : []);

function split(spec: RecreateSpec): { env: string[] | null; hidden: HiddenConfig | null; rest: PublicRecreateSpec } {
  const { Env, Cmd, Entrypoint, Healthcheck, Labels, HostConfig, ...create } = spec.create as Record<
    string,
    unknown
  > & { Env?: string[] | null; HostConfig?: Record<string, unknown> };
  const hidden: HiddenConfig = {};
  if (Cmd !== undefined) hidden.Cmd = Cmd;
  if (Entrypoint !== undefined) hidden.Entrypoint = Entrypoint;
  if (Labels !== undefined) hidden.Labels = Labels;
  const health = Healthcheck as { Test?: unknown } | undefined | null;
  const logConfig = HostConfig?.['LogConfig'] as { Type?: string; Config?: unknown } | undefined | null;
  const publicCreate: Record<string, unknown> = { ...create };
  if (health && typeof health === 'object') {
    const { Test, ...rest } = health;
    if (Test !== undefined) hidden.Healthcheck = Test;
    publicCreate['Healthcheck'] = rest;
  } else if (Healthcheck !== undefined) publicCreate['Healthcheck'] = Healthcheck;
  if (HostConfig) {
    if (logConfig && typeof logConfig === 'object' && logConfig.Config !== undefined) {
      hidden.LogOptions = logConfig.Config;
      const { Config: _values, ...logRest } = logConfig;
      publicCreate['HostConfig'] = { ...HostConfig, LogConfig: logRest };
    } else publicCreate['HostConfig'] = HostConfig;
  }
  const rest: PublicRecreateSpec = {
    name: spec.name,
    create: publicCreate,
    connect: spec.connect,
    envNames: (Env ?? []).map((e) => e.split('=')[0] ?? ''),
    labelNames: keysOf(Labels),
    logOptionNames: keysOf(hidden.LogOptions),
    command: argsSize(Cmd),
    entrypoint: argsSize(Entrypoint),
    healthcheck: argsSize(hidden.Healthcheck),
  };
  return { env: Env ?? null, hidden: Object.keys(hidden).length ? hidden : null, rest };
}

export function publicSpec(spec: RecreateSpec): PublicRecreateSpec {
  return split(spec).rest;
}

/** An apply result as shown: each removed container's spec by names and sizes. */
export function publicResult(result: ApplyResult): PublicApplyResult {
  return {
    ...result,
    items: result.items.map(({ removedSpec, ...item }) => ({
      ...item,
      ...(removedSpec ? { removedSpec: publicSpec(removedSpec) } : {}),
    })),
  };
}

export function sealSpec(key: InstallKey, spec: RecreateSpec): SealedRecreateSpec {
  const { env, hidden, rest } = split(spec);
  return {
    ...rest,
    sealedEnv: env ? seal(key, JSON.stringify(env), context(spec.name)) : null,
    sealedConfig: hidden ? seal(key, JSON.stringify(hidden), configContext(spec.name)) : null,
  };
}

/** The spec with its real values again; throws when the sealed values were changed or come from another install. */
export function openSpec(key: InstallKey, sealed: SealedRecreateSpec): RecreateSpec {
  const create = { ...sealed.create } as Record<string, unknown>;
  if (sealed.sealedEnv) {
    const env = JSON.parse(unseal(key, sealed.sealedEnv, context(sealed.name))) as unknown;
    if (!Array.isArray(env) || !env.every((e) => typeof e === 'string'))
      throw new Error(`the kept environment of ${sealed.name} is not a list of variables`);
    create['Env'] = env;
  }
  if (sealed.sealedConfig) {
    const hidden = JSON.parse(unseal(key, sealed.sealedConfig, configContext(sealed.name))) as unknown;
    if (!hidden || typeof hidden !== 'object' || Array.isArray(hidden))
      throw new Error(`the kept configuration of ${sealed.name} is not an object`);
    const { Cmd, Entrypoint, Healthcheck, Labels, LogOptions } = hidden as HiddenConfig;
    if (Cmd !== undefined) create['Cmd'] = Cmd;
    if (Entrypoint !== undefined) create['Entrypoint'] = Entrypoint;
    if (Labels !== undefined) create['Labels'] = Labels;
    if (Healthcheck !== undefined)
      create['Healthcheck'] = { ...(create['Healthcheck'] as object | undefined), Test: Healthcheck };
    if (LogOptions !== undefined) {
      const hostConfig = (create['HostConfig'] ?? {}) as Record<string, unknown>;
      create['HostConfig'] = {
        ...hostConfig,
        LogConfig: { ...(hostConfig['LogConfig'] as object | undefined), Config: LogOptions },
      };
    }
  }
  return { name: sealed.name, create: create as RecreateSpec['create'], connect: sealed.connect };
}

/** Whether a value kept on disk is a sealed spec (older preferences kept the plain one). */
export function isSealedSpec(value: unknown): value is SealedRecreateSpec {
  return (
    !!value &&
    typeof value === 'object' &&
    Array.isArray((value as SealedRecreateSpec).envNames) &&
    'sealedEnv' in (value as object)
  );
}
