// Tampering with a plan file's JSON for the fuzz tests: every path in the tree, the mutations
// (set, swap a type, delete, add, unknown actions and strategies, malformed ids, duplicates, very
// large arrays, checksum and text edits) and how validation errors name a path.

import fc from 'fast-check';
import { STEP_ACTIONS, STRATEGIES } from '../plan';

// ---- tampering -------------------------------------------------------------------------------

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Path = Array<string | number>;

/** The path the way validation errors name it: `items[0].steps[1].action`, or `value` for the whole plan. */
export const pathText = (p: Path) =>
  p.length
    ? p
        .map((s, i) =>
          typeof s === 'number' ? `[${s}]` : !/^[\w$-]+$/.test(s) ? `[${JSON.stringify(s)}]` : i ? `.${s}` : s,
        )
        .join('')
    : 'value';

/** Every path in the tree (inside a very large array, only its first 50 entries). */
function allPaths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.slice(0, 50).forEach((x, i) => allPaths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) allPaths(v[k] as Json, [...at, k], out);
  return out;
}
const get = (root: Json, p: Path): Json =>
  p.reduce<Json>((v, s) => (v as Record<string | number, Json>)[s] as Json, root);
/** Like get, but undefined where an earlier edit removed the way there. */
const getSafe = (root: Json, p: Path): Json | undefined =>
  p.reduce<Json | undefined>(
    (v, s) => (v !== null && typeof v === 'object' ? (v as Record<string | number, Json>)[s] : undefined),
    root,
  );

/** Sets an own property, even "__proto__" (as JSON.parse would make it). */
const setOwn = (o: object, k: string | number, v: unknown) =>
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

const swapType = (v: Json): Json =>
  typeof v === 'string'
    ? v.length
      ? Number.parseInt(v, 16) || 1
      : 0
    : typeof v === 'number'
      ? String(v)
      : typeof v === 'boolean'
        ? String(v)
        : v === null
          ? {}
          : Array.isArray(v)
            ? Object.fromEntries(v.map((x, i) => [i, x]))
            : Object.values(v);

const nearMiss = (s: string, n: number) =>
  [
    s.toUpperCase(),
    s + 'a',
    s.slice(1),
    s + '\n',
    ` ${s}`,
    '../../etc/passwd',
    s.slice(0, -1) + (s.endsWith('0') ? '1' : '0'),
    '',
    'x'.repeat(100_000),
  ][n % 9] as string;

const MUTATIONS = [
  'set',
  'swap',
  'delete',
  'add',
  'action',
  'strategy',
  'id',
  'duplicate',
  'large',
  'checksum',
  'text',
  'flip',
] as const;
export const mutationArb = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  pick: fc.nat(),
  n: fc.nat(),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom<Json>('', 'nuke', -1, 1.5, 1e300, null, true, [], {}, 'x'.repeat(600_000)),
  ),
  key: fc.oneof(
    fc.string(),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'spec', 'privileged', 'ContainerId', 'Steps', 'checksum '),
  ),
  word: fc.oneof(
    fc.string(),
    fc.constantFrom('exec', 'nuke', 'STOP', 'stop ', 'Remove', 'remove\n', '__proto__', 'toString'),
  ),
});
export type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

