// The long-running monitor. It reacts to what changes instead of probing in a loop:
//   - the engine's event stream (containers come and go; the engine goes away and comes back),
//   - folder watches on the settings files,
//   - a slow safety re-verification (daily by default), and on-demand checks.
// At rest it sends the engine nothing but the open event stream: no heartbeat, no periodic
// listing, so a Docker Desktop in Resource Saver is left asleep.
// Cheap facts (settings, container list) are refreshed on those events; probe containers run only
// when the effective state could have changed: a new engine session, a settings change, the
// safety interval, or the user asking. Never two probes at once. An engine that goes away is
// "unreachable" only after a grace period. Every change is emitted as a MonitorState.

import type { EciChecker } from '../check';
import { errorText } from '../error-text';
import { unreachableEvidence, type ContainerEvidence, type EngineEvidence } from '../report';
import { settingsPaths } from '../settings/load-settings';
import { SETTLE, settleMessage, verifyAgainAfter } from '../settle';
import type { SettingsSnapshot } from '../settings/load-settings';
import type { BackoffPolicy } from './backoff';
import { EngineWatch } from './engine-watch';
import { adviceFor, changesBetween, type EngineConnection, type MonitorState, type Trigger } from './monitor-state';
import { SettingsWatcher } from './settings-watcher';
import { SingleFlight } from './single-flight';

export interface MonitorOptions {
  /** Safety re-verification period (default 24 hours). */
  intervalMs?: number;
  /** How long the engine may be away before the verdict becomes engine-unreachable (default 30 s). */
  graceMs?: number;
  settingsDebounceMs?: number;
  containerDebounceMs?: number;
  /**
   * A ping this often while connected, to notice an engine that stalls with its event stream
   * open. Off by default (0): it would keep Docker Desktop's VM from ever going to Resource
   * Saver; an engine that goes away closes the stream, which is noticed at once.
   */
  heartbeatMs?: number;
  backoff?: BackoffPolicy;
  log?: (message: string) => void;
}

export const DEFAULT_INTERVAL_MS = 24 * 60 * 60_000;
export const DEFAULT_GRACE_MS = 30_000;

type Listener = (state: MonitorState) => void;

