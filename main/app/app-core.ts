// The app's brain as the tray wires it, without Electron: it builds the checker and monitor from
// the preferences, turns states into notifications and the state view, keeps the preferences, and
// composes the desks that answer the windows by area: cleanup (cleanup-desk.ts), walkthrough
// (walkthrough-desk.ts), Docker Desktop (desktop-desk.ts), report (report-desk.ts). Each handler
// is a line or two; the decisions live in main/core.

import { join } from 'node:path';
import { RETRY_AFTER_MS, type AlertButton } from '../core/alerts/alert-policy';
import { AlertService, TICK_MS } from '../core/alerts/alert-service';
import type { ActivityEntry } from '../core/activity/activity-log';
import type { Notifier } from '../core/alerts/notifier';
import { Auditor } from '../core/cleanup/audit';
import type { ConfirmRequest } from '../core/confirm';
import type { RelaunchOutcome } from '../core/desktop/relaunch-service';
import {
  managedChangeError,
  NOTHING_MANAGED,
  withManaged,
  type ManagedPreferences,
} from '../core/preferences/managed-preferences';
import { Monitor, type MonitorOptions } from '../core/monitor/monitor';
import type { MonitorState } from '../core/monitor/monitor-state';
import {
  preferencesChangeSchema,
  PreferencesStore,
  type Preferences,
  type PreferencesChange,
} from '../core/preferences/preferences';
import {
  applyChange,
  checkConfigOf,
  needsRewire,
  notConfirmedError,
  sensitiveChangeConfirmation,
} from '../core/preferences/preferences-change';
import { validate } from '../core/schema';
import { EciChecker } from '../core/verify/check';
import { wayForward } from '../core/verify/way-forward';
import type { AppStateView, InvokeHandlers, WindowKind } from '../ipc/contract';
import { CleanupDesk } from './cleanup-desk';
import type { Verification } from './desk-context';
import { DesktopDesk, type DesktopDeskPorts } from './desktop-desk';
import { PreferencesDesk } from './preferences-desk';
import { ReportDesk, type ReportDeskPorts } from './report-desk';
import { WalkthroughDesk } from './walkthrough-desk';

export type { ConfirmRequest };

export interface AppPorts extends ReportDeskPorts, DesktopDeskPorts {
  notifier: Notifier;
  openWindow(kind: WindowKind): void;
  setStartAtLogin(enabled: boolean): Promise<void>;
  log(message: string): void;
}

export interface AppCoreOptions {
  userDataDir: string;
  stateDir: string;
  appVersion?: string;
  env?: NodeJS.ProcessEnv;
  ports: AppPorts;
  /** Overrides for tests (grace period, debounce). */
  monitor?: Omit<MonitorOptions, 'intervalMs' | 'log'>;
  platform?: NodeJS.Platform;
  /** The organization's managed preferences, read once at start (managed-preferences-source.ts). */
  managed?: ManagedPreferences;
}

export class AppCore {
  readonly prefs: PreferencesStore;
  readonly managed: ManagedPreferences;
  private checker!: EciChecker;
  private monitor!: Monitor;
  private auditor: Auditor | null = null;
  private unsubscribe: (() => void) | null = null;
  private checks = 0;
  private stateListeners = new Set<(view: AppStateView) => void>();
  private reminderTimer: NodeJS.Timeout | null = null;
  private readonly alerts: AlertService;
  private readonly cleanup: CleanupDesk;
  private readonly walkthrough: WalkthroughDesk;
  private readonly desktop: DesktopDesk;
  private readonly report: ReportDesk;
  private readonly prefsDesk: PreferencesDesk;

  constructor(private readonly options: AppCoreOptions) {
    this.prefs = PreferencesStore.load(join(options.userDataDir, 'preferences.json'));
    if (this.prefs.notice) options.ports.log(this.prefs.notice);
    this.managed = options.managed ?? NOTHING_MANAGED;
    for (const problem of this.managed.problems) options.ports.log(`managed preferences: ${problem}`);
    const { stateDir, ports } = options;
    // The desks read the checker and monitor in force: build() replaces them on a rewire.
    const verification: Verification = {
      checker: () => this.checker,
      auditor: () => this.auditor,
      current: () => this.monitor.current,
      checkNow: () => this.checkNow(),
    };
    this.cleanup = new CleanupDesk(stateDir, ports, verification, (result, plan) =>
      this.walkthrough.rememberRemoved(result, plan),
    );
    this.walkthrough = new WalkthroughDesk({
      stateDir,
      prefs: this.prefs,
      cleanup: this.cleanup.service,
      env: this.env,
      ports,
      verification,
    });
    this.desktop = new DesktopDesk({
      stateDir,
      env: this.env,
      ports,
      verification,
      view: () => this.view(),
      publish: () => this.publish(),
    });
    this.alerts = new AlertService(
      { get: () => this.preferences(), update: (change) => this.prefs.update(change) },
      ports.notifier,
      (m) => ports.log(m),
      options.platform,
      // The one retry of a check that could not run, a little later (a transient failure passes).
      () => void setTimeout(() => void this.checkNow().catch(() => undefined), RETRY_AFTER_MS).unref(),
    );
    this.report = new ReportDesk(stateDir, options.appVersion ?? 'development', ports, () => this.monitor.current);
    this.prefsDesk = new PreferencesDesk({
      managed: this.managed,
      firstLaunch: this.prefs.firstLaunch,
      inForce: () => this.preferences(),
      setPreferences: (change) => this.setPreferences(change),
      engine: () => this.checker.engine(),
      setStartAtLogin: (enabled) => options.ports.setStartAtLogin(enabled),
      log: (m) => options.ports.log(m),
    });
    this.build();
  }