/** Applies one mutation in place; returns the path it touched (an array's own path when it shifts indices). */
export function mutate(root: { [k: string]: Json }, m: Mutation): Path {
  const paths = allPaths(root);
  const pickFrom = (list: Path[]) => list[m.pick % list.length] as Path;
  const items = root['items'] as Json[];
  const itemPath = (field: string): Path | null =>
    Array.isArray(items) && items.length ? ['items', m.n % items.length, field] : null;
  /** Sets the value at p; when an earlier edit left no object there, replaces the nearest one instead. Returns where. */
  const setAt = (p: Path, v: Json): Path => {
    for (let n = p.length - 1; n > 0; n--) {
      const parent = getSafe(root, p.slice(0, n));
      if (parent !== null && typeof parent === 'object') return setOwn(parent, p[n] as string, v) && p.slice(0, n + 1);
    }
    return setOwn(root, p[0] as string, v) && p.slice(0, 1);
  };
  switch (m.kind) {
    case 'set':
    case 'swap': {
      if (paths.length < 2) return mutate(root, { ...m, kind: 'add' });
      const p = pickFrom(paths.filter((x) => x.length > 0));
      return setAt(p, m.kind === 'set' ? (m.value as Json) : swapType(get(root, p)));
    }
    case 'delete': {
      if (paths.length < 2) return mutate(root, { ...m, kind: 'add' });
      const p = pickFrom(paths.filter((x) => x.length > 0));
      const parent = get(root, p.slice(0, -1));
      if (Array.isArray(parent)) {
        parent.splice(p[p.length - 1] as number, 1);
        return p.slice(0, -1);
      }
      delete (parent as Record<string, Json>)[p[p.length - 1] as string];
      return p;
    }
    case 'add': {
      const objects = paths.filter((x) => {
        const v = get(root, x);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const p = pickFrom(objects);
      const target = get(root, p) as Record<string, Json>;
      const key = Object.prototype.hasOwnProperty.call(target, m.key) ? `${m.key}_` : m.key;
      setOwn(target, key, m.value);
      return [...p, key];
    }
    case 'action': {
      const steps = paths.filter((x) => x.length === 5 && x[2] === 'steps' && x[4] === 'action');
      const word = (STEP_ACTIONS as readonly string[]).includes(m.word) ? `${m.word}!` : m.word;
      if (!steps.length) return mutate(root, { ...m, kind: 'add' });
      return setAt(pickFrom(steps), word);
    }
    case 'strategy': {
      return setAt(
        itemPath('strategy') ?? ['format'],
        (STRATEGIES as readonly string[]).includes(m.word) ? `${m.word}!` : m.word,
      );
    }
    case 'id': {
      const p = pickFrom([
        ['id'],
        ['checksum'],
        ...(itemPath('containerId') ? [itemPath('containerId') as Path, itemPath('fingerprint') as Path] : []),
      ]);
      const current = getSafe(root, p);
      return setAt(p, nearMiss(typeof current === 'string' ? current : '', m.n));
    }
    case 'duplicate': {
      if (!Array.isArray(items) || !items.length) return mutate(root, { ...m, kind: 'set' });
      const copy = structuredClone(items[m.n % items.length]) as Json;
      if (m.pick % 2) items.push(copy);
      else if (items.length > 1) items[(m.n + 1) % items.length] = copy;
      else items.unshift(copy);
      return ['items'];
    }
    case 'large': {
      // Small, distinct objects: a later edit of one shared object would otherwise grow thousands of entries at once.
      const choices: Array<[Path, Json]> = [
        [['items'], Array.from({ length: 5_001 + (m.n % 3_000) }, () => ({ name: 'x' }))],
      ];
      const steps = itemPath('steps');
      if (steps)
        choices.push(
          [steps, Array.from({ length: 33 + (m.n % 100) }, () => ({ action: 'stop' }))],
          [itemPath('keeps') as Path, Array(201 + (m.n % 500)).fill('x')],
          [itemPath('whyNot') as Path, 'w'.repeat(2_001 + (m.n % 1000))],
        );
      const [p, v] = choices[m.pick % choices.length] as [Path, Json];
      return setAt(p, v);
    }
    case 'checksum': {
      const c = String(root['checksum']);
      const i = m.n % c.length;
      return setAt(
        ['checksum'],
        c.slice(0, i) + ((Number.parseInt(c[i] ?? '0', 16) + 1 + (m.pick % 15)) % 16).toString(16) + c.slice(i + 1),
      );
    }
    case 'text': {
      const strings = paths.filter((x) => x.length > 0 && typeof get(root, x) === 'string');
      if (!strings.length) return mutate(root, { ...m, kind: 'add' });
      const p = pickFrom(strings);
      const s = get(root, p) as string;
      const i = m.n % (s.length + 1);
      return setAt(p, s.slice(0, i) + (m.word[0] ?? 'z') + s.slice(i + 1));
    }
    case 'flip': {
      const leaves = paths.filter((x) => x.length > 0 && ['boolean', 'number'].includes(typeof get(root, x)));
      if (!leaves.length) return mutate(root, { ...m, kind: 'add' });
      const p = pickFrom(leaves);
      const v = get(root, p);
      return setAt(p, typeof v === 'boolean' ? !v : (v as number) + 1 + (m.n % 1000));
    }
  }
}

/** True when the message names one of the touched paths (or a place inside one), or the checksum. */
export function namesTouchedPath(message: string, touched: Path[]): boolean {
  if (message.includes('its checksum does not match')) return true;
  const lead = message.startsWith('the plan is not a valid cleanup plan: ')
    ? 'the plan is not a valid cleanup plan: '
    : 'the plan: ';
  return touched.some((p) => {
    const prefix = lead + (p.length ? pathText(p) : '');
    return (
      message.startsWith(prefix) && (p.length === 0 || ['.', '[', ':', ' '].includes(message[prefix.length] ?? ''))
    );
  });
}

// ---- properties ------------------------------------------------------------------------------
