// Property-based fuzzing of cleanup plan files (fast-check): real plans, made by makePlan from
// fabricated inspect data, tampered with at random (fields changed, deleted or added at random
// paths, types swapped, unknown actions and strategies, malformed ids, duplicate items, very large
// arrays, checksum edits) are refused with a PlanFileError naming the path or the checksum; the
// untouched ones are accepted; and a plan file of random bytes is refused cleanly.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContainerListEntry } from '../engine/engine-client';
import { describeContainer } from './describe-container';
import { canonicalJson, makePlan, STEP_ACTIONS, STRATEGIES, type CleanupPlan } from './plan';
import { installKey } from '../store/install-key';
import { PlanFileError, readPlanFile, signedPlan, validatePlan } from './plan-file';

const RUNS = 1000;
const params = { numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(45_000, { failOnInterrupt: true })] };
const TEST_MS = 60_000;
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

// ---- real plans from fabricated inspect data (as in plan.test.ts) ------------------------------

const containerArb = fc.record({
  id: hex64,
  name: fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/),
  state: fc.constantFrom('running', 'exited', 'created', 'paused', 'restarting'),
  sizeRw: fc.oneof(fc.constant(0), fc.nat({ max: 2 ** 40 })),
  imageExists: fc.boolean(),
  image: fc.constantFrom('nginx:1.27', 'alpine:latest', 'redis', 'ghcr.io/acme/app@sha256:' + 'd'.repeat(64)),
  hostConfig: fc.constantFrom<object>(
    {},
    { PidMode: 'host' },
    { NetworkMode: 'host' },
    { NetworkMode: 'container:abc' },
    { Binds: ['/var/run/docker.sock:/var/run/docker.sock'] },
    { Binds: ['data:/data'] },
  ),
  ports: fc.boolean(),
  mounts: fc.subarray(['named', 'anonymous', 'bind'] as const),
  networks: fc.subarray(['bridge', 'app-net', 'backend']),
  compose: fc.option(
    fc.record({
      project: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
      service: fc.stringMatching(/^[a-z]{1,8}$/),
      dir: fc.constantFrom('/srv/shop', '/srv/my shop'),
    }),
  ),
});
type Fabricated = typeof containerArb extends fc.Arbitrary<infer T> ? T : never;

function fabricate(c: Fabricated): {
  audited: ReturnType<typeof describeContainer>;
  info: Docker.ContainerInspectInfo;
} {
  const labels: Record<string, string> = c.compose
    ? {
        'com.docker.compose.project': c.compose.project,
        'com.docker.compose.service': c.compose.service,
        'com.docker.compose.project.working_dir': c.compose.dir,
      }
    : {};
  const mounts = c.mounts.map((m) =>
    m === 'named'
      ? { Type: 'volume', Name: 'data', Source: '/v/data', Destination: '/data', RW: true }
      : m === 'anonymous'
        ? { Type: 'volume', Name: 'b'.repeat(64), Source: '/v/x', Destination: '/cache', RW: true }
        : { Type: 'bind', Source: '/home/me/site', Destination: '/site', RW: false },
  );
  const info = {
    Id: c.id,
    Name: `/${c.name}`,
    Created: '2026-01-01T00:00:00Z',
    Image: 'sha256:' + 'c'.repeat(64),
    State: { Status: c.state, Running: c.state === 'running' },
    Config: { Image: c.image, Cmd: ['run'], Env: ['A=1'], Labels: labels },
    HostConfig: {
      Runtime: 'runc',
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      ...(c.ports ? { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } } : {}),
      ...c.hostConfig,
    },
    Mounts: mounts,
    NetworkSettings: { Networks: Object.fromEntries(c.networks.map((n) => [n, { Aliases: [c.id.slice(0, 12)] }])) },
  } as unknown as Docker.ContainerInspectInfo;
  const entry: ContainerListEntry = {
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.image,
    ImageID: info.Image,
    State: c.state,
    Created: 0,
    Labels: labels,
    SizeRw: c.sizeRw,
  };
  return { audited: describeContainer(entry, info, c.imageExists), info };
}

/** A plan as it comes back from its file (a JSON round trip). */
const planArb: fc.Arbitrary<CleanupPlan> = fc
  .record({
    containers: fc.uniqueArray(containerArb, { selector: (c) => c.id, minLength: 1, maxLength: 5 }),
    strategy: fc.option(fc.constantFrom(...STRATEGIES), { nil: undefined }),
    eciEffective: fc.boolean(),
    endpoint: fc.constantFrom(
      'unix:///var/run/docker.sock',
      'npipe:////./pipe/dockerDesktopLinuxEngine',
      'tcp://127.0.0.1:2375',
    ),
    createdAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
    id: fc.uuid(),
  })
  .map((p) => {
    const plan = makePlan({
      containers: p.containers.map(fabricate),
      choices: new Map(),
      ...(p.strategy ? { strategy: p.strategy } : {}),
      endpoint: p.endpoint,
      context: { eciEffective: p.eciEffective, socketMountAllowList: [], createdAt: p.createdAt },
      id: p.id,
    });
    return JSON.parse(JSON.stringify(plan)) as CleanupPlan;
  });

// ---- tampering -------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

