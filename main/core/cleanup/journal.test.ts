import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installKey, mac } from '../store/install-key';
import { canonicalJson, type CleanupPlan } from './plan';
import { Journal, JournalError, journalDir, journalPath, pruneFinishedJournals, scanJournals } from './journal';
import { PlanFileError, readPlanFile, signedPlan, validatePlan, writePlanFile } from './plan-file';
import { recreateSpec } from './recreate-spec';
import { openSpec, publicResult, sealSpec } from './spec-secrets';
import { fixtureInspect, fixturePlan } from './testing/fixtures';

const SECRET = 's3cr3t-journal-7f3a9';
const ENV = [`API_TOKEN=${SECRET}`, 'PATH=/usr/bin'];
const inspect = () => fixtureInspect(ENV);
const plan = (): CleanupPlan => fixturePlan(ENV);

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'eci-journal-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A journal with a plan, an item (with a secret in its environment), a started and a done step. */
function journalWithSteps(state: string): { journal: Journal; plan: CleanupPlan } {
  const p = plan();
  const journal = Journal.create(state, p);
  journal.append({ type: 'item', index: 0, spec: recreateSpec(inspect(), 'nginx:1.27') });
  journal.append({ type: 'step', index: 0, step: 0, action: 'stop', status: 'started' });
  journal.append({ type: 'step', index: 0, step: 0, action: 'stop', status: 'done' });
  return { journal, plan: p };
}
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

