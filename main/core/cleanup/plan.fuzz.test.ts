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
import { canonicalJson, makePlan, STRATEGIES, type CleanupPlan } from './plan';
import { installKey } from '../store/install-key';
import { PlanFileError, readPlanFile, signedPlan, validatePlan } from './plan-file';
import { mutate, mutationArb, namesTouchedPath, pathText, type Json } from './testing/plan-tampering';

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
