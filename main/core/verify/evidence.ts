// Turning what the probe containers showed into check results, and the four checks into the
// effective ECI state. Pure: every rule here is table-tested.

import { ECI_RUNTIME, type Check, type CheckId, type CheckResult } from '../model';

/**
 * Root in the container (0) mapped to a non-zero user outside: `0 100000 65536` for the first
 * container, `0 165536 65536` for the next (Sysbox gives each container its own range, as Docker's
 * ECI page shows). `0 0 4294967295` is no remapping.
 */
export function uidMapCheck(output: string): Check {
  const line = output.trim().split('\n')[0]?.trim() ?? '';
  const fields = line.split(/\s+/).map((f) => Number(f));
  if (fields.length !== 3 || fields.some((n) => !Number.isInteger(n) || n < 0)) {
    return {
      id: 'uid-map',
      result: 'error',
      observation: line ? `unexpected uid_map: ${line}` : 'the probe container printed no uid_map',
    };
  }
  const [inside, outside] = fields as [number, number, number];
  const remapped = inside === 0 && outside !== 0;
  return { id: 'uid-map', result: remapped ? 'isolated' : 'not-isolated', observation: line.replace(/\s+/g, ' ') };
}

export function runtimeCheck(runtime: string | null | undefined): Check {
  if (!runtime)
    return { id: 'runtime', result: 'error', observation: 'the engine reported no runtime for the probe container' };
  return { id: 'runtime', result: runtime === ECI_RUNTIME ? 'isolated' : 'not-isolated', observation: runtime };
}

/** Engine error texts that mean "host namespace sharing refused because of isolation". */
const NAMESPACE_REFUSALS = [
  /can'?t share namespaces \[?[a-z, ]*\]? with the host/i, // sysbox-runc under ECI
  /can'?t share a network namespace with the host/i, // ECI, host networking
  /cannot share the host \w+ namespace when user namespaces are enabled/i, // engine with userns-remap
];

export function isNamespaceRefusal(message: string): boolean {
  return NAMESPACE_REFUSALS.some((re) => re.test(message));
}

/** When the engine can say no: Docker Desktop may refuse at create (ECI's API checks) or only at
 * start (sysbox-runc refuses when the task is created, which is `docker start`). */
export type RefusalMoment = 'create' | 'start';

/**
 * The entrypoint the host-namespace and socket-mount probes are started with. It exists in no
 * image, so nothing ever runs in a host namespace or with the Docker socket: an engine that
 * accepts the container fails at exec, after every isolation rule had its say.
 */
export const NEVER_RUNS_ENTRYPOINT = '/eci-tray-probe-never-runs';

export type Attempt =
  | { outcome: 'allowed'; detail: string }
  | { outcome: 'refused'; at: RefusalMoment; message: string }
  | { outcome: 'error'; message: string };

const NOT_FOUND = /no such file or directory|executable file not found|not found/i;

/**
 * Whether a start error only says the entrypoint is missing: the runtime got as far as exec'ing
 * it, so the engine accepted the container. The entrypoint must be named, so a missing bind
 * source or image layer ("no such file or directory" too) is never taken for it. Texts:
 *   runc 1.0:  `OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "/x": stat /x: no such file or directory: unknown`
 *   runc 1.1:  `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/x": stat /x: no such file or directory: unknown`
 *   runc 1.2:  `... unable to start container process: error during container init: exec: "/x": stat /x: no such file or directory: unknown`
 *   crun:      `crun: executable file `/x` not found: No such file or directory: OCI runtime attempt to invoke a command that was not found`
 */
export function isMissingEntrypoint(message: string, entrypoint = NEVER_RUNS_ENTRYPOINT): boolean {
  return message.includes(entrypoint) && NOT_FOUND.test(message);
}

/**
 * The attempt from starting a refusal probe the engine created: `startError` is null when it
 * started, else the error and whether the engine answered it (an HTTP error) or gave no answer.
 */
