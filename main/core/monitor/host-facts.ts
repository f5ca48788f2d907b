// Reading the facts that tell the monitor whether the effective state could have changed
// (change-facts.ts), each failure logged and read as "not known" rather than thrown, and the
// engine socket's path, whose folder is watched while the event stream is parked.

import { engineIdOf, type EciChecker } from '../verify/check';
import { errorText } from '../error-text';
import { socketPathOf } from '../engine/endpoint';
import type { DesktopStartSource } from './change-facts';

type Log = (message: string) => void;

/** When Docker Desktop's processes started (null: not visible here, or unreadable). */
export function readDesktopStart(
  checker: EciChecker,
  source: DesktopStartSource | undefined,
  log: Log,
): Promise<string | null> {
  const read = source ?? (() => checker.desktopProcesses().then((p) => (p.visible ? p.startedAt : null)));
  return read().catch((err: unknown) => {
    log(`could not read Docker Desktop's process start: ${errorText(err)}`);
    return null;
  });
}

/**
 * The engine's ID (one /info call); null when it gives none; undefined (not compared) when the
 * call failed: an engine really gone ends the new stream too, and is then seen as away.
 */
export function readEngineId(checker: EciChecker, log: Log): Promise<string | null | undefined> {
  return checker
    .engine()
    .info()
    .then(
      (info) => engineIdOf(info),
      (err: unknown) => {
        log(`could not read the engine's ID: ${errorText(err)}`);
        return undefined;
      },
    );
}

/**
 * The engine's unix socket on this host (null: a named pipe, TCP, SSH): Docker Desktop makes it
 * anew when it starts and removes it when it quits, so a change there is a host fact that needs
 * no engine call.
 */
export function localSocketPath(url: string | undefined): string | null {
  return url?.startsWith('unix://') ? socketPathOf(url) : null;
}
