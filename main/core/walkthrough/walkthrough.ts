// The guided walkthrough from "ECI is off" (or "pending") to "verified protected", and the
// reverse case (a policy turns ECI off). Steps are derived from the real state, never from
// ticked boxes: each is done, current (the first one not done), todo (every step after it, even
// one whose condition holds), or blocked with why. Pure.

import type { AuthStatus } from '../desktop/auth-status';
import { MIN_ECI_VERSION } from '../verify/identity';
import { isVerifiedAsAsked } from '../verify/settle';
import { tooOldForEci } from '../verify/verdict';
import { adminPolicySetsOff, type CheckReport } from '../model';
import type { WalkthroughProgress } from '../preferences/preferences';
import { DONE_LINE, waitsLine, walkthroughHeader, type WalkthroughHeader } from './walkthrough-words';
import {
  MONITOR_FACT_TEXT,
  BEFORE_ECI_TITLE,
  beforeEciStepWhy,
  FULL_QUIT,
  FULL_QUIT_LOWER,
  MENU_RESTART_NOT_ENOUGH,
  NOT_APPLIED_WAY,
  SIGN_IN_APPLIES,
} from '../words';

export const WALKTHROUGH_STEPS = ['prerequisites', 'containers', 'turn-on', 'relaunch', 'verify', 'recreate'] as const;
export type WalkthroughStepId = (typeof WALKTHROUGH_STEPS)[number];

export type StepStatus = 'done' | 'current' | 'todo' | 'blocked';
export type StepAction = 'open-cleanup' | 'relaunch' | 'check' | 'recreate' | 'skip-recreate' | 'unskip-recreate';

export interface WalkthroughStep {
  id: WalkthroughStepId;
  number: number;
  title: string;
  status: StepStatus;
  /** Why it has this status, in one sentence. */
  why: string;
  /** The one line the step shows when collapsed: past tense when done, "waits for step N" when not reached. */
  line: string;
  /** Further lines: instructions, the evidence, the files involved. */
  detail: string[];
  actions: StepAction[];
  optional: boolean;
}

export interface WalkthroughView {
  /** What the walkthrough leads to: ECI on (the usual case) or off (a policy turns it off). */
  target: 'on' | 'off';
  /** The result (or the current step) in one glance, above the steps. */
  header: WalkthroughHeader;
  steps: WalkthroughStep[];
  complete: boolean;
}

export interface WalkthroughInput {
  report: CheckReport | null;
  /** Containers outside ECI (from the audit), or null when not known yet. */
  containersOutsideEci: number | null;
  auth: AuthStatus;
  progress: WalkthroughProgress;
  /** The monitor saw Docker Desktop restart while the setting stayed pending (a menu restart). */
  menuRestartSeen?: boolean;
  /** When the probe last ran (ISO), for "verified, 12:27". */
  verifiedAt?: string | null;
}

type Own = Omit<WalkthroughStep, 'status' | 'number' | 'line'> & { complete: boolean; blocked?: string; done: string };

function describeSource(r: CheckReport): string {
  const d = r.desired;
  switch (d.source) {
    case 'admin-locked':
      return `an admin policy in ${d.file} (locked: you cannot change it)`;
    case 'admin-unlocked':
      return `an admin policy in ${d.file} (not locked: a default you can change)`;
    case 'user':
      return `your Docker Desktop settings (${d.file})`;
    case 'not-found-locally':
      return 'no local file (ECI is on, likely through a Docker Home policy)';
    default:
      return 'nothing yet (Docker Desktop defaults to off)';
  }
}

function prerequisites(r: CheckReport | null, auth: AuthStatus): Own {
  const base = {
    id: 'prerequisites' as const,
    title: 'Prerequisites',
    actions: ['check'] as StepAction[],
    optional: false,
    done: DONE_LINE.prerequisites(r?.engine.version ?? null),
  };
  const signIn =
    auth.signedIn === true
      ? `Signed in: ${auth.detail}`
      : auth.signedIn === false
        ? `Not signed in (${auth.detail}). ${SIGN_IN_APPLIES}.`
        : `Sign-in unknown. ${auth.detail}`;
  if (!r || !r.engine.reachable)
    return {
      ...base,
      complete: false,
      blocked: 'Docker Desktop is not running: start it, then check again.',
      why: '',
      detail: [signIn],
    };
  if (!r.engine.desktop)
    return {
      ...base,
      complete: false,
      blocked: `This engine is not Docker Desktop (${r.engine.platformName ?? r.engine.operatingSystem ?? 'unknown'}); ECI is a Docker Desktop feature.`,
      why: '',
      detail: [signIn],
    };
  if (tooOldForEci(r.engine, r.effective.eci)) {
    return {
      ...base,
      complete: false,
      blocked: `Docker Desktop ${r.engine.version} is too old: ECI needs ${MIN_ECI_VERSION} or newer. Update Docker Desktop.`,
      why: '',
      detail: [signIn],
    };
  }
  if (r.engine.osType === 'windows')
    return {
      ...base,
      complete: false,
      blocked:
        'Docker Desktop runs Windows containers: switch to Linux containers (ECI applies to Linux containers only).',
      why: '',
      detail: [signIn],
    };
  return {
    ...base,
    complete: true,
    why: `Docker Desktop ${r.engine.version ?? '(version not reported)'} is running with Linux containers.`,
    detail: [
      signIn,
      'ECI needs a Docker Business subscription; admins enforce it through admin-settings.json or the Admin Console.',
    ],
  };
}