/** The path the way validation errors name it: `items[0].steps[1].action`, or `value` for the whole plan. */
const pathText = (p: Path) =>
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
const mutationArb = fc.record({
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
type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

/** Applies one mutation in place; returns the path it touched (an array's own path when it shifts indices). */
function mutate(root: { [k: string]: Json }, m: Mutation): Path {
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
function namesTouchedPath(message: string, touched: Path[]): boolean {
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

describe('cleanup plan files under fuzzing', () => {
  it(
    `${RUNS} untouched plans (keys in any order) are accepted as they are`,
    () => {
      const reorder = (v: Json): Json =>
        Array.isArray(v)
          ? v.map(reorder)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.entries(v)
                  .reverse()
                  .map(([k, x]) => [k, reorder(x)]),
              )
            : v;
      fc.assert(
        fc.property(planArb, (plan) => {
          expect(validatePlan(plan)).toEqual(plan);
          expect(validatePlan(reorder(plan as unknown as Json))).toEqual(plan);
        }),
        params,
      );
    },
    TEST_MS,
  );

  it(
    `${RUNS} tampered plans (1 to 4 random edits) are refused with a PlanFileError naming the path or the checksum`,
    () => {
      let tampered = 0;
      fc.assert(
        fc.property(planArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (plan, mutations) => {
          const copy = structuredClone(plan) as unknown as { [k: string]: Json };
          const touched = mutations.map((m) => mutate(copy, m));
          if (canonicalJson(copy) === canonicalJson(plan)) {
            // The edits cancelled out or changed nothing that counts (e.g. a value set to itself).
            expect(validatePlan(copy)).toEqual(plan);
            return;
          }
          tampered++;
          let error: unknown;
          try {
            validatePlan(copy);
          } catch (err) {
            error = err;
          }
          expect(error, `accepted after ${JSON.stringify(mutations.map((m) => m.kind))}`).toBeInstanceOf(PlanFileError);
          const message = (error as Error).message;
          expect(
            namesTouchedPath(message, touched),
            `${message.slice(0, 300)}\ntouched: ${touched.map(pathText).join(', ')}`,
          ).toBe(true);
        }),
        params,
      );
      expect(tampered).toBeGreaterThan(RUNS * 0.9);
    },
    TEST_MS,
  );

  it(
    `${RUNS} values that are no plan at all (any type, non-plain objects) are refused with a PlanFileError`,
    () => {
      const anything = fc.anything({
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withTypedArray: true,
        withSparseArray: true,
        withBoxedValues: true,
      });
      fc.assert(
        fc.property(anything, (value) => {
          expect(() => validatePlan(value)).toThrow(PlanFileError);
        }),
        params,
      );
    },
    TEST_MS,
  );

  describe('readPlanFile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eci-plan-fuzz-'));
    const key = installKey(dir);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(
      'refuses random bytes, damaged plan files and other encodings cleanly (or reads an intact one)',
      async () => {
        const file = join(dir, 'plan.json');
        // Bytes, with the plan they were made from (null for random bytes).
        const input = fc.oneof(
          fc.uint8Array({ maxLength: 2048 }).map((b) => ({ b, original: null as CleanupPlan | null })),
          fc.tuple(planArb, fc.nat(), fc.constantFrom('cut', 'byte', 'utf16le', 'bom', 'nul')).map(([plan, n, how]) => {
            const text = Buffer.from(JSON.stringify(signedPlan(plan as CleanupPlan, key), null, 2) + '\n');
            const i = n % text.length;
            const b =
              how === 'cut'
                ? text.subarray(0, i)
                : how === 'byte'
                  ? Buffer.concat([text.subarray(0, i), Buffer.from([n % 256]), text.subarray(i + 1)])
                  : how === 'utf16le'
                    ? Buffer.from(text.toString(), 'utf16le')
                    : how === 'bom'
                      ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text])
                      : Buffer.concat([text.subarray(0, i), Buffer.from([0]), text.subarray(i)]);
            return { b, original: plan as CleanupPlan | null };
          }),
        );
        await fc.assert(
          fc.asyncProperty(input, async ({ b, original }) => {
            writeFileSync(file, b);
            let parsed: unknown = undefined;
            try {
              parsed = JSON.parse(Buffer.from(b).toString('utf8'));
            } catch {
              // Not JSON: must be refused.
            }
            // Intact: the same plan after all (a cut that only dropped the final newline, a byte changed inside whitespace).
            const intact =
              original !== null &&
              parsed !== undefined &&
              canonicalJson(parsed) === canonicalJson(signedPlan(original, key));
            const read = readPlanFile(file, key);
            if (intact)
              expect(canonicalJson(await read)).toBe(canonicalJson(original)); // -0 for 0 is the same plan
            else await expect(read).rejects.toBeInstanceOf(PlanFileError);
          }),
          { numRuns: 300 },
        );
      },
      TEST_MS,
    );

    it('refuses a missing file, a directory and a file too large to be a plan', async () => {
      await expect(readPlanFile(join(dir, 'missing.json'), key)).rejects.toThrow(/no plan file at/);
      mkdirSync(join(dir, 'a-dir'));
      await expect(readPlanFile(join(dir, 'a-dir'), key)).rejects.toBeInstanceOf(PlanFileError);
      writeFileSync(join(dir, 'big.json'), Buffer.alloc(21 * 1024 * 1024, 0x20));
      await expect(readPlanFile(join(dir, 'big.json'), key)).rejects.toThrow(/too large/);
    });
  });
});