export class Monitor {
  private readonly listeners = new Set<Listener>();
  private readonly verifier: SingleFlight<MonitorState | null>;
  private readonly settingsWatcher: SettingsWatcher;
  private readonly engineWatch: EngineWatch | null;
  private evidence: EngineEvidence | null = null;
  private settings: SettingsSnapshot | null = null;
  private containers: ContainerEvidence = { list: [] };
  // Optimistic until the event stream says otherwise; the first verification tells the truth.
  private connection: EngineConnection = { connected: true, lostSince: null, restarts: 0 };
  private state: MonitorState | null = null;
  private seq = 0;
  private pending: { key: string; since: number } | null = null;
  private lastEngineBack = 0;
  private nextTrigger: Trigger = 'start';
  private stopped = false;
  private started = false;
  private graceTimer: NodeJS.Timeout | null = null;
  private containerTimer: NodeJS.Timeout | null = null;
  private intervalTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly checker: EciChecker,
    private readonly options: MonitorOptions = {},
  ) {
    this.verifier = new SingleFlight(() => this.verifyNow());
    const paths = settingsPaths(checker.config);
    this.settingsWatcher = new SettingsWatcher([paths.admin, ...paths.user], () => void this.onSettingsChanged(), options.settingsDebounceMs ?? 100);
    this.engineWatch =
      checker.engineError === null
        ? new EngineWatch(
            checker.engine(),
            {
              onUp: (after) => this.onEngineUp(after),
              onDown: (error) => this.onEngineDown(error),
              onContainerEvent: () => this.onContainerEvent(),
            },
            { ...(options.backoff ? { backoff: options.backoff } : {}), heartbeatMs: options.heartbeatMs ?? 0 },
          )
        : null;
  }

  get current(): MonitorState | null {
    return this.state;
  }

  get watchCount(): number {
    return this.settingsWatcher.watchCount;
  }

  onState(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching and runs the first verification; resolves with the first state. */
  async start(): Promise<MonitorState | null> {
    if (this.started) return this.state;
    this.started = true;
    this.settingsWatcher.start();
    this.engineWatch?.start();
    const intervalMs = this.options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.intervalTimer = setInterval(() => void this.requestVerify('interval'), intervalMs);
    return this.requestVerify('start');
  }

  /** The user asked for a check: always emits a state, even if nothing changed. */
  check(): Promise<MonitorState | null> {
    return this.requestVerify('request');
  }

  /** The system woke up or was unlocked: the engine connection may be stale. */
  resumed(): void {
    this.engineWatch?.reconnect();
    void this.requestVerify('request');
  }

  /** Stops everything; an in-flight probe finishes (and removes its containers) first. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of [this.graceTimer, this.containerTimer, this.intervalTimer]) if (t) clearTimeout(t);
    this.settingsWatcher.stop();
    await this.engineWatch?.stop();
    await this.verifier.idle();
    // A probe whose removal failed earlier (engine away mid-run) is removed on the way out.
    await this.checker.sweep();
    this.checker.close();
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  private requestVerify(trigger: Trigger): Promise<MonitorState | null> {
    if (this.stopped) return Promise.resolve(this.state);
    // Coalesced requests keep the most significant reason.
    if (trigger === 'request' || !this.verifier.busy) this.nextTrigger = trigger;
    return this.verifier.run();
  }

  private async verifyNow(): Promise<MonitorState | null> {
    const trigger = this.nextTrigger;
    if (this.stopped) return this.state;
    try {
      const settings = await this.checker.readSettings();
      const sinceEngineStartMs = Date.now() - this.lastEngineBack;
      let evidence = await this.checker.verifyEngine(settings);
      let containers: ContainerEvidence = evidence.engine.reachable ? await this.checker.listContainers() : { list: [] };
      // Right after the engine came back, incomplete evidence may be the engine settling.
      for (let repeats = 0; trigger === 'engine-back' && !this.stopped; repeats++) {
        const report = this.checker.report(evidence, settings, containers);
        const pause = verifyAgainAfter({ report, repeats, sinceEngineStartMs });
        if (pause === null) break;
        this.log(settleMessage(repeats + 1, SETTLE.retries, report));
        await new Promise((r) => setTimeout(r, pause));
        evidence = await this.checker.verifyEngine(settings);
        containers = evidence.engine.reachable ? await this.checker.listContainers() : { list: [] };
      }
      this.settings = settings;
      const withinGrace = this.connection.lostSince !== null && Date.now() - Date.parse(this.connection.lostSince) < this.graceMs;
      if (!evidence.engine.reachable && withinGrace && this.evidence) {
        // Away, but not for long: keep the last verified evidence until the grace period ends.
        return this.evaluate(trigger, trigger === 'request');
      }
      this.evidence = evidence;
      this.containers = containers;
      return this.evaluate(trigger, trigger === 'request' || trigger === 'start');
    } catch (err) {
      this.log(`verification failed: ${errorText(err)}`);
      return this.state;
    }
  }

  private get graceMs(): number {
    return this.options.graceMs ?? DEFAULT_GRACE_MS;
  }

  private onEngineUp(after: number): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    const wasDown = this.connection.lostSince !== null;
    this.connection = { connected: true, lostSince: null, restarts: this.connection.restarts + (wasDown ? 1 : 0) };
    if (!wasDown) return; // first connection: the start-up verification covers it
    this.lastEngineBack = Date.now();
    this.log(`engine back after ${after} ms`);
    void this.requestVerify('engine-back');
  }

  private onEngineDown(error: string): void {
    if (this.stopped) return;
    this.log(`engine went away: ${error}`);
    this.connection = { ...this.connection, connected: false, lostSince: new Date().toISOString() };
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      // Say why in the words of a fresh attempt (e.g. "no engine socket at this path").
      void this.checker.ping().then((now) => {
        if (this.stopped || this.connection.connected) return;
        this.evidence = unreachableEvidence(now ?? error);
        this.containers = { list: [] };
        this.evaluate('engine-unreachable');
      });
    }, this.graceMs);
    this.evaluate('engine-lost');
  }

  private onContainerEvent(): void {
    if (this.containerTimer) clearTimeout(this.containerTimer);
    this.containerTimer = setTimeout(() => {
      this.containerTimer = null;
      void this.refreshContainers();
    }, this.options.containerDebounceMs ?? 300);
  }

  private async refreshContainers(): Promise<void> {
    if (this.stopped || !this.evidence?.engine.reachable) return;
    const containers = await this.checker.listContainers();
    if (this.stopped || containers.error) return; // a failed listing leaves the last good one
    this.containers = containers;
    this.evaluate('containers');
  }

  private async onSettingsChanged(): Promise<void> {
    if (this.stopped) return;
    // Our own record of the change: Docker Desktop must start after it for the setting to apply.
    this.checker.settingsChangeSeenAt = Date.now();
    // A settings file cannot change the effective state on its own (that needs a relaunch), so
    // the new desired state is evaluated against the last evidence at once, then re-verified.
    this.settings = await this.checker.readSettings();
    this.evaluate('settings');
    void this.requestVerify('settings');
  }

  private evaluate(trigger: Trigger, force = false): MonitorState | null {
    if (!this.evidence || !this.settings || this.stopped) return this.state;
    const report = this.checker.report(this.evidence, this.settings, this.containers);
    const now = Date.now();
    if (report.verdict === 'pending-restart') {
      const key = `${report.desired.eci}/${report.desired.source}`;
      if (!this.pending || this.pending.key !== key) this.pending = { key, since: now };
    } else if (report.verdict !== 'engine-unreachable' && report.verdict !== 'unknown') {
      this.pending = null;
    }
    // Said only when Desktop's processes show it kept running since the change, or cannot be seen (report.restart).
    const restartedWhilePending = report.verdict === 'pending-restart' && !!this.pending && this.lastEngineBack > this.pending.since && report.restart?.relation !== 'started-after-change';
    const reconnecting = !this.connection.connected && this.connection.lostSince !== null && report.verdict !== 'engine-unreachable';
    const advice = adviceFor({
      verdict: report.verdict,
      restartedWhilePending,
      problems: report.settingsProblems,
      reconnecting,
      paused: report.engine.paused === true,
      userSetting: report.desired.source === 'user' && !report.desired.contested,
    });
    const candidate = {
      advice,
      engine: { ...this.connection },
      verifiedAt: this.evidence.probe ? this.evidence.at : (this.state?.verifiedAt ?? null),
      probeRuns: this.checker.probeRuns,
      report,
    };
    const changed = changesBetween(this.state, candidate);
    if (changed.length === 0 && !force) return this.state;
    const at = new Date(now).toISOString();
    const verdictSince = this.state && this.state.report.verdict === report.verdict ? this.state.verdictSince : at;
    const state: MonitorState = { seq: ++this.seq, at, trigger, changed, verdictSince, ...candidate };
    this.state = state;
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (err) {
        this.log(`a state listener failed: ${errorText(err)}`);
      }
    }
    return state;
  }
}
