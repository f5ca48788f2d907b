// The engine killed (SIGKILL) at random moments, 50 times each, during probes and during audits:
// afterwards, once the engine is back and the next check has run, no probe container remains and
// the verdict is right again within one check.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auditor } from '../../main/core/cleanup/audit';
import { EciChecker } from '../../main/core/verify/check';
import { Lab } from '../lab/lab';
import { checkIsRight, killDuring, labConfig, random, ROUNDS } from './fault-rounds';
import { createContainer, engineApi } from './helpers';

describe('engine killed during probes and audits', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it(
    `during probes (${ROUNDS} rounds)`,
    async () => {
      const rnd = random(1);
      for (let i = 0; i < ROUNDS; i++) {
        const checker = new EciChecker(labConfig(lab));
        const result = await killDuring(lab, () => checker.check(), Math.floor(rnd() * 700));
        // Whatever the interrupted check said, it was never "protected" on a partial probe.
        if (!(result instanceof Error) && result.verdict === 'protected')
          expect(result.checks.every((c) => c.result === 'isolated')).toBe(true);
        await checkIsRight(lab, checker, `probe round ${i}`);
        checker.close();
      }
    },
    ROUNDS * 20_000,
  );

  it(
    `during audits (${ROUNDS} rounds)`,
    async () => {
      const rnd = random(2);
      const setup = new EciChecker(labConfig(lab));
      for (let i = 0; i < 5; i++)
        await createContainer(
          lab.engineHost,
          `audit-${i}`,
          { Image: lab.probeImage, Cmd: ['true'], HostConfig: { Runtime: 'runc' } },
          false,
        );
      for (let i = 0; i < ROUNDS; i++) {
        const auditor = new Auditor(setup.engine());
        const result = await killDuring(lab, () => auditor.audit(), Math.floor(rnd() * 300));
        if (!(result instanceof Error))
          expect(result.containers.map((c) => c.name).sort()).toEqual([
            'audit-0',
            'audit-1',
            'audit-2',
            'audit-3',
            'audit-4',
          ]);
        expect((await new Auditor(setup.engine()).audit()).containers, `audit round ${i}`).toHaveLength(5);
      }
      await checkIsRight(lab, setup, 'after audits', 'unprotected-containers');
      for (let i = 0; i < 5; i++) await engineApi(lab.engineHost, 'DELETE', `/containers/audit-${i}?force=1`);
      await checkIsRight(lab, setup, 'after audits, containers removed');
      setup.close();
    },
    ROUNDS * 20_000,
  );
});
