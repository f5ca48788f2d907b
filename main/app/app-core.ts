// The app's brain as the tray wires it, without Electron: preferences, the monitor, alerts to
// notifications, and the real IPC handlers behind every channel of the contract. The Electron
// shell gives it ports (notifier, windows, confirmation dialogs, login item, event broadcast);
// tests and the renderer end-to-end harness give it their own.

import { join } from 'node:path';
import { alertInputOf, decideAlerts, DEFAULT_PREFS, EMPTY_HISTORY, type AlertHistory, type AlertInput, type AlertPrefs } from '../core/alerts/alert-policy';
import type { Notifier } from '../core/alerts/notifier';
import type { ApplyResult } from '../core/cleanup/apply';
import { Auditor } from '../core/cleanup/audit';
import { CleanupService } from '../core/cleanup/cleanup-service';
import { cleanupConfirmation } from '../core/cleanup/plan-summary';
import type { CleanupPlan, Strategy } from '../core/cleanup/plan';
import { isSealedSpec, openSpec, publicResult, sealSpec } from '../core/cleanup/spec-secrets';
import { EciChecker, type CheckConfig } from '../core/check';
import { errorText } from '../core/error-text';
import { isEciVerifiedInEffect } from '../core/settle';
import { desktopAuthStatus, type AuthStatus } from '../core/desktop/auth-status';
import { relaunchDesktop, relaunchWarning } from '../core/desktop/relaunch';
import { Monitor, type MonitorOptions } from '../core/monitor/monitor';
import type { MonitorState } from '../core/monitor/monitor-state';
import { installKey, type InstallKey } from '../core/install-key';
import { preferencesChangeSchema, PreferencesStore, SENSITIVE_PREFERENCES, type Preferences, type PreferencesChange } from '../core/preferences';
import { validate } from '../core/schema';
import { walkthroughView, type WalkthroughView } from '../core/walkthrough/walkthrough';
import type { AppStateView, EventChannel, EventPayloads, InvokeHandlers, RelaunchOutcome, WindowKind } from '../ipc/contract';

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
  /** A relaunch is being confirmed or runs (the app-wide gate). */
  private relaunchBusy = false;
  private stateListeners = new Set<(view: AppStateView) => void>();
  private readonly cleanup: CleanupService;
  private key: InstallKey | null = null;

  constructor(private readonly options: AppCoreOptions) {
    this.prefs = PreferencesStore.load(join(options.userDataDir, 'preferences.json'));
    if (this.prefs.notice) options.ports.log(this.prefs.notice);
    this.cleanup = new CleanupService(options.stateDir, (m) => options.ports.log(m));
    this.sealOldSpecs();
    this.build();
  }

  /** The install key (in the state folder), made on first use. */
  private installKey(): InstallKey {
    this.key ??= installKey(this.options.stateDir);
    return this.key;
  }

  /** Preferences written by older versions kept removed containers' environment in the clear. */
  private sealOldSpecs(): void {
    if (this.prefs.get().walkthrough.removed.every((r) => isSealedSpec(r.spec))) return;
    try {
      this.prefs.update((p) => {
        for (const r of p.walkthrough.removed) if (!isSealedSpec(r.spec)) r.spec = sealSpec(this.installKey(), r.spec);
      });
    } catch (err) {
      this.ports.log(`could not seal the kept environment of removed containers: ${errorText(err)}`);
    }
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
      onProgress: (m) => this.ports.log(m),
    };
  }

  private build(): void {
    const p = this.prefs.get();
    this.checker = new EciChecker(this.checkConfig(p));
    this.auditor = this.checker.engineError === null ? new Auditor(this.checker.engine()) : null;
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

  /**
   * Changes preferences. A new engine endpoint, probe image or settings file changes what is
   * verified (a hostile endpoint could answer "protected"): it takes effect only after the user
   * confirms it in a native dialog of the main process.
   */
  async setPreferences(request: PreferencesChange): Promise<Preferences> {
    const change = validate(preferencesChangeSchema, request);
    const before = this.prefs.get();
    const sensitive = SENSITIVE_PREFERENCES.filter((k) => change[k] !== undefined && change[k] !== before[k]);
    if (sensitive.length) {
      const words = { dockerHost: 'Docker engine endpoint', probeImage: 'probe image', adminSettings: 'admin settings file', userSettings: 'user settings file' } as const;
      const ok = await this.ports.confirm({
        title: 'Change what ECI Tray verifies?',
        message: `Change the ${sensitive.map((k) => words[k]).join(', ')}?`,
        detail: sensitive.map((k) => `${words[k]}: ${before[k] ?? 'default'} → ${change[k] ?? 'default'}`).join('\n') + '\n\nECI Tray will verify ECI through what you set here.',
        confirmLabel: 'Change',
      });
      if (!ok) throw new Error(`Not changed: the change of the ${sensitive.map((k) => words[k]).join(', ')} was not confirmed.`);
    }
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
    return !!r && isEciVerifiedInEffect(r);
  }

  private rememberRemoved(result: ApplyResult, plan: CleanupPlan): void {
    const removed = result.items.filter((i) => i.outcome === 'done' && i.removedSpec);
    if (!removed.length) return;
    this.prefs.update((p) => {
      for (const r of removed) {
        const item = plan.items.find((x) => x.name === r.name);
        p.walkthrough.removed = p.walkthrough.removed.filter((x) => x.name !== r.name);
        p.walkthrough.recreated = p.walkthrough.recreated.filter((x) => x !== r.name);
        // Sealed: the environment values are secrets, needed again only by the new container.
        p.walkthrough.removed.push({ name: r.name, image: item?.image ?? '', removedAt: new Date().toISOString(), wasRunning: !!item?.wasRunning, spec: sealSpec(this.installKey(), r.removedSpec!) });
      }
      p.walkthrough.skipRecreate = false;
    });
  }

  /**
   * Quits and relaunches Docker Desktop after confirmation. One at a time, app-wide: a request
   * from the tray or any window while one is under way (or being confirmed) gets that answer,
   * not a second relaunch. `applied` is what the relaunch's own fresh verification decided.
   */
  async relaunch(): Promise<RelaunchOutcome> {
    if (this.relaunchBusy) return { confirmed: false, error: 'A relaunch of Docker Desktop is already under way.' };
    // Taken before the dialog: two windows (or the tray and a window) cannot both be asked.
    this.relaunchBusy = true;
    try {
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
      }
    } finally {
      this.relaunchBusy = false;
      if (this.relaunching) {
        this.relaunching = false;
        this.publish();
      }
    }
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
        const choices = new Map((strategies ?? []).map((x) => [x.id, x.strategy as Strategy]));
        const plan = await this.cleanup.plan(this.checker, this.auditor, { only: only ?? null, choices, eciEffective: this.eciEffectiveNow() });
        this.plans.set(plan.id, plan);
        return plan;
      },
      'cleanup:apply': async ({ planId }) => {
        const plan = this.plans.get(planId);
        if (!plan) throw new Error('This plan is no longer available: make a new plan.');
        const ok = await this.ports.confirm(cleanupConfirmation(plan));
        if (!ok) return { confirmed: false as const };
        const result = await this.cleanup.apply(this.checker, plan, (p) => this.ports.emit('cleanup:progress', p));
        this.rememberRemoved(result, plan);
        void this.checkNow();
        return publicResult(result);
      },
      'cleanup:interrupted': async () => this.cleanup.interrupted(),
      'cleanup:resume': async () => {
        const journal = this.cleanup.resumable();
        const ok = await this.ports.confirm({ title: 'Resume the cleanup?', message: 'Finish the interrupted cleanup?', detail: 'Finished steps are not repeated.', confirmLabel: 'Resume' });
        if (!ok) return { confirmed: false as const };
        const result = await this.cleanup.resume(this.checker, journal, (p) => this.ports.emit('cleanup:progress', p));
        this.rememberRemoved(result, journal.plan);
        void this.checkNow();
        return publicResult(result);
      },
      'desktop:relaunch-warning': async () => relaunchWarning(this.checker),
      'desktop:relaunch': () => this.relaunch(),
      'walkthrough:get': () => this.walkthrough(),
      'walkthrough:skip-recreate': async ({ skip }) => {
        this.prefs.update((p) => {
          p.walkthrough.skipRecreate = skip;
        });
        return this.walkthrough();
      },
      'walkthrough:recreate': async () => {
        // A fresh verification, not the last one: ECI may have been turned off since.
        await this.checkNow();
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
        const open = (spec: (typeof waiting)[number]['spec']) => (isSealedSpec(spec) ? openSpec(this.installKey(), spec) : spec);
        const failures = await this.cleanup.recreate(
          this.checker,
          waiting.map((c) => ({ name: c.name, wasRunning: c.wasRunning, spec: () => open(c.spec) })),
          (name) =>
            this.prefs.update((p) => {
              p.walkthrough.recreated.push(name);
            }),
        );
        void this.checkNow();
        if (failures.length) throw new Error(failures.join('; '));
        return this.walkthrough();
      },
      'window:open': async ({ window }) => this.ports.openWindow(window),
    };
  }
}
