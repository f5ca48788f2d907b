// A small runtime schema library for input we do not trust: cleanup plan files and IPC messages.
// Schemas are strict (unknown keys are refused), bounded (strings and arrays have a maximum
// size), and an error names the exact path of the first offending value.

export class SchemaError extends Error {
  override name = 'SchemaError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || 'value'}: ${problem}`);
  }
}

export interface Schema<T> {
  parse(value: unknown, path?: string): T;
  /** A short description for error messages ("a string", "one of remove, snapshot"). */
  readonly expected: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type OptionalKeys<P> = { [K in keyof P]: undefined extends Infer<P[K]> ? K : never }[keyof P];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** An object schema's type: fields whose schema allows undefined are optional. */
export type ObjectOf<P> = Simplify<{ [K in Exclude<keyof P, OptionalKeys<P>>]: Infer<P[K]> } & { [K in OptionalKeys<P>]?: Infer<P[K]> }>;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function make<T>(expected: string, check: (value: unknown, path: string) => T): Schema<T> {
  return { expected, parse: (value, path = '') => check(value, path) };
}

const fail = (path: string, expected: string, value: unknown): never => {
  throw new SchemaError(path, `expected ${expected}, found ${describe(value)}`);
};

export const s = {
  string(options: { max?: number; min?: number; pattern?: RegExp; what?: string } = {}): Schema<string> {
    const max = options.max ?? 4096;
    const expected = options.what ?? 'a string';
    return make(expected, (v, path) => {
      if (typeof v !== 'string') return fail(path, expected, v);
      if (v.length > max) throw new SchemaError(path, `longer than ${max} characters`);
      if (options.min !== undefined && v.length < options.min) throw new SchemaError(path, `shorter than ${options.min} characters`);
      if (options.pattern && !options.pattern.test(v)) return fail(path, expected, v);
      return v;
    });
  },
  number(options: { int?: boolean; min?: number; max?: number } = {}): Schema<number> {
    const expected = options.int ? 'an integer' : 'a number';
    return make(expected, (v, path) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || (options.int && !Number.isInteger(v))) return fail(path, expected, v);
      if (options.min !== undefined && v < options.min) throw new SchemaError(path, `must be at least ${options.min}`);
      if (options.max !== undefined && v > options.max) throw new SchemaError(path, `must be at most ${options.max}`);
      return v;
    });
  },
  boolean(): Schema<boolean> {
    return make('true or false', (v, path) => (typeof v === 'boolean' ? v : fail(path, 'true or false', v)));
  },
  literal<const L extends string | number | boolean>(literal: L): Schema<L> {
    const expected = JSON.stringify(literal);
    return make(expected, (v, path) => (v === literal ? (v as L) : fail(path, expected, v)));
  },
  enum<const E extends string>(values: readonly E[]): Schema<E> {
    const expected = `one of ${values.join(', ')}`;
    return make(expected, (v, path) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as E) : fail(path, expected, v)));
  },
  array<T>(item: Schema<T>, options: { max?: number } = {}): Schema<T[]> {
    const max = options.max ?? 10_000;
    return make(`a list of ${item.expected}`, (v, path) => {
      if (!Array.isArray(v)) return fail(path, 'a list', v);
      if (v.length > max) throw new SchemaError(path, `more than ${max} entries`);
      // Every index, holes included: map() would skip the holes of a sparse array unchecked.
      const out: T[] = [];
      for (let i = 0; i < v.length; i++) out.push(item.parse(v[i], `${path}[${i}]`));
      return out;
    });
  },
  object<P extends Record<string, Schema<unknown>>>(props: P): Schema<ObjectOf<P>> {
    return make('an object', (v, path) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(path, 'an object', v);
      // Plain objects only: a Date, Map or typed array is not "an object" here, and an inherited field is not a field.
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new SchemaError(path, 'expected a plain object');
      const obj = v as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        if (!Object.prototype.hasOwnProperty.call(props, key)) {
          // A name that is empty or holds "." or "[" is quoted, or the path would point elsewhere ("" read as the whole value).
          const at = /^[\w$-]+$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key.slice(0, 200))}]`;
          throw new SchemaError(at, 'unknown field');
        }
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(props)) {
        const value = schema.parse(obj[key], path ? `${path}.${key}` : key);
        if (value !== undefined) out[key] = value;
      }
      return out as ObjectOf<P>;
    });
  },
  optional<T>(inner: Schema<T>): Schema<T | undefined> {
    return make(`${inner.expected} (optional)`, (v, path) => (v === undefined ? undefined : inner.parse(v, path)));
  },
  nullable<T>(inner: Schema<T>): Schema<T | null> {
    return make(`${inner.expected} or null`, (v, path) => (v === null ? null : inner.parse(v, path)));
  },
  /** Any JSON value, bounded in size (for opaque payloads that are re-validated elsewhere). */
  json(maxBytes = 1_000_000): Schema<unknown> {
    return make('a JSON value', (v, path) => {
      let text: string | undefined;
      try {
        text = JSON.stringify(v);
      } catch {
        throw new SchemaError(path, 'not representable as JSON');
      }
      if (text === undefined) return fail(path, 'a JSON value', v);
      if (text.length > maxBytes) throw new SchemaError(path, `larger than ${maxBytes} bytes`);
      return JSON.parse(text) as unknown;
    });
  },
  /** No value at all (a request without payload). */
  none(): Schema<undefined> {
    return make('no value', (v, path) => (v === undefined || v === null ? undefined : fail(path, 'no value', v)));
  },
};
