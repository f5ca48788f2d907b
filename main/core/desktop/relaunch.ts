// Full quit and relaunch of Docker Desktop, then re-verification with the probe. Never runs
// without an explicit confirmation; the caller shows relaunchWarning() first (running
// containers stop). Waits for the engine to go away and to come back, with timeouts and progress.

import type { EciChecker } from '../verify/check';
import type { CheckReport } from '../model';
import { isVerified, settleMessage, verifySettled } from '../verify/settle';
import { prepareRelaunch } from './desktop-cli';
import { describeCommand, type Command, type RelaunchMethod } from './relaunch-plan';
import { runCommand } from './run-command';
import { plural, VERDICT_TITLE } from '../words';

export type RelaunchStep =
  'detect' | 'stopping' | 'waiting-for-stop' | 'starting' | 'waiting-for-engine' | 'verifying' | 'done';

export interface RelaunchProgress {
  step: RelaunchStep;
  message: string;
  elapsedMs: number;
}

export interface RelaunchOptions {
  /** Must be true: the user confirmed that Docker Desktop (and its containers) will stop. */
  confirmed: boolean;
  stopTimeoutMs?: number;
  startTimeoutMs?: number;
  onProgress?: (p: RelaunchProgress) => void;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export interface RelaunchResult {
  method: RelaunchMethod;
  /** Which program ran the relaunch and where it was found (e.g. the docker CLI and its plugin). */
  via: string;
  report: CheckReport;
  /**
   * The setting that was pending is now in effect: the verdict is verified (the probe established
   * ECI's state) and no longer pending-restart. "Could not verify" is never "applied".
   */
  applied: boolean;
  /** Verifications repeated while the freshly started engine settled (see settle.ts). */
  settleRepeats: number;
  /** Time from the stop command to the engine answering again, and to the verified verdict. */
  engineBackMs: number;
  verifiedMs: number;
}

export class RelaunchError extends Error {
  override name = 'RelaunchError';
  constructor(
    readonly step: RelaunchStep,
    message: string,
  ) {
    super(message);
  }
}

/** What the user must agree to: running containers stop when Docker Desktop quits. */
export async function relaunchWarning(checker: EciChecker): Promise<string> {
  let running: string[] = [];
  try {
    const list = await checker.engine().listContainers();
    running = list
      .filter((c) => c.State === 'running' && !c.Labels['com.eci-tray.probe'])
      .map((c) => (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''));
  } catch {
    // No engine, or it does not answer: nothing known to be running.
  }
  const which = running.length
    ? `its ${plural(running.length, 'running container')} (${running.slice(0, 5).join(', ')}${running.length > 5 ? ', ...' : ''})`
    : 'any running containers';
  return `Docker Desktop will quit and reopen. This stops ${which}; containers with a restart policy start again with it.`;
}

async function waitFor(what: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await what()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function relaunchDesktop(checker: EciChecker, options: RelaunchOptions): Promise<RelaunchResult> {
  if (options.confirmed !== true)
    throw new RelaunchError('detect', 'Relaunching Docker Desktop needs an explicit confirmation.');
  const started = Date.now();
  const env = options.env ?? process.env;
  const progress = (step: RelaunchStep, message: string) =>
    options.onProgress?.({ step, message, elapsedMs: Date.now() - started });
  const stopTimeoutMs = options.stopTimeoutMs ?? 120_000;
  const startTimeoutMs = options.startTimeoutMs ?? 240_000;
  // No wake-up allowance here: an engine that is stopping or starting is polled, not waited for.
  const answers = async () => (await checker.ping(2_000, 0)) === null;

  progress('detect', 'Looking for the docker desktop command');
  const prepared = await prepareRelaunch(options.platform ?? process.platform, env);
  const plan = prepared.plan;
  progress('detect', prepared.via);

  const runAll = async (step: RelaunchStep, commands: Command[], timeoutMs: number) => {
    for (const c of commands) {
      progress(step, `Running ${describeCommand(c)}`);
      const r = await runCommand(c, timeoutMs, prepared.env);
      if (r.code !== 0 && !c.mayFail)
        throw new RelaunchError(step, `${describeCommand(c)} failed: ${r.output || `exit ${r.code}`}`);
    }
  };

  const stopStarted = Date.now();
  await runAll('stopping', plan.stop, stopTimeoutMs);
  progress('waiting-for-stop', 'Waiting for the Docker engine to stop');
  if (!(await waitFor(async () => !(await answers()), stopTimeoutMs))) {
    throw new RelaunchError(
      'waiting-for-stop',
      `Docker Desktop did not quit within ${stopTimeoutMs / 1000} s; quit it from its menu (Quit Docker Desktop) and try again.`,
    );
  }
  await runAll('starting', plan.start, startTimeoutMs);
  progress('waiting-for-engine', 'Waiting for the Docker engine to answer');
  if (!(await waitFor(answers, startTimeoutMs))) {
    throw new RelaunchError(
      'waiting-for-engine',
      `Docker Desktop did not come back within ${startTimeoutMs / 1000} s; start it by hand and run "eci-tray check".`,
    );
  }
  const engineBackMs = Date.now() - stopStarted;
  progress('verifying', 'Verifying ECI with probe containers');
  const { report, repeats } = await verifySettled(() => checker.check(), {
    engineStartedAt: stopStarted + engineBackMs,
    onRetry: (repeat, of, previous) => progress('verifying', settleMessage(repeat, of, previous)),
  });
  const verifiedMs = Date.now() - stopStarted;
  // not-applied: Desktop started after the change and ECI is still not as asked (the reason says why).
  const applied = isVerified(report) && report.verdict !== 'pending-restart' && report.verdict !== 'not-applied';
  progress(
    'done',
    applied
      ? `Done: ${VERDICT_TITLE[report.verdict]}`
      : report.verdict === 'pending-restart'
        ? 'Done, but the setting is still pending'
        : report.verdict === 'not-applied'
          ? `Done, but the setting did not apply: ${report.reason}`
          : `Done, but ECI could not be verified: ${report.reason}`,
  );
  return { method: plan.method, via: prepared.via, report, applied, settleRepeats: repeats, engineBackMs, verifiedMs };
}
