// One verification's evidence for the monitor, the engine's and the containers'. Right after the
// engine came back it is repeated while it may be the engine settling (verify/settle.ts), but not
// once the engine is seen gone again: its return verifies anew. It says when the kept evidence
// was gathered, so that evidence taken while the engine was away is told from the engine after
// it came back.

import type { EciChecker } from '../verify/check';
import type { ContainerEvidence, EngineEvidence } from '../verify/assemble-report';
import type { SettingsSnapshot } from '../settings/load-settings';
import { SETTLE, settleMessage, verifyAgainAfter } from '../verify/settle';

export interface GatheredEvidence {
  evidence: EngineEvidence;
  containers: ContainerEvidence;
  /** When the kept attempt started (ms). */
  lookedAt: number;
}

export interface GatherOptions {
  /** Repeat incomplete evidence right after the engine came back. */
  settle: boolean;
  /** From the engine's return to now (settle.ts repeats only within its window). */
  sinceEngineStartMs: number;
  /** The monitor stopped: no more repeats. */
  stopped(): boolean;
  /** The event stream says the engine is away. */
  away(): boolean;
  log(message: string): void;
}

export async function gatherEvidence(
  checker: EciChecker,
  settings: SettingsSnapshot,
  o: GatherOptions,
): Promise<GatheredEvidence> {
  const attempt = async (): Promise<GatheredEvidence> => {
    const lookedAt = Date.now();
    const evidence = await checker.verifyEngine(settings);
    const containers = evidence.engine.reachable ? await checker.listContainers(settings) : { list: [] };
    return { evidence, containers, lookedAt };
  };
  let got = await attempt();
  for (let repeats = 0; o.settle && !o.stopped(); repeats++) {
    if (!got.evidence.engine.reachable && o.away()) break; // gone again: its return verifies anew
    const report = checker.report(got.evidence, settings, got.containers);
    const pause = verifyAgainAfter({ report, repeats, sinceEngineStartMs: o.sinceEngineStartMs });
    if (pause === null) break;
    o.log(settleMessage(repeats + 1, SETTLE.retries, report));
    await new Promise((r) => setTimeout(r, pause));
    got = await attempt();
  }
  return got;
}
