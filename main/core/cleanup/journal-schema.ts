// What a journal line may hold, checked on read: a line of an unknown kind, with an unknown field
// or a value of the wrong shape is refused (with the mark it leaves: line and path). Add a new
// record kind here when apply.ts starts writing it.

import { s, validate, type Schema } from '../schema';
import { validatePlan } from './plan-file';
import { STEP_ACTIONS } from './plan';

const at = s.string({ max: 40, pattern: /^\d{4}-\d\d-\d\dT[\d:.]+Z$/, what: 'an ISO 8601 time' });
const index = s.number({ int: true, min: 0, max: 100_000 });
const containerId = s.string({ pattern: /^[0-9a-f]{64}$/, what: 'a 64-character container id' });
const text = s.string({ max: 4000 });
const envName = s.string({ max: 1024, pattern: /^[^=]*$/, what: 'an environment variable name' });

const sealedValue = s.string({ max: 2_000_000, pattern: /^v1\.[A-Za-z0-9+/=]+$/, what: 'a sealed value' });

/**
 * A RecreateSpec as stored: the engine's create options without Env, Cmd, Entrypoint, the
 * healthcheck's command, Labels and log options (their values are sealed apart).
 */
const storedSpec = s.object({
  name: s.string({ max: 255 }),
  create: s.json(1_000_000),
  connect: s.array(s.object({ network: s.string({ max: 255 }), endpoint: s.json(100_000) }), { max: 1000 }),
});

/** A plan record's own fields; its plan is validated as a plan (checksum included) by validatePlan. */
const planRecordHead = s.object({ type: s.literal('plan'), at });

export const RECORD_SCHEMAS: Record<string, Schema<unknown>> = {
  plan: planRecordHead,
  item: s.object({
    type: s.literal('item'),
    at,
    index,
    spec: s.nullable(storedSpec),
    envNames: s.optional(s.array(envName, { max: 10_000 })),
    sealedEnv: s.optional(sealedValue),
    sealedConfig: s.optional(sealedValue),
  }),
  step: s.object({
    type: s.literal('step'),
    at,
    index,
    step: s.number({ int: true, min: 0, max: 64 }),
    action: s.enum(STEP_ACTIONS),
    status: s.enum(['started', 'done', 'failed'] as const),
    detail: s.optional(text),
    newId: s.optional(containerId),
  }),
  stopped: s.object({
    type: s.literal('stopped'),
    at,
    index,
    startedAt: s.string({ max: 64 }),
    finishedAt: s.string({ max: 64 }),
    sizeRw: s.nullable(s.number({ int: true, min: 0 })),
  }),
  rollback: s.object({ type: s.literal('rollback'), at, index, reason: text }),
  'item-end': s.object({
    type: s.literal('item-end'),
    at,
    index,
    outcome: s.enum(['done', 'skipped', 'failed'] as const),
    reason: s.optional(text),
    original: s.optional(s.enum(['kept', 'gone'] as const)),
    newId: s.optional(containerId),
  }),
  end: s.object({ type: s.literal('end'), at }),
};

/** Validates one stored record (without its MAC); throws SchemaError naming the path. */
export function parseStoredRecord(value: unknown, path: string): Record<string, unknown> {
  const type = (value as { type?: unknown } | null)?.type;
  const schema =
    typeof type === 'string' && Object.prototype.hasOwnProperty.call(RECORD_SCHEMAS, type)
      ? RECORD_SCHEMAS[type]!
      : null;
  if (!schema) return validate(s.object({ type: s.enum(Object.keys(RECORD_SCHEMAS)) }), value, path) as never;
  if (type === 'plan') {
    const { plan, ...rest } = value as Record<string, unknown>;
    validate(planRecordHead, rest, path);
    return { ...rest, plan: validatePlan(plan, `${path}.plan`) };
  }
  return validate(schema, value, path) as Record<string, unknown>;
}