export function attemptFromStart(
  what: string,
  startError: { message: string; engineAnswered: boolean } | null,
  entrypoint = NEVER_RUNS_ENTRYPOINT,
): Attempt {
  if (startError === null) return { outcome: 'allowed', detail: `${what} was created and started` };
  if (!startError.engineAnswered) return { outcome: 'error', message: `starting it: ${startError.message}` };
  if (isMissingEntrypoint(startError.message, entrypoint)) {
    return {
      outcome: 'allowed',
      detail: `${what} was created and started (its entrypoint ${entrypoint} does not exist, so nothing ran)`,
    };
  }
  return { outcome: 'refused', at: 'start', message: startError.message };
}

/** Only ECI's own refusal is evidence of isolation; a refusal for another reason is an error. */
function refusal(id: CheckId, attempt: Extract<Attempt, { outcome: 'refused' }>, isEciRefusal: boolean): Check {
  return isEciRefusal
    ? { id, result: 'isolated', observation: `refused at ${attempt.at}: ${attempt.message}` }
    : { id, result: 'error', observation: `refused at ${attempt.at} for another reason: ${attempt.message}` };
}

export function hostPidCheck(attempt: Attempt): Check {
  const id: CheckId = 'host-pid-namespace';
  switch (attempt.outcome) {
    case 'allowed':
      return { id, result: 'not-isolated', observation: attempt.detail };
    case 'refused':
      return refusal(id, attempt, isNamespaceRefusal(attempt.message));
    case 'error':
      return { id, result: 'error', observation: attempt.message };
  }
}

export function isSocketMountRefusal(message: string): boolean {
  return /docker socket mount denied/i.test(message);
}

export function socketMountCheck(attempt: Attempt, probeImageAllowListed: boolean): Check {
  const id: CheckId = 'docker-socket-mount';
  switch (attempt.outcome) {
    case 'allowed':
      return probeImageAllowListed
        ? {
            id,
            result: 'allow-listed',
            observation: `${attempt.detail} (the probe image is on the admin socket-mount allow list)`,
          }
        : { id, result: 'not-isolated', observation: attempt.detail };
    case 'refused':
      return refusal(id, attempt, isSocketMountRefusal(attempt.message));
    case 'error':
      return { id, result: 'error', observation: attempt.message };
  }
}

export type Effective =
  | { eci: true; complete: true }
  /** uid_map and runtime say on, but another check could not run or contradicts it. */
  | { eci: true; complete: false; problem: string }
  | { eci: false; partial: string | null }
  | { eci: null; problem: string };

/**
 * ECI is effective only on the strongest evidence: a probe that ran under sysbox-runc with a
 * remapped root. It is "complete" only when the other two checks also behaved as ECI does.
 */
export function effectiveFromChecks(checks: Check[]): Effective {
  const get = (id: CheckId) => checks.find((c) => c.id === id);
  const uid = get('uid-map');
  const runtime = get('runtime');
  if (!uid || !runtime) return { eci: null, problem: 'the probe did not report the uid_map and runtime checks' };
  const failed = [uid, runtime].filter((c) => c.result === 'error');
  if (failed.length > 0) return { eci: null, problem: failed.map((c) => `${c.id}: ${c.observation}`).join('; ') };

  const uidOn = uid.result === 'isolated';
  const runtimeOn = runtime.result === 'isolated';
  if (!uidOn || !runtimeOn) {
    const partial = uidOn
      ? 'user namespace remapping without sysbox-runc is not ECI'
      : runtimeOn
        ? 'sysbox-runc without a remapped root is not ECI'
        : null;
    return { eci: false, partial };
  }

  // What counts as "behaved as ECI": a refused host PID namespace, and a refused (or
  // allow-listed) socket mount. Anything else, including a check that did not run, is a problem.
  const accepted: Record<'host-pid-namespace' | 'docker-socket-mount', CheckResult[]> = {
    'host-pid-namespace': ['isolated'],
    'docker-socket-mount': ['isolated', 'allow-listed'],
  };
  const problems: string[] = [];
  for (const id of ['host-pid-namespace', 'docker-socket-mount'] as const) {
    const check = get(id);
    if (!check) problems.push(`${id}: not run`);
    else if (check.result === 'error') problems.push(`${id} could not be checked: ${check.observation}`);
    else if (!accepted[id].includes(check.result)) problems.push(`${id} was not refused: ${check.observation}`);
  }
  return problems.length ? { eci: true, complete: false, problem: problems.join('; ') } : { eci: true, complete: true };
}
