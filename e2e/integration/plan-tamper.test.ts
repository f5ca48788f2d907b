// Tampered cleanup plans and journals on the lab: a real plan made by the CLI, then ~20 versions
// edited at random (fast-check), each applied with `cleanup --apply --yes`. Every one is refused
// with exit code 22 before anything is touched: the containers keep their id and state, no
// journal is written and no snapshot image appears. A plan edited with a correct new checksum is
// refused by its signature (the install key). A journal edited outside the tool is refused by
// `--resume` and by `--apply` of its plan; the same journal untouched resumes.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, STEP_ACTIONS, STRATEGIES } from '../../main/core/cleanup/plan';
import { PlanFileError, validatePlan } from '../../main/core/cleanup/plan-file';
import { Journal, journalDir } from '../../main/core/cleanup/journal';
import { installKey } from '../../main/core/store/install-key';
import { Lab } from '../lab/lab';
import { createContainer, engineApi, inspect, runCli } from './helpers';

const VERSIONS = 20;
const KEEP_RUNNING = ['sh', '-c', "echo kept > /tmp/state.txt; trap 'exit 0' TERM; sleep 3600 & wait"];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

function allPaths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) allPaths(v[k] as Json, [...at, k], out);
  return out;
}
const parentOf = (root: Json, p: Path) =>
  p.slice(0, -1).reduce<Json>((v, s) => (v as Record<string | number, Json>)[s] as Json, root) as Record<
    string | number,
    Json
  >;
const setOwn = (o: object, k: string | number, v: unknown) =>
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

/** One random edit of a plan file's text: the kinds a hand edit or a forged plan would make. */
const tamperArb = (plan: Json) =>
  fc
    .record({
      kind: fc.constantFrom(
        'set',
        'delete',
        'add',
        'action',
        'strategy',
        'id',
        'duplicate',
        'large',
        'checksum',
        'text',
        'forged',
        'truncate',
      ),
      pick: fc.nat(),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<Json>('', 'nuke', -1, 1.5, null, true, [], {})),
      key: fc.oneof(
        fc.string({ minLength: 1 }),
        fc.constantFrom('__proto__', 'constructor', 'privileged', 'spec', 'ContainerId'),
      ),
      word: fc.constantFrom('exec', 'nuke', 'STOP', 'stop ', 'Remove', '__proto__', ''),
    })
    .map(({ kind, pick, value, key, word }) => {
      const copy = structuredClone(plan) as { [k: string]: Json } & { items: Array<Record<string, Json>> };
      const paths = allPaths(copy).filter((p) => p.length > 0);
      const at = <T>(list: T[]) => list[pick % list.length] as T;
      const item = at(copy.items);
      switch (kind) {
        case 'set': {
          const p = at(paths);
          setOwn(parentOf(copy, p), p[p.length - 1] as string, value);
          break;
        }
        case 'delete': {
          const p = at(paths);
          const parent = parentOf(copy, p);
          if (Array.isArray(parent)) parent.splice(p[p.length - 1] as number, 1);
          else delete parent[p[p.length - 1] as string];
          break;
        }
        case 'add':
          setOwn(at([copy, item, ...(item['steps'] as Array<Record<string, Json>>)]), key, value);
          break;
        case 'action':
          (at(item['steps'] as Array<Record<string, Json>>) ?? item)['action'] = (
            STEP_ACTIONS as readonly string[]
          ).includes(word)
            ? `${word}!`
            : word;
          break;
        case 'strategy':
          item['strategy'] = (STRATEGIES as readonly string[]).includes(word) ? `${word}!` : word;
          break;
        case 'id': {
          const [o, k] = at<[Record<string, Json>, string]>([
            [item, 'containerId'],
            [item, 'fingerprint'],
            [copy, 'id'],
          ]);
          o[k] = '../../' + String(o[k]).slice(6);
          break;
        }
        case 'duplicate':
          copy.items.push(structuredClone(item));
          break;
        case 'large':
          copy.items = Array.from({ length: 5_001 }, () => structuredClone(item));
          break;
        case 'checksum': {
          const c = String(copy['checksum']);
          const i = pick % c.length;
          copy['checksum'] = c.slice(0, i) + (c[i] === '0' ? '1' : '0') + c.slice(i + 1);
          break;
        }
        case 'forged': {
          // A forger's edit: a strategy changed and the checksum computed again, so it is a valid plan but for the signature.
          const target = copy.items.find((i) => i['strategy'] !== 'remove') ?? item;
          target['strategy'] = target['strategy'] === 'remove' ? 'snapshot' : 'remove';
          const { checksum: _c, mac: _m, ...body } = copy;
          copy['checksum'] = createHash('sha256').update(canonicalJson(body)).digest('hex');
          break;
        }
        case 'text': {
          // Free text (what keeps and loses, the image, the endpoint): still a valid shape, so only the checksum catches it.
          const strings = paths.filter(
            (p) =>
              typeof parentOf(copy, p)[p[p.length - 1] as string] === 'string' &&
              ['keeps', 'loses', 'image', 'endpoint'].some((k) => p.includes(k)),
          );
          const p = at(strings);
          const parent = parentOf(copy, p);
          parent[p[p.length - 1] as string] = `${String(parent[p[p.length - 1] as string])}!`;
          break;
        }
      }
      const text = JSON.stringify(copy, null, 2);
      return { kind, text: kind === 'truncate' ? text.slice(0, pick % text.length) : text, value: copy as unknown };
    })
    // Only real tampering: an edit that changes nothing that counts would be the plan itself.
    .filter((t) => t.kind === 'truncate' || canonicalJson(t.value) !== canonicalJson(plan));

