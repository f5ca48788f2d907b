// The removal step of a re-create looks at the replacement again before it removes the original.

import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../engine/engine-client';
import type { EciChecker } from '../verify/check';
import { runStep } from './apply-step';
import { ownershipLabels } from './ownership';
import type { PlanItem } from './plan';

const PLAN = 'plan-1';
const ORIGINAL = 'a'.repeat(64);
const NEW = 'b'.repeat(64);

/** An engine holding these containers (by id or name); records removals. */
function engine(containers: Array<{ Id: string; Name: string; Labels?: Record<string, string> }>) {
  const removed: string[] = [];
  const client = {
    inspectContainer: async (ref: string) => {
      const c = containers.find((x) => x.Id === ref || x.Name === `/${ref}`);
      return c ? { Id: c.Id, Name: c.Name, Config: { Labels: c.Labels ?? {} }, State: { Running: true } } : null;
    },
    removeContainer: async (id: string) => void removed.push(id),
  } as unknown as EngineClient;
  return { checker: { engine: () => client } as unknown as EciChecker, removed };
}

const item = (strategy: 'recreate' | 'remove') =>
  ({
    containerId: ORIGINAL,
    name: 'web',
    strategy,
    steps:
      strategy === 'recreate'
        ? [{ action: 'rename-old' }, { action: 'create' }, { action: 'start' }, { action: 'remove' }]
        : [{ action: 'remove' }],
  }) as unknown as PlanItem;

const original = { Id: ORIGINAL, Name: '/web-old' };
const replacement = { Id: NEW, Name: '/web', Labels: ownershipLabels(PLAN, 'create', ORIGINAL) };

describe("a re-create's removal step", () => {
  it.each([
    ['the replacement is there: the original is removed', [original, replacement], 'recreate', null, [ORIGINAL]],
    ['the replacement is gone: nothing is removed', [original], 'recreate', /new container is missing/, []],
    [
      'a container of that name not made by this plan: nothing is removed',
      [original, { Id: NEW, Name: '/web' }],
      'recreate',
      /new container is missing/,
      [],
    ],
    ['a plain removal has no replacement to look at', [original], 'remove', null, [ORIGINAL]],
  ] as const)('%s', async (_what, containers, strategy, error, removed) => {
    const e = engine([...containers]);
    const step = runStep(
      e.checker,
      PLAN,
      item(strategy),
      'remove',
      undefined,
      null,
      strategy === 'recreate' ? NEW : undefined,
    );
    if (error) await expect(step).rejects.toThrow(error);
    else await expect(step).resolves.toBeUndefined();
    expect(e.removed).toEqual(removed);
  });
});
