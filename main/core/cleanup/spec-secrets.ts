// Container environment values are secrets (tokens, passwords): they go into the new container
// and nowhere else. What is shown (CLI, --json, IPC) carries the variable names only; what is kept
// for later (the journal, the walkthrough's removed containers) holds the values sealed with the
// install key (AES-256-GCM), bound to the container's name.

import { seal, unseal, type InstallKey } from '../install-key';
import type { ApplyResult, ItemResult } from './apply';
import type { RecreateSpec } from './recreate-spec';

/** A RecreateSpec without its environment values: only their names. */
export interface PublicRecreateSpec {
  name: string;
  create: Record<string, unknown>;
  connect: RecreateSpec['connect'];
  envNames: string[];
}

/** A RecreateSpec as kept on disk: the values sealed. */
export interface SealedRecreateSpec extends PublicRecreateSpec {
  sealedEnv: string | null;
}

export type PublicItemResult = Omit<ItemResult, 'removedSpec'> & { removedSpec?: PublicRecreateSpec };
export type PublicApplyResult = Omit<ApplyResult, 'items'> & { items: PublicItemResult[] };

const context = (name: string) => `container-env:${name}`;

function split(spec: RecreateSpec): { env: string[] | null; rest: PublicRecreateSpec } {
  const { Env, ...create } = spec.create as { Env?: string[] | null } & Record<string, unknown>;
  return { env: Env ?? null, rest: { name: spec.name, create, connect: spec.connect, envNames: (Env ?? []).map((e) => e.split('=')[0] ?? '') } };
}

export function publicSpec(spec: RecreateSpec): PublicRecreateSpec {
  return split(spec).rest;
}

export function publicResult(result: ApplyResult): PublicApplyResult {
  return { ...result, items: result.items.map(({ removedSpec, ...item }) => ({ ...item, ...(removedSpec ? { removedSpec: publicSpec(removedSpec) } : {}) })) };
}

export function sealSpec(key: InstallKey, spec: RecreateSpec): SealedRecreateSpec {
  const { env, rest } = split(spec);
  return { ...rest, sealedEnv: env ? seal(key, JSON.stringify(env), context(spec.name)) : null };
}

/** The spec with its real values again; throws when the sealed values were changed or come from another install. */
export function openSpec(key: InstallKey, sealed: SealedRecreateSpec): RecreateSpec {
  const create = { ...sealed.create } as RecreateSpec['create'];
  if (sealed.sealedEnv) {
    const env = JSON.parse(unseal(key, sealed.sealedEnv, context(sealed.name))) as unknown;
    if (!Array.isArray(env) || !env.every((e) => typeof e === 'string')) throw new Error(`the kept environment of ${sealed.name} is not a list of variables`);
    create.Env = env;
  }
  return { name: sealed.name, create, connect: sealed.connect };
}

/** Whether a value kept on disk is a sealed spec (older preferences kept the plain one). */
export function isSealedSpec(value: unknown): value is SealedRecreateSpec {
  return !!value && typeof value === 'object' && Array.isArray((value as SealedRecreateSpec).envNames) && 'sealedEnv' in (value as object);
}
