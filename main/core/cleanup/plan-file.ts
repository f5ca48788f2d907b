// Cleanup plan files. Read back strictly validated (unknown fields, actions or strategies,
// malformed ids are refused with the path of the offending value) and checked against its
// checksum and its signature: an HMAC over the canonical JSON, keyed by the install key, so a
// plan edited outside ECI Tray (even one whose checksum was computed again) or made by another
// installation is refused before anything is touched. Written 0600.

import { readFile } from 'node:fs/promises';
import { mac, macMatches, type InstallKey } from '../store/install-key';
import { writePrivateFile } from '../store/private-files';
import { s, SchemaError, validate, type Schema } from '../schema';
import { canonicalJson, sha256, STEP_ACTIONS, STRATEGIES, type CleanupPlan, type PlanItem } from './plan';

export class PlanFileError extends Error {
  override name = 'PlanFileError';
}

const containerId = s.string({ pattern: /^[0-9a-f]{64}$/, what: 'a 64-character container id' });
const containerName = s.string({ max: 255, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, what: 'a container name' });
const text = s.string({ max: 2000 });

const stepSchema = s.object({ action: s.enum(STEP_ACTIONS), target: s.optional(s.string({ max: 512 })) });

const itemSchema: Schema<PlanItem> = s.object({
  containerId,
  name: containerName,
  image: s.string({ max: 512 }),
  strategy: s.enum(STRATEGIES),
  allowed: s.boolean(),
  whyNot: s.optional(text),
  fingerprint: s.string({ pattern: /^[0-9a-f]{64}$/, what: 'a SHA-256 fingerprint' }),
  wasRunning: s.boolean(),
  writableLayerBytes: s.number({ int: true, min: 0 }),
  snapshotImage: s.nullable(s.string({ max: 512 })),
  steps: s.array(stepSchema, { max: 32 }),
  keeps: s.array(text, { max: 200 }),
  loses: s.array(text, { max: 200 }),
  compose: s.nullable(
    s.object({ project: s.string({ max: 255 }), service: s.string({ max: 255 }), command: s.nullable(text) }),
  ),
}) as Schema<PlanItem>;

export const planSchema: Schema<CleanupPlan> = s.object({
  format: s.literal('eci-tray-cleanup-plan'),
  version: s.literal(1),
  id: s.string({ pattern: /^[0-9a-f-]{36}$/, what: 'a plan id' }),
  createdAt: s.string({ max: 40, pattern: /^\d{4}-\d\d-\d\dT[\d:.]+Z$/, what: 'an ISO 8601 time' }),
  endpoint: s.string({ max: 1024 }),
  eciEffective: s.boolean(),
  items: s.array(itemSchema, { max: 5000 }),
  checksum: s.string({ pattern: /^[0-9a-f]{64}$/, what: 'a SHA-256 checksum' }),
}) as Schema<CleanupPlan>;

/** The plan file's signature field (the plan itself has none). */
export const PLAN_MAC_FIELD = 'mac';

function planMac(key: InstallKey, plan: CleanupPlan): string {
  return mac(key, `eci-tray-plan\n${canonicalJson(plan)}`);
}

/** A plan with its signature, as written to a file (and printed by `cleanup --plan --json`). */
export function signedPlan(plan: CleanupPlan, key: InstallKey): CleanupPlan & { mac: string } {
  return { ...plan, mac: planMac(key, plan) };
}

export function writePlanFile(
  path: string,
  plan: CleanupPlan,
  key: InstallKey,
  options: { privateDir?: boolean } = {},
): void {
  writePrivateFile(path, JSON.stringify(signedPlan(plan, key), null, 2) + '\n', options);
}

/**
 * Validates a parsed plan; throws PlanFileError saying exactly what is wrong. With a key, the
 * plan must carry a signature made with it (a plan file); without, it must carry none.
 */
export function validatePlan(value: unknown, source = 'the plan', key?: InstallKey): CleanupPlan {
  let plan: CleanupPlan;
  let tag: unknown;
  if (key) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new PlanFileError(`${source} is not a valid cleanup plan: expected an object`);
    const { [PLAN_MAC_FIELD]: t, ...rest } = value as Record<string, unknown>;
    tag = t;
    value = rest;
    if (t === undefined)
      throw new PlanFileError(
        `${source} has no signature: only plans made by this installation of ECI Tray can be applied; make a new plan with "eci-tray cleanup --plan".`,
      );
  }
  try {
    plan = validate(planSchema, value);
  } catch (err) {
    if (err instanceof SchemaError) throw new PlanFileError(`${source} is not a valid cleanup plan: ${err.message}`);
    throw err;
  }
  const ids = new Set<string>();
  for (const [i, item] of plan.items.entries()) {
    if (ids.has(item.containerId))
      throw new PlanFileError(`${source}: items[${i}] names container ${item.containerId.slice(0, 12)} a second time`);
    ids.add(item.containerId);
  }
  const { checksum, ...body } = plan;
  if (sha256(canonicalJson(body)) !== checksum) {
    throw new PlanFileError(
      `${source} was changed after it was made (its checksum does not match); make a new plan with "eci-tray cleanup --plan".`,
    );
  }
  if (key && !macMatches(planMac(key, plan), tag)) {
    throw new PlanFileError(
      `${source} was changed outside ECI Tray, or made by another installation (its signature does not match this installation's key); make a new plan with "eci-tray cleanup --plan".`,
    );
  }
  return plan;
}

export async function readPlanFile(path: string, key: InstallKey): Promise<CleanupPlan> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PlanFileError(
      code === 'ENOENT' ? `no plan file at ${path}` : `cannot read the plan file ${path}: ${(err as Error).message}`,
    );
  }
  if (raw.length > 20 * 1024 * 1024) throw new PlanFileError(`${path} is too large to be a cleanup plan`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new PlanFileError(`${path} is not JSON: ${(err as Error).message}`);
  }
  return validatePlan(value, path, key);
}
