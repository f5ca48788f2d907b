// The way forward from a state: one sentence, and the action that does it where the surface can
// (the app can reopen Docker Desktop or open a window; the CLI names a command). Pure, and the
// only place that decides it: the tray, notifications, the details page, the CLI's "Next" line
// and the watch stream's advice codes (each way names its code) all read it.

import { offByPolicy, type AdviceCode, type CheckReport } from '../model';
import { MIN_ECI_VERSION } from './identity';
import {
  APPLY_AND_RESTART,
  FULL_QUIT,
  FULL_QUIT_LOWER,
  MENU_RESTART_DID_NOT_APPLY,
  MENU_RESTART_NOT_ENOUGH,
  NOT_APPLIED_WAY,
  plural,
  removeBeforeEci,
} from '../words';

export type Surface = 'cli' | 'app';

/** What the app can do for the user (each behind its own confirmation where it changes anything). */
export type ForwardAction =
  'relaunch' | 'start-desktop' | 'open-cleanup' | 'open-walkthrough' | 'open-settings-file' | 'check-now';

export interface WayForward {
  /** One sentence: what to do and why. */
  text: string;
  /** The app's button for it, with its label; none when the user must act elsewhere. */
  action: { id: ForwardAction; label: string } | null;
  /** The command that does it, for the CLI and for copying. */
  command: string | null;
  /** The file and place to open (a broken settings file). */
  file: { path: string; line: number | null; column: number | null } | null;
  /** This way's code in the watch stream's `advice` (null: none; scripts depend on these codes). */
  code: AdviceCode | null;
}

/** Why a verdict is `unknown`, read from the evidence: each cause has its own fix. */
export type UnknownCause = 'probe-image-missing' | 'paused' | 'engine-busy' | 'other';

const IMAGE_MISSING =
  /could not be pulled|no such image|pull access denied|manifest unknown|not found: manifest|repository does not exist|unable to find image/i;
const BUSY = /timed out|timeout|context deadline exceeded|ECONNRESET|socket hang up/i;

export function unknownCause(report: Pick<CheckReport, 'checks' | 'engine' | 'reason'>): UnknownCause {
  if (report.engine.paused) return 'paused';
  // The checks' errors, and the reason (a probe that could not start at all has no checks).
  const errors = [...report.checks.filter((c) => c.result === 'error').map((c) => c.observation), report.reason ?? ''];
  if (errors.some((o) => IMAGE_MISSING.test(o))) return 'probe-image-missing';
  if (errors.some((o) => BUSY.test(o))) return 'engine-busy';
  return 'other';
}

/** The way forward for kind nodes created before ECI: Docker Desktop re-creates them. */
export const KUBERNETES_RESET =
  "Reset Docker Desktop's Kubernetes cluster (Settings > Kubernetes) so its kind nodes are re-created under ECI.";

const way = (
  code: AdviceCode | null,
  text: string,
  action: WayForward['action'] = null,
  command: string | null = null,
  file: WayForward['file'] = null,
): WayForward => ({ text, action, command, file, code });

/** The way forward: a broken settings file first, else the verdict's own way. */
export function wayForward(report: CheckReport, advice: readonly AdviceCode[], surface: Surface): WayForward {
  const [first] = waysForward(report, advice, surface);
  return first as WayForward;
}

/** Every way forward, in order: a settings file that stops Docker Desktop, then the verdict's own way. */
export function waysForward(report: CheckReport, advice: readonly AdviceCode[], surface: Surface): WayForward[] {
  const blocking = report.settingsProblems.find((p) => p.blocksDockerDesktop);
  const verdictWay = verdictWayForward(report, advice, surface);
  if (!blocking) return [verdictWay];
  const where = blocking.line ? ` at line ${blocking.line}, column ${blocking.column}` : '';
  return [
    way(
      'fix-admin-settings',
      `Fix ${blocking.file}${where}: Docker Desktop will not start while it is invalid (${blocking.message}).`,
      { id: 'open-settings-file', label: 'Open the file' },
      `eci-tray policy validate ${JSON.stringify(blocking.file)}`,
      { path: blocking.file, line: blocking.line ?? null, column: blocking.column ?? null },
    ),
    verdictWay,
  ];
}

