// The one IPC contract between the windows and the main process. Every channel is named here
// with its request schema (validated at runtime in the main process: a wrong shape is rejected
// and no handler runs) and its response type; every event the main process sends is named here
// with its payload type. Nothing outside main/ipc names a channel string.

import type { ActivityEntry } from '../core/activity/activity-log';
import type { ApplyProgress } from '../core/cleanup/apply-result';
import type { Audit } from '../core/cleanup/audit-model';
import { STRATEGIES, type CleanupPlan } from '../core/cleanup/plan';
import type { PublicApplyResult } from '../core/cleanup/spec-secrets';
import type { RelaunchProgress } from '../core/desktop/relaunch';
import type { RelaunchOutcome } from '../core/desktop/relaunch-service';
import type { Verdict } from '../core/model';
import type { MonitorState } from '../core/monitor/monitor-state';
import type { ImageCheck } from '../core/preferences/image-check';
import { PREFERENCE_FIELDS, windowChangeSchema } from '../core/preferences/preference-fields';
import type { PreferencesView } from '../core/preferences/preferences-window';
import { s, type Infer, type Schema } from '../core/schema';
import type { WalkthroughView } from '../core/walkthrough/walkthrough';
import type { WayForward } from '../core/verify/way-forward';

// The types the pages read, named here so the contract is the pages' one interface to main/
// (a lint rule keeps renderer/ from importing core modules directly).
export type {
  ActivityEntry,
  ApplyProgress,
  Audit,
  CleanupPlan,
  ImageCheck,
  MonitorState,
  PreferencesView,
  PublicApplyResult,
  RelaunchOutcome,
  RelaunchProgress,
  Verdict,
  WalkthroughView,
  WayForward,
};
export type { AuditedContainer } from '../core/cleanup/audit-model';
export type { PlanStep, Strategy } from '../core/cleanup/plan';
export type { RelaunchStep } from '../core/desktop/relaunch';
export type { Check, CheckId, CheckReport, CheckResult, DesiredState } from '../core/model';
export type { StepAction, StepStatus, WalkthroughStep, WalkthroughStepId } from '../core/walkthrough/walkthrough';

