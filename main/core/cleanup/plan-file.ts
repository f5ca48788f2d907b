// Reading a cleanup plan file back: strictly validated (unknown fields, actions or strategies,
// malformed ids are refused with the path of the offending value) and checked against its
// checksum, so a hand-edited plan is refused before anything is touched.

import { readFile } from 'node:fs/promises';
import { s, SchemaError, type Schema } from '../schema';
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
  compose: s.nullable(s.object({ project: s.string({ max: 255 }), service: s.string({ max: 255 }), command: text })),
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

/** Validates a parsed plan; throws PlanFileError saying exactly what is wrong. */
export function validatePlan(value: unknown, source = 'the plan'): CleanupPlan {
  let plan: CleanupPlan;
  try {
    plan = planSchema.parse(value);
  } catch (err) {
    if (err instanceof SchemaError) throw new PlanFileError(`${source} is not a valid cleanup plan: ${err.message}`);
    throw err;
  }
  const ids = new Set<string>();
  for (const [i, item] of plan.items.entries()) {
    if (ids.has(item.containerId)) throw new PlanFileError(`${source}: items[${i}] names container ${item.containerId.slice(0, 12)} a second time`);
    ids.add(item.containerId);
  }
  const { checksum, ...body } = plan;
  if (sha256(canonicalJson(body)) !== checksum) {
    throw new PlanFileError(`${source} was changed after it was made (its checksum does not match); make a new plan with "eci-tray cleanup --plan".`);
  }
  return plan;
}

export async function readPlanFile(path: string): Promise<CleanupPlan> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PlanFileError(code === 'ENOENT' ? `no plan file at ${path}` : `cannot read the plan file ${path}: ${(err as Error).message}`);
  }
  if (raw.length > 20 * 1024 * 1024) throw new PlanFileError(`${path} is too large to be a cleanup plan`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new PlanFileError(`${path} is not JSON: ${(err as Error).message}`);
  }
  return validatePlan(value, path);
}