function verdictWayForward(report: CheckReport, advice: readonly AdviceCode[], surface: Surface): WayForward {
  const cli = surface === 'cli';
  switch (report.verdict) {
    case 'protected':
      return way(null, 'Nothing to do: ECI is on and verified.');
    case 'unprotected-containers': {
      const n = report.unprotectedContainers.length;
      // Only Docker Desktop's own kind nodes count: they are never cleaned up, the cluster is reset.
      if (n === 0) return way('review-containers', KUBERNETES_RESET);
      return way(
        'review-containers',
        removeBeforeEci(n),
        { id: 'open-cleanup', label: `Review ${plural(n, 'container')}…` },
        'eci-tray cleanup --plan',
      );
    }
    case 'pending-restart': {
      // The user's own setting: Desktop's own restart applies it; the full quit is for admin settings.
      if (report.desired.source === 'user' && !report.desired.contested)
        return way('apply-and-restart', APPLY_AND_RESTART);
      const menu = advice.includes('menu-restart-insufficient') ? `${MENU_RESTART_DID_NOT_APPLY}. ` : '';
      return way(
        'full-quit-required',
        `${menu}${FULL_QUIT} to apply the ECI setting${cli ? ' ("eci-tray relaunch" does it and verifies)' : ''}; ${MENU_RESTART_NOT_ENOUGH}.`,
        { id: 'relaunch', label: `${FULL_QUIT}…` },
        'eci-tray relaunch',
      );
    }
    case 'not-applied': {
      const cause = report.notAppliedCause ?? 'unknown';
      if (cause === 'user-value-wins')
        return way(
          'setting-not-applied',
          NOT_APPLIED_WAY[cause],
          { id: 'open-walkthrough', label: 'Turn ECI on…' },
          null,
        );
      return way('setting-not-applied', NOT_APPLIED_WAY[cause]);
    }
    case 'off':
      if (offByPolicy(report)) {
        // The same code as any other off: scripts reading the watch stream have always seen it.
        return way('turn-eci-on', 'ECI is off by your admin policy: ask your admin if you need it on.', null, null);
      }
      return way(
        'turn-eci-on',
        `Turn ECI on (Docker Desktop Settings > General > "Use Enhanced Container Isolation"), then ${FULL_QUIT_LOWER}.`,
        { id: 'open-walkthrough', label: 'Turn ECI on…' },
        cli ? 'eci-tray policy set-eci on' : null,
      );
    case 'engine-unreachable':
      if (report.engine.paused)
        return way(
          'unpause-docker-desktop',
          'Resume Docker Desktop: it is paused (select Resume in the Docker menu, the whale icon, or on the Dashboard).',
          null,
          null,
        );
      return way(
        'start-docker-desktop',
        'Start Docker Desktop: ECI can only be verified while it runs.',
        { id: 'start-desktop', label: 'Start Docker Desktop' },
        'docker desktop start',
      );
    case 'not-docker-desktop':
      return way(
        null,
        `The Docker CLI points at an engine that is not Docker Desktop, where ECI does not exist. Switch to Docker Desktop's engine: docker context use desktop-linux${cli ? ' (or pass --docker-host)' : ''}.`,
        null,
        'docker context use desktop-linux',
      );
    case 'unsupported-version':
      return way(
        null,
        `Update Docker Desktop to ${MIN_ECI_VERSION} or newer (ECI also needs a Docker Business subscription).`,
        null,
        null,
      );
    case 'unknown':
      switch (unknownCause(report)) {
        case 'probe-image-missing':
          return way(
            null,
            `The probe image ${report.probeImage} is not available: pull it${cli ? ', or pass another image you have with --probe-image' : ' (the command below), or set another image you have as probeImage in the preferences file'}.`,
            null,
            `docker pull ${report.probeImage}`,
          );
        case 'paused':
          return way(null, 'Resume Docker Desktop (it is paused), then check again.', null, null);
        case 'engine-busy':
          return way(
            null,
            'The engine is slow to answer (it may be waking up): wait a moment and check again.',
            { id: 'check-now', label: 'Check again' },
            'eci-tray check',
          );
        default:
          return way(
            null,
            'The probe gave no clear answer: check again; the details show what the engine said.',
            { id: 'check-now', label: 'Check again' },
            'eci-tray check',
          );
      }
  }
}
