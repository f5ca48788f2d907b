// The app's brain as the tray wires it, without Electron: it builds the checker and monitor from
// the preferences, turns states into notifications, and wires its ports (notifier, windows,
// confirmation dialogs, login item, event broadcast) to the core's use cases: cleanup, relaunch,
// walkthrough, preferences. Each handler is a line or two; the decisions live in main/core.

import { join } from 'node:path';
import { RETRY_AFTER_MS, type AlertButton } from '../core/alerts/alert-policy';
import { AlertService, TICK_MS } from '../core/alerts/alert-service';
import type { ActivityEntry } from '../core/activity/activity-log';
import type { Notifier } from '../core/alerts/notifier';
import { Auditor } from '../core/cleanup/audit';
import { CleanupService } from '../core/cleanup/cleanup-service';
import { cleanupConfirmation } from '../core/cleanup/plan-summary';
import type { CleanupPlan, Strategy } from '../core/cleanup/plan';
import { publicResult } from '../core/cleanup/spec-secrets';
import { EciChecker } from '../core/verify/check';
import { desktopContextOf } from '../core/verify/desktop-owned';
import type { ConfirmRequest } from '../core/confirm';
import { RelaunchService, relaunchOutcome, type RelaunchOutcome } from '../core/desktop/relaunch-service';
import { startDesktop } from '../core/desktop/start-desktop';
import { installKey, type InstallKey } from '../core/store/install-key';
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
import { isEciVerifiedInEffect } from '../core/verify/settle';
import { WalkthroughService } from '../core/walkthrough/walkthrough-service';
import { wayForward } from '../core/verify/way-forward';
import type { WalkthroughView } from '../core/walkthrough/walkthrough';
import type { AppStateView, EventChannel, EventPayloads, InvokeHandlers, WindowKind } from '../ipc/contract';
import { PreferencesDesk } from './preferences-desk';
import { ReportDesk, type ReportDeskPorts } from './report-desk';

export type { ConfirmRequest };

export interface AppPorts extends ReportDeskPorts {
  notifier: Notifier;
  openWindow(kind: WindowKind): void;
  /** A native dialog in the app; resolves true only when the user confirmed. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  /** Sends an event to every open window. */
  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void;
  setStartAtLogin(enabled: boolean): Promise<void>;
  /** Opens a file in the system's editor (never a URL, never a program). */
  openFile?(path: string): Promise<void>;
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
  private readonly plans = new Map<string, CleanupPlan>();
  private checks = 0;
  private relaunching = false;
  private stateListeners = new Set<(view: AppStateView) => void>();
  private reminderTimer: NodeJS.Timeout | null = null;
  private key: InstallKey | null = null;
  private readonly cleanup: CleanupService;
  private readonly relauncher: RelaunchService;
  private readonly walkthroughs: WalkthroughService;
  private readonly desk: ReportDesk;
  private readonly prefsDesk: PreferencesDesk;
  private readonly alerts: AlertService;

