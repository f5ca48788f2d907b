// Runtime schemas for input we do not trust (cleanup plan files, journal lines, IPC messages,
// preferences), built on zod. This module holds only our vocabulary on top of it: every object is
// strict (unknown keys are refused) and plain (no class instances, no inherited fields), every
// string and array is bounded, and an error is one line naming the exact path of the offending
// value in the words our messages and tests use ("request.planId: expected a plan id, found …").

// zod/mini: the same validation as zod's chained API, but an esbuild bundle keeps only what is
// used (the chained API pulls all of zod into the CLI and the preload: measured in docs/DEVELOPMENT.md).
import * as z from 'zod/mini';

export class SchemaError extends Error {
  override name = 'SchemaError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || 'value'}: ${problem}`);
  }
}

export type Schema<T> = z.ZodMiniType<T>;
export type Infer<S extends z.ZodMiniType> = z.output<S>;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`;
  if (typeof value === 'object') return 'an object';
  // Symbols and functions never reach here through IPC, but String() would throw on some values.
  try {
    return `${typeof value} ${String(value)}`;
  } catch {
    return typeof value;
  }
}

/** An error function for zod: "expected <what>, found <the value>". */
const expected =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    `expected ${what}, found ${describe(issue.input)}`;

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

export const s = {
  string(options: { max?: number; min?: number; pattern?: RegExp; what?: string } = {}) {
    const max = options.max ?? 4096;
    const what = options.what ?? 'a string';
    const checks: z.core.$ZodCheck<string>[] = [z.maxLength(max, { error: `longer than ${max} characters` })];
    if (options.min !== undefined)
      checks.push(z.minLength(options.min, { error: `shorter than ${options.min} characters` }));
    if (options.pattern) checks.push(z.regex(options.pattern, { error: expected(what) }));
    return z.string({ error: expected(what) }).check(...checks);
  },
  number(options: { int?: boolean; min?: number; max?: number } = {}) {
    const what = options.int ? 'an integer' : 'a number';
    const checks: z.core.$ZodCheck<number>[] = [];
    if (options.min !== undefined) checks.push(z.gte(options.min, { error: `must be at least ${options.min}` }));
    if (options.max !== undefined) checks.push(z.lte(options.max, { error: `must be at most ${options.max}` }));
    return (options.int ? z.int({ error: expected(what) }) : z.number({ error: expected(what) })).check(...checks);
  },
  boolean() {
    return z.boolean({ error: expected('true or false') });
  },
  literal<const L extends string | number | boolean>(literal: L) {
    return z.literal(literal, { error: expected(JSON.stringify(literal)) });
  },
  enum<const E extends string>(values: readonly [E, ...E[]] | readonly E[]) {
    return z.enum(values as [E, ...E[]], { error: expected(`one of ${values.join(', ')}`) });
  },
  array<T extends z.ZodMiniType>(item: T, options: { max?: number } = {}) {
    const max = options.max ?? 10_000;
    // The length is checked before any item is looked at: a hostile list is refused by its size.
    const bounded = z
      .array(z.unknown(), { error: expected('a list') })
      .check(z.maxLength(max, { error: `more than ${max} entries` }));
    return z.pipe(bounded, z.array(item));
  },
  object<P extends z.core.$ZodLooseShape>(props: P) {
    // Plain objects only: a Date, Map or typed array is not "an object" here, and an inherited field is not a field.
    const plain = z.custom<Record<string, unknown>>(isPlainObject, {
      error: (issue) =>
        issue.input && typeof issue.input === 'object' && !Array.isArray(issue.input)
          ? 'expected a plain object'
          : expected('an object')(issue),
    });
    return z.pipe(plain, z.strictObject(props));
  },
  optional<T extends z.ZodMiniType>(inner: T) {
    return z.optional(inner);
  },
  nullable<T extends z.ZodMiniType>(inner: T) {
    return z.nullable(inner);
  },
  /** Any JSON value, bounded in size (for opaque payloads that are re-validated elsewhere). */
  json(maxBytes = 1_000_000) {
    return z.pipe(
      z.unknown(),
      z.transform((v, ctx): unknown => {
        let text: string | undefined;
        try {
          text = JSON.stringify(v);
        } catch {
          ctx.issues.push({ code: 'custom', message: 'not representable as JSON', input: v });
          return z.NEVER;
        }
        if (text === undefined)
          ctx.issues.push({ code: 'custom', message: expected('a JSON value')({ input: v }), input: v });
        else if (text.length > maxBytes)
          ctx.issues.push({ code: 'custom', message: `larger than ${maxBytes} bytes`, input: v });
        else return JSON.parse(text) as unknown;
        return z.NEVER;
      }),
    );
  },
  /** No value at all (a request without payload). */
  none() {
    return z.pipe(
      z.unknown(),
      z.transform((v, ctx): undefined => {
        if (v !== undefined && v !== null)
          ctx.issues.push({ code: 'custom', message: expected('no value')({ input: v }), input: v });
        return undefined;
      }),
    );
  },
};

/** One path segment the way our messages write it: `.name`, `[3]`, or `["odd name"]`. */
function segment(key: PropertyKey, first: boolean): string {
  if (typeof key === 'number') return `[${key}]`;
  const name = String(key);
  // A name that is empty or holds "." or "[" is quoted, or the path would point elsewhere ("" read as the whole value).
  if (/^[\w$-]+$/.test(name)) return first ? name : `.${name}`;
  return `[${JSON.stringify(name.slice(0, 200))}]`;
}

function pathText(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const key of path) out += segment(key, out === '');
  return out;
}

/**
 * Validates a value; throws SchemaError naming the first offending path (under `path`). An
 * unknown field is reported before anything else, the outermost first: the shape is wrong, so
 * the values inside it are not worth describing.
 */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, path = ''): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const unknown = issues.filter((i) => i.code === 'unrecognized_keys').sort((a, b) => a.path.length - b.path.length)[0];
  if (unknown && unknown.code === 'unrecognized_keys')
    throw new SchemaError(pathText(path, [...unknown.path, unknown.keys[0] ?? '']), 'unknown field');
  const first = issues[0]!;
  throw new SchemaError(pathText(path, first.path), first.message);
}
