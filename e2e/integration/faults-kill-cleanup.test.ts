// The engine killed (SIGKILL) at random moments during a cleanup apply, 50 times: the journal
// resumes the cleanup without repeating finished steps, and the next check is right.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan, CleanupError } from '../../main/core/cleanup/apply';
import { Auditor } from '../../main/core/cleanup/audit';
import { Journal, journalPath } from '../../main/core/cleanup/journal';
import { makePlan } from '../../main/core/cleanup/plan';
import { EciChecker } from '../../main/core/verify/check';
import { Lab } from '../lab/lab';
import { checkIsRight, killDuring, labConfig, random, ROUNDS } from './fault-rounds';
import { createContainer } from './helpers';

describe('engine killed during a cleanup', () => {
  let lab: Lab;
  let state: string;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
    state = mkdtempSync(join(tmpdir(), 'eci-faults-'));
  });
  afterAll(async () => {
    await lab?.teardown();
    rmSync(state, { recursive: true, force: true });
  });

  it(
    `during a cleanup apply (${ROUNDS} rounds), resumed without repeating finished steps`,
    async () => {
      const rnd = random(3);
      for (let i = 0; i < ROUNDS; i++) {
        const checker = new EciChecker(labConfig(lab));
        const names = [0, 1, 2].map((k) => `r${i}-c${k}`);
        for (const name of names)
          await createContainer(
            lab.engineHost,
            name,
            { Image: lab.probeImage, Cmd: ['true'], HostConfig: { Runtime: 'runc' } },
            false,
          );
        const auditor = new Auditor(checker.engine());
        const audit = await auditor.audit();
        const plan = makePlan({
          containers: audit.containers
            .filter((c) => names.includes(c.name))
            .map((audited) => ({ audited, info: auditor.inspectOf(audited.id)! })),
          choices: new Map(),
          strategy: 'recreate',
          endpoint: lab.dockerHost,
          context: { eciEffective: true, socketMountAllowList: [], createdAt: new Date() },
        });
        const result = await killDuring(
          lab,
          () => applyPlan(checker, plan, { confirmed: true, stateDir: state }),
          Math.floor(rnd() * 400),
        );
        const path = journalPath(state, plan.id);
        let journal = Journal.read(path);
        if (!journal.finished) {
          expect(result instanceof CleanupError || result instanceof Error, `round ${i}`).toBe(true);
          const resumed = await applyPlan(checker, plan, { confirmed: true, stateDir: state });
          const recorded = plan.items.map((_, index) => journal.stopped(index));
          expect(
            resumed.items.map((x) => x.outcome),
            `round ${i}: ${JSON.stringify(resumed.items)}; as stopped: ${JSON.stringify(recorded)}; interrupted by: ${String(result)}`,
          ).toEqual(['done', 'done', 'done']);
          journal = Journal.read(path);
        }
        expect(journal.finished).toBe(true);
        for (const [index, item] of plan.items.entries()) {
          for (const [step] of item.steps.entries()) {
            const done = journal.records.filter(
              (r) => r.type === 'step' && r.index === index && r.step === step && r.status === 'done',
            );
            expect(done, `round ${i} item ${index} step ${step}`).toHaveLength(1);
          }
        }
        // Re-created under ECI: none of them is outside it any more.
        expect(
          (await new Auditor(checker.engine()).audit()).containers.filter((c) => names.includes(c.name)),
          `round ${i}`,
        ).toEqual([]);
        await checkIsRight(lab, checker, `cleanup round ${i}`);
        checker.close();
      }
    },
    ROUNDS * 20_000,
  );
});
