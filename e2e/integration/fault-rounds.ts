// Shared by the fault-injection tests: a seeded random sequence, a lab engine killed at a random
// moment during some work, and the "right again within one check" assertion.

import { expect } from 'vitest';
import type { EciChecker } from '../../main/core/verify/check';
import type { Lab } from '../lab/lab';
import { probeContainers } from './helpers';

export const ROUNDS = Number(process.env['FAULT_ROUNDS'] ?? 50);

/** A deterministic pseudo-random sequence, so a failing round can be replayed. */
export function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Runs `work`, kills the engine after `delay` ms, waits for `work` to end, brings the engine back. */
export async function killDuring<T>(lab: Lab, work: () => Promise<T>, delay: number): Promise<T | Error> {
  const running = work().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  await new Promise((r) => setTimeout(r, delay));
  lab.killEngine();
  const result = await running;
  await lab.recover('on');
  return result;
}

/** The next check is right, and leaves no probe container behind. */
export async function checkIsRight(lab: Lab, checker: EciChecker, round: string, verdict = 'protected'): Promise<void> {
  const report = await checker.check();
  expect(report.verdict, `${round}: ${report.reason}`).toBe(verdict);
  expect(await probeContainers(lab.engineHost), round).toEqual([]);
}

export function labConfig(lab: Lab) {
  return {
    dockerHost: lab.dockerHost,
    adminSettings: lab.paths.adminSettings,
    userSettings: lab.paths.userSettings,
    probeImage: lab.probeImage,
    timeoutMs: 20_000,
    env: { ...process.env, ...lab.env() },
  };
}
