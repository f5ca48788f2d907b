import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../cleanup/apply-result';
import type { CleanupService } from '../cleanup/cleanup-service';
import type { CleanupPlan } from '../cleanup/plan';
import { recreateSpec } from '../cleanup/recreate-spec';
import { fixtureInspect } from '../cleanup/testing/fixtures';
import { installKey } from '../store/install-key';
import { PreferencesStore, WALKTHROUGH_REMOVED_LIMIT, type Preferences } from '../preferences/preferences';
import { keepRemovedWithin, WalkthroughService } from './walkthrough-service';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'eci-walkthrough-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const entry = (name: string) => ({
  name,
  image: 'img',
  removedAt: '2026-12-01T00:00:00Z',
  wasRunning: false,
  spec: { name, create: {}, connect: [], envNames: [], sealedEnv: null },
});
const progress = (removed: string[], recreated: string[]): Preferences['walkthrough'] => ({
  removed: removed.map(entry),
  recreated,
  skipRecreate: false,
});

describe('keepRemovedWithin', () => {
  it.each<[string, string[], string[], number, string[], string[], string[]]>([
    ['within the limit: nothing dropped', ['a', 'b'], ['a'], 3, ['a', 'b'], ['a'], []],
    ['re-created ones go first', ['a', 'b', 'c', 'd'], ['c'], 3, ['a', 'b', 'd'], [], []],
    ['then the oldest waiting', ['a', 'b', 'c', 'd'], ['d'], 2, ['b', 'c'], [], ['a']],
    ['re-created names of dropped entries go too', ['a', 'b', 'c'], ['a', 'b'], 1, ['c'], [], []],
  ])('%s', (_what, removed, recreated, limit, keptRemoved, keptRecreated, dropped) => {
    const p = progress(removed, recreated);
    expect(keepRemovedWithin(p, limit)).toEqual(dropped);
    expect(p.removed.map((r) => r.name)).toEqual(keptRemoved);
    expect(p.recreated).toEqual(keptRecreated);
  });
});

describe('rememberRemoved past the limit', () => {
  it('a cleanup that removes more containers than the walkthrough keeps succeeds, keeping the newest', () => {
    const state = fresh();
    const prefs = PreferencesStore.load(join(state, 'preferences.json'));
    const logs: string[] = [];
    const service = new WalkthroughService({
      prefs,
      cleanup: {} as CleanupService,
      confirm: async () => true,
      installKey: () => installKey(state),
      env: {},
      log: (m) => void logs.push(m),
    });
    const names = Array.from({ length: WALKTHROUGH_REMOVED_LIMIT + 20 }, (_, i) => `c${i}`);
    const spec = recreateSpec(fixtureInspect(['A=1']), 'img');
    const result = {
      planId: 'p',
      journal: '/j',
      alreadyApplied: false,
      items: names.map((name) => ({ name, outcome: 'done', removedSpec: { ...spec, name } })),
    } as ApplyResult;
    const plan = { items: names.map((name) => ({ name, image: 'img', wasRunning: false })) } as unknown as CleanupPlan;
    expect(() => service.rememberRemoved(result, plan)).not.toThrow();
    const kept = PreferencesStore.load(prefs.path)
      .get()
      .walkthrough.removed.map((r) => r.name);
    expect(kept).toHaveLength(WALKTHROUGH_REMOVED_LIMIT);
    expect(kept.at(-1)).toBe(names.at(-1));
    expect(kept[0]).toBe('c20');
    expect(logs.join('\n')).toContain('c0, c1');
  });
});