export function walkthroughView({
  report: r,
  containersOutsideEci,
  auth,
  progress,
  menuRestartSeen,
  verifiedAt = null,
}: WalkthroughInput): WalkthroughView {
  // An admin policy that sets ECI off decides the target for as long as it is there: before the
  // relaunch (ECI still on) and after it (ECI off), so the user is never told to turn ECI on.
  const target: 'on' | 'off' = r && adminPolicySetsOff(r.desired) ? 'off' : 'on';
  const effective = r?.effective.eci ?? null;
  const pending = r?.verdict === 'pending-restart';
  // A relaunch only helps when what is pending is the target; a pending change away from it
  // (e.g. the user switched ECI off in Settings) must be undone in step 3 instead.
  const pendingTowardTarget = pending && r?.desired.eci === (target === 'on');
  const invalidAdmin = r?.settingsProblems.find((p) => p.blocksDockerDesktop);
  const own: Own[] = [prerequisites(r, auth)];

  // 2. Containers from before ECI.
  if (target === 'off') {
    own.push({
      id: 'containers',
      title: BEFORE_ECI_TITLE,
      actions: [],
      optional: false,
      complete: true,
      why: 'Nothing to clean up when ECI is being turned off.',
      detail: [],
      done: DONE_LINE.containers('off'),
    });
  } else {
    // Without an audit, a verified report still knows the containers outside ECI.
    const n =
      containersOutsideEci ?? (r?.effective.eci === true && r.engine.reachable ? r.unprotectedContainers.length : null);
    own.push({
      id: 'containers',
      title: BEFORE_ECI_TITLE,
      actions: n === 0 ? [] : ['open-cleanup'],
      optional: false,
      complete: n === 0,
      done: DONE_LINE.containers('on'),
      why: beforeEciStepWhy(n),
      detail: n
        ? ['Docker recommends removing them before enabling ECI. Re-creating them once ECI is on is the last step.']
        : [],
    });
  }

  // 3. Turn ECI on (or: a policy turns it off).
  if (target === 'off') {
    own.push({
      id: 'turn-on',
      title: 'A policy turns ECI off',
      actions: [],
      optional: false,
      complete: true,
      why: `ECI is set to off by ${r ? describeSource(r) : 'a policy'}.`,
      detail: [],
      done: DONE_LINE.turnOn('off', r?.desired ?? null),
    });
  } else {
    const asked = r?.desired.eci === true || (r?.desired.source === 'not-found-locally' && effective === true);
    own.push({
      id: 'turn-on',
      title: 'Turn ECI on',
      actions: asked ? [] : ['check'],
      optional: false,
      complete: !!asked,
      done: DONE_LINE.turnOn('on', r?.desired ?? null),
      why: asked
        ? `ECI is asked for by ${describeSource(r!)}.`
        : r?.desired.source === 'user'
          ? `ECI is switched off in ${describeSource(r)}.`
          : 'Nothing asks for ECI yet.',
      detail: asked
        ? []
        : [
            'In Docker Desktop: Settings > General > "Use Enhanced Container Isolation", then Apply.',
            'Or ask your admin for an admin-settings.json policy (enhancedContainerIsolation: value true, locked true).',
          ],
    });
  }

  // 4. Full quit and relaunch ("restart" is the Docker menu item that does not apply the setting).
  own.push({
    id: 'relaunch',
    title: FULL_QUIT,
    done: DONE_LINE.relaunch(target),
    actions: pendingTowardTarget ? ['relaunch'] : [],
    optional: false,
    complete: !!r && r.engine.reachable && !pending && (target === 'off' ? effective === false : effective === true),
    ...(invalidAdmin
      ? {
          blocked: `Docker Desktop would not start: ${invalidAdmin.file} is invalid (line ${invalidAdmin.line ?? '?'}, column ${invalidAdmin.column ?? '?'}). Fix it first.`,
        }
      : r?.verdict === 'not-applied'
        ? // Docker Desktop started after the change: another relaunch will not help; the cause's way forward does.
          {
            blocked: `Docker Desktop has started since the setting changed and ECI is still not as asked: a relaunch will not help. ${NOT_APPLIED_WAY[r.notAppliedCause ?? 'unknown']}`,
          }
        : {}),
    why: pendingTowardTarget
      ? menuRestartSeen
        ? MONITOR_FACT_TEXT['menu-restart-insufficient']
        : `The setting is saved but not in effect: it applies only after you ${FULL_QUIT_LOWER}.`
      : pending
        ? 'ECI is on now, but your settings turn it off at the next relaunch: turn it back on first (step 3), or relaunching switches ECI off.'
        : effective === (target === 'on')
          ? 'The setting is in effect.'
          : 'Waiting for the setting above.',
    detail: [
      `${MENU_RESTART_NOT_ENOUGH}: it only restarts some components, and the setting stays pending.`,
      'Quitting stops running containers; containers with a restart policy start again with Docker Desktop.',
    ],
  });

  // 5. Verify with the probe.
  const verified = !!r && isVerifiedAsAsked(r, target);
  own.push({
    id: 'verify',
    title: target === 'on' ? 'Verify that ECI protects containers' : 'Verify that ECI is off',
    actions: ['check'],
    optional: false,
    complete: verified,
    done: DONE_LINE.verify(target, verifiedAt),
    why: verified ? 'Verified by probe containers.' : 'Run the four checks with probe containers.',
    detail: (r?.checks ?? []).map((c) => `${c.id}: ${c.result} (${c.observation})`),
  });

  // 6. Re-create what was removed in step 2 (optional).
  const waiting = progress.removed.filter((c) => !progress.recreated.includes(c.name));
  own.push({
    id: 'recreate',
    title: 'Re-create the removed containers under ECI',
    actions:
      target === 'off' || !waiting.length
        ? []
        : progress.skipRecreate
          ? ['unskip-recreate']
          : ['recreate', 'skip-recreate'],
    optional: true,
    complete: target === 'off' || waiting.length === 0 || progress.skipRecreate,
    done: DONE_LINE.recreate(target, progress.recreated, progress.skipRecreate ? waiting.map((c) => c.name) : []),
    ...(waiting.length && !progress.skipRecreate && effective !== true
      ? {
          blocked: `ECI must be in effect first, or ${waiting.map((c) => c.name).join(', ')} would run without it again.`,
        }
      : {}),
    why:
      target === 'off'
        ? 'Not needed when ECI is being turned off.'
        : waiting.length === 0
          ? progress.recreated.length
            ? `Re-created: ${progress.recreated.join(', ')}.`
            : 'No container was removed during the walkthrough.'
          : progress.skipRecreate
            ? 'Skipped.'
            : `${waiting.map((c) => c.name).join(', ')} can be created again with the same configuration, now under ECI.`,
    detail: [],
  });

  // The first step not done is where the user is (current, or blocked with why); every later one
  // waits for it, neutral, with its own reason kept for when it is opened.
  let at: number | null = null;
  const steps = own.map((o, i): WalkthroughStep => {
    // A step after the current one is never "done", even when its condition already holds (nothing
    // to re-create yet): it has not come, and a tick there would read as progress that was not made.
    let status: StepStatus;
    if (at !== null) status = 'todo';
    else if (o.complete) status = 'done';
    else status = o.blocked ? 'blocked' : 'current';
    if (at === null && status !== 'done') at = i + 1;
    const why = o.blocked && status !== 'done' ? o.blocked : o.why;
    const line = status === 'done' ? o.done : status === 'todo' ? waitsLine(at!) : why;
    const { complete: _c, blocked: _b, done: _d, ...rest } = o;
    return { ...rest, why, line, number: i + 1, status };
  });
  const complete = steps.every((s) => s.status === 'done');
  const here = at === null ? null : steps[at - 1]!;
  const header = walkthroughHeader({
    target,
    complete,
    total: steps.length,
    at: here ? { number: here.number, title: here.title, why: here.why, blocked: here.status === 'blocked' } : null,
    verifiedAt,
  });
  return { target, header, steps, complete };
}