  constructor(private readonly options: AppCoreOptions) {
    this.prefs = PreferencesStore.load(join(options.userDataDir, 'preferences.json'));
    if (this.prefs.notice) options.ports.log(this.prefs.notice);
    this.managed = options.managed ?? NOTHING_MANAGED;
    for (const problem of this.managed.problems) options.ports.log(`managed preferences: ${problem}`);
    const log = (m: string) => options.ports.log(m);
    const confirm = (r: ConfirmRequest) => options.ports.confirm(r);
    this.cleanup = new CleanupService(options.stateDir, log);
    this.relauncher = new RelaunchService(confirm, this.env, options.stateDir);
    this.walkthroughs = new WalkthroughService({
      prefs: this.prefs,
      cleanup: this.cleanup,
      confirm,
      installKey: () => this.installKey(),
      env: this.env,
      log,
    });
    this.alerts = new AlertService(
      { get: () => this.preferences(), update: (change) => this.prefs.update(change) },
      options.ports.notifier,
      log,
      options.platform,
      // The one retry of a check that could not run, a little later (a transient failure passes).
      () => void setTimeout(() => void this.checkNow().catch(() => undefined), RETRY_AFTER_MS).unref(),
    );
    this.walkthroughs.sealOldSpecs();
    this.desk = new ReportDesk(
      options.stateDir,
      options.appVersion ?? 'development',
      options.ports,
      () => this.monitor.current,
    );
    this.prefsDesk = new PreferencesDesk({
      managed: this.managed,
      firstLaunch: this.prefs.firstLaunch,
      inForce: () => this.preferences(),
      setPreferences: (change) => this.setPreferences(change),
      engine: () => this.checker.engine(),
      setStartAtLogin: (enabled) => options.ports.setStartAtLogin(enabled),
      log,
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

  /** The install key (in the state folder), made on first use. */
  private installKey(): InstallKey {
    this.key ??= installKey(this.options.stateDir);
    return this.key;
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
    return this.desk.recent(3);
  }

  /** The tray's "Copy report for IT": the same report as the pages' button. */
  async copyReport(): Promise<void> {
    await this.desk.handlers()['clipboard:write-report']({ part: 'report' });
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
      relaunching: this.relaunching,
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
    this.desk.observe(state);
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

  walkthrough(): Promise<WalkthroughView> {
    return this.walkthroughs.view(this.monitor.current, this.auditor);
  }

  /** Quits and reopens Docker Desktop after confirmation; one at a time, app-wide. */
  async relaunch(): Promise<RelaunchOutcome> {
    const run = await this.relauncher.run(this.checker, {
      onProgress: (p) => this.ports.emit('relaunch:progress', p),
      onStart: () => {
        this.relaunching = true;
        this.publish();
      },
    });
    if (this.relaunching) {
      this.relaunching = false;
      this.publish();
    }
    if (run.kind === 'done' || run.kind === 'failed') void this.checkNow();
    return relaunchOutcome(run);
  }

  /** Starts Docker Desktop (nothing stops; no confirmation needed), then verifies. */
  async startDesktop(): Promise<void> {
    await startDesktop(this.checker, { env: this.env });
    await this.checkNow();
  }

  private engineAuditor(): Auditor {
    if (!this.auditor) throw new Error('No Docker engine is configured.');
    return this.auditor;
  }

  /** Every channel of the contract, implemented against the core. */
  handlers(): InvokeHandlers {
    return {
      'state:get': async () => this.view(),
      'check:run': async () => {
        await this.checkNow();
        return this.view();
      },
      'containers:audit': async () => {
        if (!this.auditor || (await this.checker.ping()) !== null)
          throw new Error('No Docker engine answers: start Docker Desktop, then try again.');
        return this.auditor.audit(desktopContextOf(await this.checker.readSettings()));
      },
      'cleanup:plan': async ({ strategies, only }) => {
        const choices = new Map((strategies ?? []).map((x) => [x.id, x.strategy as Strategy]));
        const report = this.monitor.current?.report;
        const plan = await this.cleanup.plan(this.checker, this.engineAuditor(), {
          only: only ?? null,
          choices,
          eciEffective: !!report && isEciVerifiedInEffect(report),
        });
        this.plans.set(plan.id, plan);
        return plan;
      },
      'cleanup:apply': async ({ planId }) => {
        const plan = this.plans.get(planId);
        if (!plan) throw new Error('This plan is no longer available: make a new plan.');
        const ok = await this.ports.confirm(cleanupConfirmation(plan));
        if (!ok) return { confirmed: false as const };
        const result = await this.cleanup.apply(this.checker, plan, (p) => this.ports.emit('cleanup:progress', p));
        this.walkthroughs.rememberRemoved(result, plan);
        void this.checkNow();
        return publicResult(result);
      },
      'cleanup:interrupted': async () => this.cleanup.interrupted(),
      'cleanup:resume': async () => {
        const run = await this.cleanup.confirmAndResume(
          this.checker,
          (r) => this.ports.confirm(r),
          (p) => this.ports.emit('cleanup:progress', p),
        );
        if (run.kind === 'declined') return { confirmed: false as const };
        this.walkthroughs.rememberRemoved(run.result, run.journal.plan);
        void this.checkNow();
        return publicResult(run.result);
      },
      'desktop:relaunch-warning': async () => this.relauncher.warning(this.checker),
      'desktop:relaunch': () => this.relaunch(),
      'desktop:start': async () => {
        await this.startDesktop();
        return this.view();
      },
      'settings:open-broken-file': async () => {
        const file = this.monitor.current?.report.settingsProblems.find((p) => p.blocksDockerDesktop)?.file;
        if (!file) throw new Error('No settings file is broken now.');
        if (!this.ports.openFile) throw new Error(`Open ${file} in your editor.`);
        await this.ports.openFile(file);
      },
      'walkthrough:get': () => this.walkthrough(),
      'walkthrough:skip-recreate': async ({ skip }) => {
        this.walkthroughs.skipRecreate(skip);
        return this.walkthrough();
      },
      'walkthrough:recreate': async () => {
        // A fresh verification, not the last one: ECI may have been turned off since.
        await this.walkthroughs.recreate(this.checker, await this.checkNow());
        void this.checkNow();
        return this.walkthrough();
      },
      'window:open': async ({ window }) => this.ports.openWindow(window),
      ...this.desk.handlers(),
      ...this.prefsDesk.handlers(),
    };
  }
}
