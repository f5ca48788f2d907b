import { describe, expect, it } from 'vitest';
import type { CheckReport, EngineIdentity, Verdict } from '../model';
import { isVerified, SETTLE, verifyAgainAfter, verifySettled } from './settle';

const engine = (over: Partial<EngineIdentity> = {}): EngineIdentity => ({
  reachable: true,
  desktop: true,
  version: '4.37.1',
  platformName: 'Docker Desktop 4.37.1 (1)',
  operatingSystem: 'Docker Desktop',
  ...over,
});
const outcome = (verdict: Verdict, eci: boolean | null, e: EngineIdentity = engine()) => ({
  verdict,
  engine: e,
  effective: { eci },
  reason: `${verdict}.`,
});

describe('a verdict right after an engine start', () => {
  it.each<[string, ReturnType<typeof outcome>, number, number, number | null]>([
    ['incomplete evidence just after the start: again, after 1 s', outcome('unknown', null), 0, 500, 1_000],
    ['the second repeat waits longer', outcome('unknown', null), 1, 500, 2_000],
    ['the third is the last', outcome('unknown', null), 2, 500, 3_000],
    ['after three repeats: answer unknown', outcome('unknown', null), 3, 500, null],
    [
      'gone again right after answering: again',
      outcome('engine-unreachable', null, engine({ reachable: false, error: 'connection refused' })),
      0,
      500,
      1_000,
    ],
    [
      'paused by hand: no retry, it waits for the user',
      outcome('engine-unreachable', null, engine({ reachable: false, paused: true })),
      0,
      500,
      null,
    ],
    ['long after the start: no retry (a real problem)', outcome('unknown', null), 0, SETTLE.windowMs + 1, null],
    ['verified protected: done', outcome('protected', true), 0, 500, null],
    ['verified pending: done (the setting did not apply)', outcome('pending-restart', false), 0, 500, null],
    ['verified off: done', outcome('off', false), 0, 500, null],
  ])('%s', (_name, report, repeats, since, pause) => {
    expect(verifyAgainAfter({ report, repeats, sinceEngineStartMs: since })).toBe(pause);
  });

  it.each<[Verdict, boolean | null, boolean]>([
    ['protected', true, true],
    ['unprotected-containers', true, true],
    ['pending-restart', false, true],
    ['off', false, true],
    ['not-docker-desktop', false, true],
    ['unknown', true, false],
    ['unknown', null, false],
    ['engine-unreachable', null, false],
  ])('%s with ECI %s is verified: %s', (verdict, eci, verified) => {
    expect(isVerified(outcome(verdict, eci))).toBe(verified);
  });

  it('verifies again until the evidence is complete, announcing each repeat', async () => {
    const answers = [outcome('unknown', null), outcome('unknown', null), outcome('protected', true)];
    const announced: number[] = [];
    const { report, repeats } = await verifySettled(async () => answers.shift() as unknown as CheckReport, {
      engineStartedAt: Date.now(),
      policy: { ...SETTLE, pauseMs: 1 },
      onRetry: (n) => announced.push(n),
    });
    expect(report.verdict).toBe('protected');
    expect(repeats).toBe(2);
    expect(announced).toEqual([1, 2]);
  });

  it('gives up after the bounded number of repeats', async () => {
    let calls = 0;
    const { report, repeats } = await verifySettled(
      async () => (calls++, outcome('unknown', null) as unknown as CheckReport),
      {
        engineStartedAt: Date.now(),
        policy: { ...SETTLE, pauseMs: 1 },
      },
    );
    expect(report.verdict).toBe('unknown');
    expect(repeats).toBe(SETTLE.retries);
    expect(calls).toBe(SETTLE.retries + 1);
  });
});
