// An engine that has just come back (a full quit and relaunch, a crash, a wake-up) answers its
// ping before it runs containers reliably: the first probe may fail or time out although nothing
// is wrong. Right after an engine start, a verification whose evidence is incomplete for such a
// passing reason is repeated, a few times and briefly, before "could not verify" is answered.
// Pure decisions here; the callers (relaunch, the monitor after engine-back) do the waiting.

import type { CheckReport } from '../model';

export interface SettlePolicy {
  /** Verifications repeated at most this many times after the first. */
  retries: number;
  /** Only a verification that started within this long of the engine's return is repeated. */
  windowMs: number;
  /** Pause before each repeat (times the repeat's number: 1x, 2x, 3x). */
  pauseMs: number;
}

export const SETTLE: SettlePolicy = { retries: 3, windowMs: 10_000, pauseMs: 1_000 };

/** A verdict that rests on verified evidence: ECI's effective state was established by the probe. */
export function isVerified(report: Pick<CheckReport, 'verdict' | 'effective'>): boolean {
  return report.effective.eci !== null && report.verdict !== 'unknown' && report.verdict !== 'engine-unreachable';
}

/** ECI is verified to be on now: what re-creating a container under ECI needs (app and CLI alike). */
export function isEciVerifiedInEffect(report: Pick<CheckReport, 'verdict' | 'effective'>): boolean {
  return isVerified(report) && report.effective.eci === true;
}

/**
 * The probe shows ECI settled as the user (or the admin policy) asks: on and in effect with the
 * setting applied (protected, or on with old containers left), or off and verified off.
 */
export function isVerifiedAsAsked(report: Pick<CheckReport, 'verdict' | 'effective'>, target: 'on' | 'off'): boolean {
  if (target === 'on')
    return (
      isEciVerifiedInEffect(report) && (report.verdict === 'protected' || report.verdict === 'unprotected-containers')
    );
  return isVerified(report) && report.effective.eci === false && report.verdict === 'off';
}

/**
 * Whether an outcome may be the engine still settling: evidence incomplete (`unknown`), or the
 * engine gone again right after answering. Never a paused Desktop (that waits for the user) nor
 * a verified verdict.
 */
export function mayBeSettling(report: Pick<CheckReport, 'verdict' | 'engine'>): boolean {
  if (report.verdict === 'unknown') return true;
  return report.verdict === 'engine-unreachable' && report.engine.paused !== true;
}

export interface SettleInputs {
  report: Pick<CheckReport, 'verdict' | 'engine'>;
  /** Repeats already made (0 after the first verification). */
  repeats: number;
  /** From the engine's return to the start of the first verification. */
  sinceEngineStartMs: number;
}

/** The pause before verifying again, or null to answer with this report. */
export function verifyAgainAfter(i: SettleInputs, policy: SettlePolicy = SETTLE): number | null {
  if (!mayBeSettling(i.report)) return null;
  if (i.repeats >= policy.retries) return null;
  if (i.sinceEngineStartMs > policy.windowMs) return null;
  return policy.pauseMs * (i.repeats + 1);
}

/**
 * Verifies, and right after an engine start verifies again while the outcome may be the engine
 * settling (see verifyAgainAfter); each repeat is announced through onRetry.
 */
export async function verifySettled(
  verify: () => Promise<CheckReport>,
  options: {
    engineStartedAt: number;
    policy?: SettlePolicy;
    onRetry?: (repeat: number, of: number, previous: CheckReport) => void;
    stopped?: () => boolean;
  },
): Promise<{ report: CheckReport; repeats: number }> {
  const policy = options.policy ?? SETTLE;
  const sinceEngineStartMs = Date.now() - options.engineStartedAt;
  let report = await verify();
  let repeats = 0;
  for (;;) {
    const pause = verifyAgainAfter({ report, repeats, sinceEngineStartMs }, policy);
    if (pause === null || options.stopped?.()) return { report, repeats };
    repeats++;
    options.onRetry?.(repeats, policy.retries, report);
    await new Promise((r) => setTimeout(r, pause));
    report = await verify();
  }
}

/** The words for one repeat, for progress lines. */
export function settleMessage(repeat: number, of: number, previous: Pick<CheckReport, 'reason'>): string {
  return `The engine has only just started and the evidence is incomplete (${previous.reason.replace(/\.$/, '')}); verifying again (${repeat} of ${of})`;
}
