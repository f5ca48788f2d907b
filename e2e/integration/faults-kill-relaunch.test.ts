// The engine killed (SIGKILL) at random moments during a full quit and relaunch, 50 times: the
// relaunch ends (applied, or with a clear error), and once the engine is back the next check is
// right and leaves no probe container.

import { afterAll, beforeAll, describe, it } from 'vitest';
import { EciChecker } from '../../main/core/verify/check';
import { relaunchDesktop } from '../../main/core/desktop/relaunch';
import { Lab } from '../lab/lab';
import { checkIsRight, killDuring, labConfig, random, ROUNDS } from './fault-rounds';

describe('engine killed during a relaunch', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
    lab.writeAdminPolicy(true, true);
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it(
    `during a relaunch (${ROUNDS} rounds)`,
    async () => {
      const rnd = random(4);
      for (let i = 0; i < ROUNDS; i++) {
        const checker = new EciChecker(labConfig(lab));
        const relaunch = () =>
          relaunchDesktop(checker, {
            confirmed: true,
            env: { ...process.env, ...lab.env() },
            stopTimeoutMs: 10_000,
            startTimeoutMs: 4_000,
          });
        await killDuring(lab, relaunch, Math.floor(rnd() * 2500));
        await checkIsRight(lab, checker, `relaunch round ${i}`);
        checker.close();
      }
    },
    ROUNDS * 20_000,
  );
});