export const WINDOW_KINDS = ['details', 'cleanup', 'walkthrough', 'preferences'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** What "Copy report" can copy: the whole report for IT, or the raw engine output alone. */
export const REPORT_PARTS = ['report', 'raw-engine-output'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

const containerId = s.string({ pattern: /^[0-9a-f]{64}$/, what: 'a container id' });
const planId = s.string({ pattern: /^[0-9a-f-]{36}$/, what: 'a plan id' });

/**
 * Requests from a window: channel -> request schema. Only channels a page uses exist: each one is
 * a way in for a compromised renderer. The Preferences window changes only what it shows (not
 * the endpoint or settings files), managed values are refused, and a new probe image still needs
 * the user's yes in a native dialog.
 */
export const INVOKE = {
  /** The current state (no probe run). */
  'state:get': s.none(),
  /** Verify now (runs the probe); resolves with the new state. */
  'check:run': s.none(),
  'containers:audit': s.none(),
  /** Make a cleanup plan; strategies by container id (the rest get the default). */
  'cleanup:plan': s.object({
    strategies: s.optional(s.array(s.object({ id: containerId, strategy: s.enum(STRATEGIES) }), { max: 1000 })),
    only: s.optional(s.array(containerId, { max: 1000 })),
  }),
  /** Apply a plan this process made (by id); the main process asks for confirmation. */
  'cleanup:apply': s.object({ planId }),
  /** An interrupted cleanup, if any. */
  'cleanup:interrupted': s.none(),
  'cleanup:resume': s.none(),
  /** Set the interrupted cleanup (by its plan id) aside after confirmation; no container is touched. */
  'cleanup:discard': s.object({ planId }),
  /** What quitting Docker Desktop will stop (shown before asking). */
  'desktop:relaunch-warning': s.none(),
  /** Full quit and relaunch; the main process asks for confirmation first. */
  'desktop:relaunch': s.none(),
  /** Start Docker Desktop when its engine does not answer (nothing stops); resolves with the new state. */
  'desktop:start': s.none(),
  /** Open the settings file that keeps Docker Desktop from starting, in the system's editor. The main process picks the file from the current report: a page cannot name one. */
  'settings:open-broken-file': s.none(),
  'walkthrough:get': s.none(),
  /** Skip (or un-skip) the optional last step of the walkthrough. */
  'walkthrough:skip-recreate': s.object({ skip: s.boolean() }),
  /** Re-create, under ECI, the containers removed during the walkthrough (the main process asks first). */
  'walkthrough:recreate': s.none(),
  'window:open': s.object({ window: s.enum(WINDOW_KINDS) }),
  /** The recent state changes (newest first), kept across app restarts. */
  'activity:get': s.none(),
  /**
   * Puts a report the main process writes itself on the clipboard: the page names which one and
   * never supplies the text, so a compromised page cannot use the app to fill the clipboard.
   */
  'clipboard:write-report': s.object({ part: s.enum(REPORT_PARTS) }),
  /** Opens a page of Docker's documentation in the system browser (https://docs.docker.com/ only). */
  'docs:open': s.object({ url: s.string({ max: 500, what: 'a https://docs.docker.com/ address' }) }),
  /** The preferences in force, which of them the organization manages, and from where. */
  'preferences:get': s.none(),
  /** A partial change: managed keys are refused; a new probe image asks for confirmation first. */
  'preferences:set': windowChangeSchema,
  /** Can the engine pull this probe image now (a real pull, with a timeout)? Nothing is saved. */
  'preferences:check-image': s.object({ image: PREFERENCE_FIELDS.probeImage }),
} as const satisfies Record<string, Schema<unknown>>;

export type InvokeChannel = keyof typeof INVOKE;
export type InvokeRequest<C extends InvokeChannel> = Infer<(typeof INVOKE)[C]>;

export interface InterruptedCleanup {
  planId: string;
  items: Array<{ name: string; status: string; stepsDone: number; steps: number; reason?: string }>;
  /** Something to tell the user about its journal (a torn last line was cut off), or null. */
  notice: string | null;
}

export interface AppStateView {
  state: MonitorState | null;
  /** The way forward from this state, for the app (way-forward.ts); null before the first check. */
  forward: WayForward | null;
  /** A probe is running right now. */
  checking: boolean;
  /** Docker Desktop is being quit and started again by the app. */
  relaunching: boolean;
  /** Notifications paused until (epoch ms), or null. */
  pausedUntil: number | null;
  /** A problem the app itself has (e.g. an unreadable preferences file set aside). */
  notice: string | null;
  /** Preferences the organization set (they cannot be changed in the app), or null when none are. */
  managed: ManagedView | null;
}

export interface ManagedView {
  /** Where they were read (a file, a registry key), or null when only problems were found. */
  source: string | null;
  /** The managed keys ("probeImage", "alerts.engine-unreachable"). */
  keys: string[];
  /** One sentence saying which settings the organization set (managedSummary). */
  summary: string;
  problems: string[];
}

/** Responses: channel -> response type. Must cover exactly the channels of INVOKE. */
export interface InvokeResponses {
  'state:get': AppStateView;
  'check:run': AppStateView;
  'containers:audit': Audit;
  'cleanup:plan': CleanupPlan;
  /** Results name environment variables, never their values. */
  'cleanup:apply': PublicApplyResult | { confirmed: false };
  /** Null when there is none, and while a cleanup runs (here or in the CLI). */
  'cleanup:interrupted': InterruptedCleanup | null;
  'cleanup:resume': PublicApplyResult | { confirmed: false };
  'cleanup:discard': { discarded: true } | { confirmed: false };
  'desktop:relaunch-warning': string;
  'desktop:relaunch': RelaunchOutcome;
  'desktop:start': AppStateView;
  'settings:open-broken-file': void;
  'walkthrough:get': WalkthroughView;
  'walkthrough:skip-recreate': WalkthroughView;
  'walkthrough:recreate': WalkthroughView;
  'window:open': void;
  /** Newest first; `change` in words ("ECI is off → Protected"). */
  'activity:get': Array<ActivityEntry & { change: string }>;
  /** How much was copied, for the page to confirm it. */
  'clipboard:write-report': { part: ReportPart; lines: number };
  'docs:open': void;
  'preferences:get': PreferencesView;
  /** Saved, with what changed one line a setting; or not saved because the user said no. */
  'preferences:set': { saved: true; view: PreferencesView; changes: string[] } | { saved: false; message: string };
  'preferences:check-image': ImageCheck;
}

/** Events from the main process to the windows: channel -> payload type. */
export interface EventPayloads {
  'state:changed': AppStateView;
  'cleanup:progress': ApplyProgress;
  'relaunch:progress': RelaunchProgress;
}
export type EventChannel = keyof EventPayloads;
export const EVENTS: readonly EventChannel[] = ['state:changed', 'cleanup:progress', 'relaunch:progress'];

// Compile-time coverage: INVOKE and InvokeResponses name exactly the same channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CONTRACT_COVERS_EVERY_CHANNEL: Same<InvokeChannel, keyof InvokeResponses> = true;

/** What every handler returns over the wire: errors travel as data, not as thrown strings. */
export type Envelope<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: 'invalid-request' | 'unknown-channel' | 'failed' | 'forbidden'; message: string } };

export type InvokeHandlers = { [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponses[C]> };

/** The typed API the preload exposes as `window.eci`. */
export interface EciBridge {
  invoke<C extends InvokeChannel>(
    channel: C,
    ...request: InvokeRequest<C> extends undefined ? [] : [InvokeRequest<C>]
  ): Promise<InvokeResponses[C]>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(INVOKE, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}

/** Electron's own channel names for the bridge (the only strings that cross the boundary). */
export const IPC_INVOKE = 'eci:invoke';
export const IPC_EVENT = 'eci:event';