describe('the cleanup journal on disk', () => {
  it('reads back what was written; environment values are sealed, only names in the clear; 0600 in a 0700 folder', () => {
    const state = fresh();
    const { journal } = journalWithSteps(state);
    const text = readFileSync(journal.path, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).toContain('API_TOKEN');
    const back = Journal.read(journal.path);
    expect(back.records).toEqual(journal.records);
    expect(back.itemStart(0)!.spec!.create.Env).toEqual([`API_TOKEN=${SECRET}`, 'PATH=/usr/bin']);
    expect(back.notice).toBeNull();
    if (process.platform !== 'win32') {
      expect(statSync(journal.path).mode & 0o777).toBe(0o600);
      expect(statSync(journalDir(state)).mode & 0o777).toBe(0o700);
      expect(statSync(state).mode & 0o777).toBe(0o700);
    }
  });

  it('is never started twice for one plan', () => {
    const state = fresh();
    const p = plan();
    Journal.create(state, p);
    expect(() => Journal.create(state, p)).toThrow(/EEXIST/);
  });

  it.each([
    ['a value edited', (l: string[]) => [l[0]!, l[1]!, l[2]!.replace('"started"', '"done"'), l[3]!]],
    ['a line dropped', (l: string[]) => [l[0]!, l[1]!, l[3]!]],
    ['two lines swapped', (l: string[]) => [l[0]!, l[2]!, l[1]!, l[3]!]],
    ['a line repeated', (l: string[]) => [l[0]!, l[1]!, l[2]!, l[2]!, l[3]!]],
    [
      'the plan edited',
      (l: string[]) => [l[0]!.replace('"strategy":"remove"', '"strategy":"recreate"'), ...l.slice(1)],
    ],
    ['the MAC removed', (l: string[]) => [l[0]!, l[1]!.replace(/,"mac":"[0-9a-f]+"/, ''), ...l.slice(2)]],
    [
      'the sealed environment edited',
      (l: string[]) => [
        l[0]!,
        l[1]!.replace(/"sealedEnv":"v1\.(.)/, (_m, c: string) => `"sealedEnv":"v1.${c === 'A' ? 'B' : 'A'}`),
        ...l.slice(2),
      ],
    ],
    ['a middle line damaged', (l: string[]) => [l[0]!, '{"type":"st', l[2]!, l[3]!]],
  ])('refuses a journal with %s', (_what, edit) => {
    const state = fresh();
    const { journal } = journalWithSteps(state);
    writeFileSync(journal.path, edit(lines(journal.path)).join('\n') + '\n');
    expect(() => Journal.read(journal.path)).toThrow(JournalError);
    expect(() => Journal.read(journal.path)).toThrow(/refused and nothing is done from it/);
    expect(scanJournals(state)).toMatchObject({ unfinished: null, refused: [{ path: journal.path }] });
  });

  it("refuses a journal copied under another plan's name, and one signed by another installation", () => {
    const state = fresh();
    const { journal } = journalWithSteps(state);
    const other = journalPath(state, '11111111-2222-4333-8444-555555555555');
    copyFileSync(journal.path, other);
    expect(() => Journal.read(other)).toThrow(/does not match its signature at line 1/);
    expect(() => Journal.read(journal.path, installKey(fresh()))).toThrow(/does not match its signature/);
  });

  it('refuses a correctly signed line that breaks the schema (an unknown kind or field)', () => {
    const state = fresh();
    const { journal } = journalWithSteps(state);
    const key = installKey(state);
    const l = lines(journal.path);
    const previous = (JSON.parse(l.at(-1)!) as { mac: string }).mac;
    for (const record of [
      { type: 'shell', at: '2026-11-27T10:20:30.000Z', cmd: 'rm -rf /' },
      { type: 'end', at: '2026-11-27T10:20:30.000Z', extra: 1 },
    ]) {
      const forged = { ...record, mac: mac(key, `${previous}\n${canonicalJson(record)}`) };
      writeFileSync(journal.path, [...l, JSON.stringify(forged)].join('\n') + '\n');
      expect(() => Journal.read(journal.path)).toThrow(/invalid record/);
    }
  });

  it('a torn last line (a crash while writing) is ignored with a notice and cut off at the next append', () => {
    const state = fresh();
    const { journal } = journalWithSteps(state);
    const whole = readFileSync(journal.path, 'utf8');
    appendFileSync(journal.path, '{"type":"item-end","index":0,"outc');
    const read = Journal.read(journal.path);
    expect(read.notice).toMatch(/was cut short/);
    expect(read.records).toEqual(journal.records);
    expect(scanJournals(state).unfinished?.notice).toMatch(/cut short/);
    expect(readFileSync(journal.path, 'utf8')).not.toBe(whole); // reading alone changes nothing
    read.append({ type: 'item-end', index: 0, outcome: 'done' });
    const after = Journal.read(journal.path);
    expect(after.notice).toBeNull();
    expect(after.itemEnd(0)).toMatchObject({ outcome: 'done' });
    expect(readFileSync(journal.path, 'utf8').startsWith(whole)).toBe(true);
  });

  it('prunes finished journals after 30 days; keeps unfinished, recent and refused ones', () => {
    const state = fresh();
    const old = Date.now() / 1000 - 31 * 86_400;
    const finished = journalWithSteps(state).journal;
    finished.append({ type: 'end' });
    const unfinished = Journal.create(state, plan());
    const recent = Journal.create(state, plan());
    recent.append({ type: 'end' });
    const refused = journalPath(state, '44444444-4444-4444-8444-444444444444');
    writeFileSync(refused, 'not a journal\n');
    for (const p of [finished.path, unfinished.path, refused]) utimesSync(p, old, old);
    expect(pruneFinishedJournals(state)).toEqual([finished.path]);
    expect([finished.path, unfinished.path, recent.path, refused].map((p) => existsSync(p))).toEqual([
      false,
      true,
      true,
      true,
    ]);
    // Starting a new journal prunes too.
    utimesSync(recent.path, old, old);
    Journal.create(state, plan());
    expect(existsSync(recent.path)).toBe(false);
  });
});

describe('plan files', () => {
  it('are signed, written 0600, and read back', async () => {
    const state = fresh();
    const key = installKey(state);
    const path = join(state, 'plans', 'p.json');
    const p = plan();
    writePlanFile(path, p, key);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(canonicalJson(await readPlanFile(path, key))).toBe(canonicalJson(p));
  });

  it('a plan edited and given a correct new checksum is still refused: only the install key signs', async () => {
    const state = fresh();
    const key = installKey(state);
    const path = join(state, 'p.json');
    writePlanFile(path, plan(), key);
    const edited = JSON.parse(readFileSync(path, 'utf8')) as CleanupPlan & { mac: string };
    edited.items[0]!.strategy = 'snapshot';
    const { checksum: _c, mac: _m, ...body } = edited;
    const { createHash } = await import('node:crypto');
    edited.checksum = createHash('sha256').update(canonicalJson(body)).digest('hex');
    writeFileSync(path, JSON.stringify(edited));
    await expect(readPlanFile(path, key)).rejects.toThrow(/changed outside ECI Tray, or made by another installation/);
  });

  it('refuses a plan without a signature, and one signed by another installation', async () => {
    const state = fresh();
    const key = installKey(state);
    const path = join(state, 'p.json');
    writeFileSync(path, JSON.stringify(plan()));
    await expect(readPlanFile(path, key)).rejects.toThrow(/has no signature/);
    writePlanFile(path, plan(), installKey(fresh()));
    await expect(readPlanFile(path, key)).rejects.toBeInstanceOf(PlanFileError);
    expect(() => validatePlan(signedPlan(plan(), key))).toThrow(/unknown field/); // a signed plan is not a bare plan
  });

  it('refuses a plan folder it cannot read with a clear message', async () => {
    if (process.platform === 'win32' || process.getuid?.() === 0) return; // root reads everything
    const state = fresh();
    const path = join(state, 'p.json');
    writePlanFile(path, plan(), installKey(state));
    chmodSync(path, 0o000);
    await expect(readPlanFile(path, installKey(state))).rejects.toThrow(/cannot read the plan file/);
  });
});

describe('secrets in results and kept specs', () => {
  it('results name environment variables, never their values; a sealed spec opens to the real values', () => {
    const state = fresh();
    const spec = recreateSpec(inspect(), 'nginx:1.27');
    const result = publicResult({
      planId: plan().id,
      journal: '/x',
      alreadyApplied: false,
      items: [{ name: 'web', outcome: 'done', removedSpec: spec }],
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.items[0]!.removedSpec!.envNames).toEqual(['API_TOKEN', 'PATH']);
    const sealed = sealSpec(installKey(state), spec);
    expect(JSON.stringify(sealed)).not.toContain(SECRET);
    expect(openSpec(installKey(state), sealed)).toEqual(spec);
    // Moved to another container's name: refused.
    expect(() => openSpec(installKey(state), { ...sealed, name: 'db' })).toThrow(/cannot be opened/);
  });
});