describe('tampered cleanup plans on the lab', () => {
  let lab: Lab;
  let state: string;
  let env: Record<string, string>;
  const before: Record<string, { Id: string; status: string }> = {};
  const names = ['tamper-running', 'tamper-changed', 'tamper-created'];

  const snapshots = async () =>
    ((await engineApi(lab.engineHost, 'GET', '/images/json')).json as Array<{ RepoTags: string[] | null }>)
      .flatMap((i) => i.RepoTags ?? [])
      .filter((t) => t.startsWith('eci-tray-snapshot/'));

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    state = mkdtempSync(join(tmpdir(), 'eci-tamper-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    await createContainer(lab.engineHost, 'tamper-running', { Image: lab.probeImage, Cmd: KEEP_RUNNING });
    await createContainer(lab.engineHost, 'tamper-changed', {
      Image: lab.probeImage,
      Cmd: KEEP_RUNNING,
      Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'api' },
    });
    await createContainer(lab.engineHost, 'tamper-created', { Image: lab.probeImage, Cmd: ['true'] }, false);
    for (const name of names) {
      const info = await inspect(lab.engineHost, name);
      before[name] = { Id: info.Id, status: info.State.Status };
    }
  });
  afterAll(async () => {
    await lab?.teardown();
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it(`${VERSIONS} randomly tampered versions of a real plan are refused (exit 22), nothing touched`, async () => {
    const planPath = join(state, 'plan.json');
    const made = await runCli(['cleanup', '--plan', '--output', planPath, ...lab.productArgs()], env);
    expect(made.code, made.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(planPath, 'utf8')) as Json;
    expect((plan as { items: Array<{ name: string }> }).items.map((i) => i.name).sort()).toEqual([...names].sort());

    const versions = fc.sample(tamperArb(plan), { numRuns: VERSIONS, seed: 20_261_127 });
    // Always one forgery with a correct new checksum: only the signature can catch it.
    versions.push(
      ...fc.sample(
        tamperArb(plan).filter((v) => v.kind === 'forged'),
        { numRuns: 1, seed: 7 },
      ),
    );
    const kinds = new Set(versions.map((v) => v.kind));
    expect(kinds.size, [...kinds].join(', ')).toBeGreaterThanOrEqual(6);
    const tampered = join(state, 'tampered.json');
    for (const [n, v] of versions.entries()) {
      // In-process first, so a plan the validator would accept never reaches the engine.
      expect(() => validatePlan(JSON.parse(v.text), 'the plan', installKey(state)), `version ${n} (${v.kind})`).toThrow(
        v.kind === 'truncate' ? Error : PlanFileError,
      );
      writeFileSync(tampered, v.text);
      const r = await runCli(['cleanup', '--apply', tampered, '--yes', ...lab.productArgs()], env);
      expect(r.code, `version ${n} (${v.kind}): ${r.stderr}`).toBe(22);
      expect(r.stderr).toContain('refused');
      if (v.kind === 'forged') expect(r.stderr).toContain('its signature does not match');
      for (const name of names) {
        const info = await inspect(lab.engineHost, name);
        expect({ Id: info?.Id, status: info?.State?.Status }, `${name} after version ${n} (${v.kind})`).toEqual(
          before[name],
        );
      }
    }
    const journals = journalDir(state);
    expect(existsSync(journals) ? readdirSync(journals) : []).toEqual([]);
    expect(await snapshots()).toEqual([]);
  });

  it('a journal changed outside ECI Tray is refused by --resume and by --apply of its plan; untouched, it resumes', async () => {
    const planPath = join(state, 'only-created.json');
    const made = await runCli(
      [
        'cleanup',
        '--plan',
        '--strategy',
        'remove',
        '--only',
        'tamper-created',
        '--output',
        planPath,
        ...lab.productArgs(),
      ],
      env,
    );
    expect(made.code, made.stderr).toBe(0);
    // An interrupted cleanup of it: the plan record is on disk, nothing ran yet.
    const plan = validatePlan(JSON.parse(readFileSync(planPath, 'utf8')), planPath, installKey(state));
    const journal = Journal.create(state, plan);
    const good = readFileSync(journal.path, 'utf8');
    const key = JSON.parse(good.split('\n')[0]!) as { mac: string };
    const edits: Array<[string, string]> = [
      ['strategy edited', good.replace('"strategy":"remove"', '"strategy":"snapshot"')],
      [
        'line added without signature',
        good + JSON.stringify({ type: 'item-end', at: new Date().toISOString(), index: 0, outcome: 'done' }) + '\n',
      ],
      [
        'line added with a copied signature',
        good + JSON.stringify({ type: 'end', at: new Date().toISOString(), mac: key.mac }) + '\n',
      ],
    ];
    for (const [what, text] of edits) {
      writeFileSync(journal.path, text);
      const resumed = await runCli(['cleanup', '--resume', '--yes', ...lab.productArgs()], env);
      expect(resumed.code, `${what}: ${resumed.stderr}`).toBe(22);
      expect(resumed.stderr).toMatch(
        /refused: the cleanup journal .* does not match its signature at line \d; it is refused and nothing is done from it/,
      );
      const applied = await runCli(['cleanup', '--apply', planPath, '--yes', ...lab.productArgs()], env);
      expect(applied.code, `${what}: ${applied.stderr}`).toBe(22);
      expect(readFileSync(journal.path, 'utf8'), 'the refused journal is left as it was').toBe(text);
      for (const name of names) {
        const info = await inspect(lab.engineHost, name);
        expect({ Id: info?.Id, status: info?.State?.Status }, `${name} after a journal with ${what}`).toEqual(
          before[name],
        );
      }
    }
    // The same journal, untouched, resumes: the refusals above came from the edits.
    writeFileSync(journal.path, good);
    const resumed = await runCli(['cleanup', '--resume', '--yes', ...lab.productArgs()], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await inspect(lab.engineHost, 'tamper-created')).toBeNull();
    expect(await inspect(lab.engineHost, 'tamper-running')).toMatchObject({ Id: before['tamper-running']!.Id });
  });
});
