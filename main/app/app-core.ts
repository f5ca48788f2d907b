// The app's brain as the tray wires it, without Electron: preferences, the monitor, alerts to
// notifications, and the real IPC handlers behind every channel of the contract. The Electron
// shell gives it ports (notifier, windows, confirmation dialogs, login item, event broadcast);
// tests and the renderer end-to-end harness give it their own.

import { join } from 'node:path';
import { alertInputOf, decideAlerts, DEFAULT_PREFS, EMPTY_HISTORY, type AlertHistory, type AlertInput, type AlertPrefs } from '../core/alerts/alert-policy';
import type { Notifier } from '../core/alerts/notifier';
import { applyPlan, resumeCleanup, type ApplyResult } from '../core/cleanup/apply';
import { Auditor } from '../core/cleanup/audit';
import { findUnfinishedJournal } from '../core/cleanup/journal';
import { makePlan, type CleanupPlan, type Strategy } from '../core/cleanup/plan';
import { recreateRemoved } from '../core/cleanup/recreate-removed';
import { EciChecker, errorText, type CheckConfig } from '../core/check';
import { desktopAuthStatus, type AuthStatus } from '../core/desktop/auth-status';
import { relaunchDesktop, relaunchWarning } from '../core/desktop/relaunch';
import { Monitor, type MonitorOptions } from '../core/monitor/monitor';
import type { MonitorState } from '../core/monitor/monitor-state';
import { PreferencesStore, type Preferences } from '../core/preferences';
import { walkthroughView, type WalkthroughView } from '../core/walkthrough/walkthrough';
import type { AppStateView, EventChannel, EventPayloads, InvokeHandlers, InvokeRequest, WindowKind } from '../ipc/contract';

export interface ConfirmRequest {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

export interface AppPorts {
  notifier: Notifier;
  openWindow(kind: WindowKind): void;
  /** A native dialog in the app; resolves true only when the user confirmed. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  /** Sends an event to every open window. */
  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void;
  setStartAtLogin(enabled: boolean): Promise<void>;
  log(message: string): void;
}

export interface AppCoreOptions {
  userDataDir: string;
  stateDir: string;
  env?: NodeJS.ProcessEnv;
  ports: AppPorts;
  /** Overrides for tests (grace period, debounce). */
  monitor?: Omit<MonitorOptions, 'intervalMs' | 'log'>;
}

export class AppCore {
  readonly prefs: PreferencesStore;
  private checker!: EciChecker;
  private monitor!: Monitor;
  private unsubscribe: (() => void) | null = null;
  private history: AlertHistory = EMPTY_HISTORY;
  private previous: AlertInput | null = null;
  private auditor: Auditor | null = null;
  private readonly plans = new Map<string, CleanupPlan>();
  private authCache: { at: number; status: AuthStatus } | null = null;
  private checks = 0;
  private relaunching = false;
  private stateListeners = new Set<(view: AppStateView) => void>();

  constructor(private readonly options: AppCoreOptions) {
    this.prefs = PreferencesStore.load(join(options.userDataDir, 'preferences.json'));
    if (this.prefs.notice) options.ports.log(this.prefs.notice);
    this.build();
  }

  private get ports(): AppPorts {
    return this.options.ports;
  }

  private checkConfig(p: Preferences): CheckConfig {
    return {
      probeImage: p.probeImage,
      ...(p.dockerHost ? { dockerHost: p.dockerHost } : {}),
      ...(p.adminSettings ? { adminSettings: p.adminSettings } : {}),
      ...(p.userSettings ? { userSettings: p.userSettings } : {}),
      env: this.options.env ?? process.env,
    };
  }

  private build(): void {
    const p = this.prefs.get();
    this.checker = new EciChecker(this.checkConfig(p));
    this.auditor = this.checker.client ? new Auditor(this.checker.client) : null;
    this.monitor = new Monitor(this.checker, { ...this.options.monitor, intervalMs: p.safetyIntervalMinutes * 60_000, log: (m) => this.ports.log(m) });
    this.unsubscribe = this.monitor.onState((state) => this.onState(state));
  }