  /** The preferences in force: the user's own, with every value the organization manages over them. */
  preferences(): Preferences {
    return withManaged(this.prefs.get(), this.managed);
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  private get ports(): AppPorts {
    return this.options.ports;
  }

  private build(): void {
    const p = this.preferences();
    this.checker = new EciChecker(checkConfigOf(p, this.env, (m) => this.ports.log(m)));
    this.auditor = this.checker.engineError === null ? new Auditor(this.checker.engine()) : null;
    this.monitor = new Monitor(this.checker, {
      ...this.options.monitor,
      intervalMs: p.safetyIntervalMinutes * 60_000,
      log: (m) => this.ports.log(m),
    });
    this.unsubscribe = this.monitor.onState((state) => this.onState(state));
  }
  /** Starts watching; resolves with the first verified state. */
  async start(): Promise<MonitorState | null> {
    // The daily reminder, and what "Later" or quiet hours held back, come even when nothing changes.
    this.reminderTimer ??= setInterval(() => this.alerts.tick(this.monitor.current), TICK_MS).unref();
    // The organization's start at login at every start; the user's own (on) at the first launch.
    const startsAtLogin = this.prefsDesk.atLaunch();
    const first = await this.track(this.monitor.start());
    if (this.managed.values.showWelcome !== false) this.alerts.welcome(first, await startsAtLogin);
    return first;
  }

  async stop(): Promise<void> {
    if (this.reminderTimer) clearInterval(this.reminderTimer);
    this.reminderTimer = null;
    this.unsubscribe?.();
    await this.monitor.stop();
  }

  /** The tray's "Recent changes": the last three, newest first. */
  recentChanges(): ActivityEntry[] {
    return this.report.recent(3);
  }

  /** The tray's "Copy report for IT": the same report as the pages' button. */
  async copyReport(): Promise<void> {
    await this.report.handlers()['clipboard:write-report']({ part: 'report' });
  }

  /** "Later" on a notification: it comes back once then, if still true. */
  notificationLater(choice: Extract<AlertButton['action'], 'later-2h' | 'later-tonight'>): void {
    this.alerts.later(choice);
  }

  /** The system woke up or the session was unlocked. */
  resumed(): void {
    this.monitor.resumed();
  }

  onViewChanged(listener: (view: AppStateView) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  view(): AppStateView {
    const state = this.monitor.current;
    return {
      state,
      forward: state ? wayForward(state.report, state.advice, 'app') : null,
      checking: this.checks > 0,
      relaunching: this.desktop.relaunching,
      pausedUntil: this.prefs.get().pausedUntil,
      notice: this.prefs.notice,
      managed: this.prefsDesk.managedView(),
    };
  }

  private publish(): void {
    const view = this.view();
    this.ports.emit('state:changed', view);
    for (const l of this.stateListeners) l(view);
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.checks++;
    this.publish();
    try {
      return await work;
    } finally {
      this.checks--;
      this.publish();
    }
  }

  private onState(state: MonitorState): void {
    this.alerts.onState(state);
    this.report.observe(state);
    this.publish();
  }

  checkNow(): Promise<MonitorState | null> {
    return this.track(this.monitor.check());
  }

  pauseNotifications(until: number | null): void {
    this.prefs.update((p) => {
      p.pausedUntil = until;
    });
    this.publish();
  }

  /** Changes preferences; a change of what is verified needs the user's yes in a native dialog. */
  async setPreferences(request: PreferencesChange): Promise<Preferences> {
    const change = validate(preferencesChangeSchema, request);
    const refused = managedChangeError(change, this.managed);
    if (refused) throw refused;
    const before = this.prefs.get();
    const ask = sensitiveChangeConfirmation(before, change);
    if (ask && !(await this.ports.confirm(ask))) throw notConfirmedError(before, change);
    const after = this.prefs.update((p) => applyChange(p, change));
    if (change.startAtLogin !== undefined && change.startAtLogin !== before.startAtLogin)
      await this.ports.setStartAtLogin(change.startAtLogin);
    if (needsRewire(before, after)) {
      // A new endpoint, probe image or settings file: a new checker and monitor, verified at once.
      this.unsubscribe?.();
      await this.monitor.stop();
      this.build();
      void this.start();
    }
    return after;
  }

  /** Quits and reopens Docker Desktop after confirmation; one at a time, app-wide. */
  relaunch(): Promise<RelaunchOutcome> {
    return this.desktop.relaunch();
  }

  /** Starts Docker Desktop (nothing stops; no confirmation needed), then verifies. */
  startDesktop(): Promise<void> {
    return this.desktop.start();
  }

  /** Every channel of the contract: the app's state here, the rest from the desks. */
  handlers(): InvokeHandlers {
    return {
      'state:get': async () => this.view(),
      'check:run': async () => {
        await this.checkNow();
        return this.view();
      },
      'window:open': async ({ window }) => this.ports.openWindow(window),
      ...this.cleanup.handlers(),
      ...this.walkthrough.handlers(),
      ...this.desktop.handlers(),
      ...this.report.handlers(),
      ...this.prefsDesk.handlers(),
    };
  }
}
