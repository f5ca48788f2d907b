// Starts Docker Desktop when its engine does not answer (the way forward from "Docker is not
// running"). Starting changes nothing the user has: no confirmation, but never a stop. Uses the
// start half of the relaunch plan, so the same commands are found the same way.

import type { EciChecker } from '../verify/check';
import { prepareRelaunch } from './desktop-cli';
import { describeCommand } from './relaunch-plan';
import { runCommand } from './run-command';

export class StartDesktopError extends Error {
  override name = 'StartDesktopError';
}

/** Runs the start commands and waits for the engine; resolves false when it was already up. */
export async function startDesktop(
  checker: EciChecker,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; platform?: NodeJS.Platform } = {},
): Promise<boolean> {
  if ((await checker.ping(2_000, 0)) === null) return false;
  const timeoutMs = options.timeoutMs ?? 240_000;
  const prepared = await prepareRelaunch(options.platform ?? process.platform, options.env ?? process.env);
  for (const c of prepared.plan.start) {
    const r = await runCommand(c, timeoutMs, prepared.env);
    if (r.code !== 0 && !c.mayFail)
      throw new StartDesktopError(`${describeCommand(c)} failed: ${r.output || `exit ${r.code}`}`);
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await checker.ping(2_000, 0)) === null) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StartDesktopError(`Docker Desktop did not answer within ${timeoutMs / 1000} s after starting it.`);
}