  /** Starts watching; resolves with the first verified state. */
  async start(): Promise<MonitorState | null> {
    return this.track(this.monitor.start());
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.monitor.stop();
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
    return { state: this.monitor.current, checking: this.checks > 0, relaunching: this.relaunching, pausedUntil: this.prefs.get().pausedUntil, notice: this.prefs.notice };
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

  private alertPrefs(p: Preferences): AlertPrefs {
    return { ...DEFAULT_PREFS, enabled: p.alerts, pausedUntil: p.pausedUntil };
  }

  private onState(state: MonitorState): void {
    const input = alertInputOf(state);
    const decision = decideAlerts(this.previous, input, this.alertPrefs(this.prefs.get()), this.history, Date.now());
    this.previous = input;
    this.history = decision.history;
    for (const s of decision.suppressed) this.ports.log(`notification held back (${s.why}): ${s.kind}`);
    for (const n of decision.notifications) void this.ports.notifier.notify(n);
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

  async setPreferences(change: InvokeRequest<'prefs:set'>): Promise<Preferences> {
    const before = this.prefs.get();
    const after = this.prefs.update((p) => {
      if (change.safetyIntervalMinutes !== undefined) p.safetyIntervalMinutes = change.safetyIntervalMinutes;
      if (change.probeImage !== undefined) p.probeImage = change.probeImage;
      if (change.dockerHost !== undefined) p.dockerHost = change.dockerHost;
      if (change.adminSettings !== undefined) p.adminSettings = change.adminSettings;
      if (change.userSettings !== undefined) p.userSettings = change.userSettings;
      if (change.alerts) Object.assign(p.alerts, change.alerts);
      if (change.startAtLogin !== undefined) p.startAtLogin = change.startAtLogin;
    });
    if (change.startAtLogin !== undefined && change.startAtLogin !== before.startAtLogin) await this.ports.setStartAtLogin(change.startAtLogin);
    const rewire = (['safetyIntervalMinutes', 'probeImage', 'dockerHost', 'adminSettings', 'userSettings'] as const).some((k) => before[k] !== after[k]);
    if (rewire) {
      // A new endpoint, probe image or settings file: a new checker and monitor, verified at once.
      this.unsubscribe?.();
      await this.monitor.stop();
      this.build();
      void this.start();
    }
    return after;
  }

  private async auth(): Promise<AuthStatus> {
    if (this.authCache && Date.now() - this.authCache.at < 60_000) return this.authCache.status;
    const status = await desktopAuthStatus(this.options.env ?? process.env);
    this.authCache = { at: Date.now(), status };
    return status;
  }

  async walkthrough(): Promise<WalkthroughView> {
    const state = this.monitor.current;
    let outside: number | null = null;
    if (this.auditor && state?.report.engine.reachable) {
      try {
        outside = (await this.auditor.audit()).containers.length;
      } catch {
        outside = null;
      }
    }
    return walkthroughView({
      report: state?.report ?? null,
      containersOutsideEci: outside,
      auth: await this.auth(),
      progress: this.prefs.get().walkthrough,
      menuRestartSeen: !!state?.advice.includes('menu-restart-insufficient'),
    });
  }

  private eciEffectiveNow(): boolean {
    const r = this.monitor.current?.report;
    return !!r && r.effective.eci === true && r.verdict !== 'unknown' && r.verdict !== 'engine-unreachable';
  }

  private rememberRemoved(result: ApplyResult, plan: CleanupPlan): void {
    const removed = result.items.filter((i) => i.outcome === 'done' && i.removedSpec);
    if (!removed.length) return;
    this.prefs.update((p) => {
      for (const r of removed) {
        const item = plan.items.find((x) => x.name === r.name);
        p.walkthrough.removed = p.walkthrough.removed.filter((x) => x.name !== r.name);
        p.walkthrough.recreated = p.walkthrough.recreated.filter((x) => x !== r.name);
        p.walkthrough.removed.push({ name: r.name, image: item?.image ?? '', removedAt: new Date().toISOString(), wasRunning: !!item?.wasRunning, spec: r.removedSpec! });
      }
      p.walkthrough.skipRecreate = false;
    });
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
        if (!this.auditor || (await this.checker.ping()) !== null) throw new Error('No Docker engine answers: start Docker Desktop, then try again.');
        return this.auditor.audit();
      },
      'cleanup:plan': async ({ strategies, only }) => {
        if (!this.auditor) throw new Error('No Docker engine is configured.');
        const settings = await this.checker.readSettings();
        const audit = await this.auditor.audit();
        const wanted = only ? new Set(only) : null;
        const containers = audit.groups
          .flatMap((g) => g.containers)
          .filter((c) => !wanted || wanted.has(c.id))
          .map((audited) => ({ audited, info: this.auditor!.inspectOf(audited.id)! }));
        const plan = makePlan({
          containers,
          choices: new Map((strategies ?? []).map((x) => [x.id, x.strategy as Strategy])),
          endpoint: this.checker.endpoint?.url ?? '',
          context: { eciEffective: this.eciEffectiveNow(), socketMountAllowList: settings.adminPolicy?.socketMountImages ?? [], createdAt: new Date() },
        });
        this.plans.set(plan.id, plan);
        return plan;
      },
      'cleanup:apply': async ({ planId }) => {
        const plan = this.plans.get(planId);
        if (!plan) throw new Error('This plan is no longer available: make a new plan.');
        const loses = plan.items.filter((i) => i.allowed && i.loses.length).map((i) => `${i.name}: ${i.loses.join('; ')}`);
        const ok = await this.ports.confirm({
          title: 'Apply the cleanup plan?',
          message: `Change ${plan.items.filter((i) => i.allowed).length} container(s) as planned?`,
          detail: loses.length ? `This loses:\n${loses.join('\n')}\n\nVolumes are never removed.` : 'Volumes are never removed.',
          confirmLabel: 'Apply',
        });
        if (!ok) return { confirmed: false as const };
        const result = await applyPlan(this.checker, plan, { confirmed: true, stateDir: this.options.stateDir, onProgress: (p) => this.ports.emit('cleanup:progress', p) });
        this.rememberRemoved(result, plan);
        void this.checkNow();
        return result;
      },
      'cleanup:interrupted': async () => {
        const journal = findUnfinishedJournal(this.options.stateDir);
        return journal ? { planId: journal.plan.id, items: journal.summary() } : null;
      },
      'cleanup:resume': async () => {
        const journal = findUnfinishedJournal(this.options.stateDir);
        if (!journal) throw new Error('There is no interrupted cleanup to resume.');
        const ok = await this.ports.confirm({ title: 'Resume the cleanup?', message: 'Finish the interrupted cleanup?', detail: 'Finished steps are not repeated.', confirmLabel: 'Resume' });
        if (!ok) return { confirmed: false as const };
        const result = await resumeCleanup(this.checker, journal, { confirmed: true, stateDir: this.options.stateDir, onProgress: (p) => this.ports.emit('cleanup:progress', p) });
        this.rememberRemoved(result, journal.plan);
        void this.checkNow();
        return result;
      },
      'desktop:relaunch-warning': async () => relaunchWarning(this.checker),
      'desktop:relaunch': async () => {
        const warning = await relaunchWarning(this.checker);
        const ok = await this.ports.confirm({
          title: 'Quit and relaunch Docker Desktop?',
          message: 'Quit Docker Desktop fully and start it again?',
          detail: `${warning}\n\nA restart from the Docker menu is not enough to apply ECI settings.`,
          confirmLabel: 'Quit and relaunch',
        });
        if (!ok) return { confirmed: false };
        this.relaunching = true;
        this.publish();
        try {
          const result = await relaunchDesktop(this.checker, { confirmed: true, env: this.options.env ?? process.env, onProgress: (p) => this.ports.emit('relaunch:progress', p) });
          void this.checkNow();
          return { confirmed: true, applied: result.applied, verdict: result.report.verdict };
        } catch (err) {
          return { confirmed: true, error: errorText(err) };
        } finally {
          this.relaunching = false;
          this.publish();
        }
      },
      'walkthrough:get': () => this.walkthrough(),
      'walkthrough:skip-recreate': async ({ skip }) => {
        this.prefs.update((p) => {
          p.walkthrough.skipRecreate = skip;
        });
        return this.walkthrough();
      },
      'walkthrough:recreate': async () => {
        if (!this.eciEffectiveNow()) throw new Error('ECI is not verified in effect: re-created containers would run without it.');
        const progress = this.prefs.get().walkthrough;
        const waiting = progress.removed.filter((c) => !progress.recreated.includes(c.name));
        if (!waiting.length) return this.walkthrough();
        const ok = await this.ports.confirm({
          title: 'Re-create the removed containers?',
          message: `Create ${waiting.map((c) => c.name).join(', ')} again, under ECI?`,
          detail: 'They get the configuration they had, with the snapshot of their files where one was taken.',
          confirmLabel: 'Re-create',
        });
        if (!ok) return this.walkthrough();
        const settings = await this.checker.readSettings();
        const failures: string[] = [];
        for (const c of waiting) {
          try {
            await recreateRemoved(this.checker.client!, c.spec, c.wasRunning, settings.adminPolicy?.socketMountImages ?? []);
            this.prefs.update((p) => {
              p.walkthrough.recreated.push(c.name);
            });
          } catch (err) {
            failures.push(errorText(err));
          }
        }
        void this.checkNow();
        if (failures.length) throw new Error(failures.join('; '));
        return this.walkthrough();
      },
      'prefs:get': async () => this.prefs.get(),
      'prefs:set': (change) => this.setPreferences(change),
      'window:open': async ({ window }) => this.ports.openWindow(window),
    };
  }
}
