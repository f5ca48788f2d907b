// The long-running monitor. It reacts to what changes instead of probing in a loop: the engine's
// event stream (containers come and go; the engine goes and comes back), folder watches on the
// settings files, a slow safety re-verification (daily by default) and on-demand checks. At rest
// it sends the engine nothing but the open stream, so Docker Desktop's Resource Saver can sleep.
// Probe containers run only when the effective state could have changed: an ECI value changed,
// an engine back whose facts changed (change-facts.ts), the safety interval, or the user asking.
// A stream that ends quietly again is parked (engine-watch.ts) until a host fact changes or the
// daily check runs. Never two probes at once. An engine that goes away is "unreachable" only
// after a grace period (engine-connection.ts). Every change is emitted as a MonitorState.

import type { EciChecker } from '../verify/check';
import { errorText } from '../error-text';
import { unreachableEvidence, type ContainerEvidence, type EngineEvidence } from '../verify/assemble-report';
import { settingsPaths } from '../settings/load-settings';
import {
  changedFacts,
  eciSettingsKey,
  probeNeeded,
  reconnectLine,
  type ChangeFacts,
  type ReconnectFacts,
} from './change-facts';
import { EngineWatch } from './engine-watch';
import { localSocketPath, readDesktopStart, readEngineId } from './host-facts';
import type { MonitorState, Trigger } from './monitor-state';
import { nextState, type PendingSince } from './next-state';
import { DEFAULT_GRACE_MS, DEFAULT_INTERVAL_MS, type MonitorOptions } from './monitor-options';
import { EngineConnectionClock } from './engine-connection';
import { gatherEvidence } from './gather-evidence';
import { LatestSettings } from './latest-settings';
import { SettingsWatcher } from './settings-watcher';
import { SingleFlight } from './single-flight';

export { DEFAULT_GRACE_MS, DEFAULT_INTERVAL_MS, type MonitorOptions } from './monitor-options';

type Listener = (state: MonitorState) => void;

export class Monitor {
  private readonly listeners = new Set<Listener>();
  private readonly verifier: SingleFlight<MonitorState | null>;
  private readonly settingsWatcher: SettingsWatcher;
  /** The engine socket's folder: Desktop makes the socket anew at each start (host fact, no engine call). */
  private readonly socketWatcher: SettingsWatcher | null;
  private readonly engineWatch: EngineWatch | null;
  private evidence: EngineEvidence | null = null;
  private readonly settings: LatestSettings;
  private containers: ContainerEvidence = { list: [] };
  // Optimistic until the event stream says otherwise; the first verification tells the truth.
  private readonly connection: EngineConnectionClock;
  private state: MonitorState | null = null;
  private pending: PendingSince | null = null;
  /** The facts when a probe last ran: a reconnection probes only when they changed. */
  private verifiedFacts: ChangeFacts | null = null;
  private lastEngineBack = 0;
  /** The engine came back and its evidence is not verified yet: container events wait for it. */
  private returnUnverified = false;
  private nextTrigger: Trigger = 'start';
  private stopped = false;
  private started = false;
  private containerTimer: NodeJS.Timeout | null = null;
  private intervalTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly checker: EciChecker,
    private readonly options: MonitorOptions = {},
  ) {
    this.verifier = new SingleFlight(() => this.verifyNow());
    this.settings = new LatestSettings(() => checker.readSettings());
    this.connection = new EngineConnectionClock(options.graceMs ?? DEFAULT_GRACE_MS, () => this.onGraceOver());
    const paths = settingsPaths(checker.config);
    this.settingsWatcher = new SettingsWatcher(
      [paths.admin, ...paths.user],
      () => void this.onSettingsChanged(),
      options.settingsDebounceMs ?? 100,
    );
    const socket = localSocketPath(checker.endpoint?.url);
    this.socketWatcher = socket ? new SettingsWatcher([socket], () => this.onSocketChanged(), 100) : null;
    this.engineWatch =
      checker.engineError === null
        ? new EngineWatch(
            checker.engine(),
            {
              onUp: (after) => this.onEngineUp(after),
              onDown: (error) => this.onEngineDown(error),
              onContainerEvent: () => this.onContainerEvent(),
              onReopened: () => this.onStreamReopened(),
            },
            {
              ...(options.backoff ? { backoff: options.backoff } : {}),
              ...(options.streamEndBackoff ? { streamEndBackoff: options.streamEndBackoff } : {}),
              heartbeatMs: options.heartbeatMs ?? 0,
              log: this.log,
            },
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
    this.socketWatcher?.start();
    this.engineWatch?.start();
    const every = this.options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.intervalTimer = setInterval(() => void this.requestVerify('interval'), every);
    return this.requestVerify('start');
  }

  /** The user asked for a check: always emits a state, even if nothing changed. */
  check(): Promise<MonitorState | null> {
    return this.requestVerify('request');
  }

  /** The system woke or the screen was unlocked: nothing is sent to a local engine (it could wake Desktop's VM);
   * a remote one's stale connection is reopened. A probe runs only if a fact changed (change-facts.ts). */
  resumed(): void {
    if (this.stopped) return;
    const url = this.checker.endpoint?.url ?? '';
    if (this.engineWatch && !/^(unix|npipe):/.test(url)) this.engineWatch.reconnect();
    else void this.afterReconnect('resumed');
  }

  /** How many event streams in a row the engine ended with no event between. */
  get streamEndsInARow(): number {
    return this.engineWatch?.streamEndsInARow ?? 0;
  }

  /** Whether the event stream is parked (Resource Saver likely; nothing is sent). */
  get streamParked(): boolean {
    return this.engineWatch?.parked ?? false;
  }

  /** Stops everything; an in-flight probe finishes (and removes its containers) first. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of [this.containerTimer, this.intervalTimer]) if (t) clearTimeout(t);
    this.connection.stop();
    this.settingsWatcher.stop();
    this.socketWatcher?.stop();
    await this.engineWatch?.stop();
    await this.verifier.idle();
    // A probe whose removal failed earlier (engine away mid-run) is removed on the way out.
    await this.checker.sweep();
    this.checker.close();
  }

  private log = (message: string): void => this.options.log?.(message);

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
      const [read, desktopStart] = await Promise.all([this.settings.read(), this.readDesktopStart()]);
      const settings = read.settings;
      const { evidence, containers, lookedAt } = await gatherEvidence(this.checker, settings, {
        settle: trigger === 'engine-back',
        sinceEngineStartMs: Date.now() - this.lastEngineBack,
        stopped: () => this.stopped,
        away: () => this.connection.away,
        log: this.log,
      });
      read.keep();
      if (!evidence.engine.reachable && this.evidence && this.lastEngineBack > lookedAt) {
        // Looked while the engine was away, and it came back since: its return verifies anew.
        return this.evaluate(trigger, trigger === 'request');
      }
      const gone = !evidence.engine.reachable && !evidence.engine.paused; // paused: Desktop answered so
      if (gone && this.evidence?.engine.reachable && this.connection.lost()) {
        // Gone before the event stream said so: a stream the engine ends is reopened a second
        // later, and only that attempt fails. The grace period starts here, as it would there.
        this.log(`verification found the engine away: ${evidence.engine.error ?? 'no answer'}`);
        this.wakeParkedStream();
      }
      if (!evidence.engine.reachable && this.connection.withinGrace() && this.evidence) {
        // Away, but not for long: keep the last verified evidence until the grace period ends.
        return this.evaluate(trigger, trigger === 'request');
      }
      this.evidence = evidence;
      this.containers = containers;
      if (lookedAt >= this.lastEngineBack) this.returnUnverified = false;
      if (evidence.engine.reachable && evidence.probe) {
        this.verifiedFacts = {
          engineId: evidence.engineId ?? null,
          desktopStart,
          eciSettings: eciSettingsKey(settings),
        };
        // The probe woke Desktop's VM anyway: a parked stream listens again until it next ends.
        if (this.engineWatch?.parked) {
          this.log(`${trigger} check ran: event stream reopened`);
          this.engineWatch.nudge();
        }
      }
      return this.evaluate(trigger, trigger === 'request' || trigger === 'start');
    } catch (err) {
      this.log(`verification failed: ${errorText(err)}`);
      this.returnUnverified = false;
      return this.state;
    }
  }

  private onEngineUp(after: number): void {
    if (!this.connection.back('if-away')) return; // first connection: the start-up verification covers it
    this.engineReturned();
    this.log(`engine back after ${after} ms`);
    void this.afterReconnect('restarted');
  }

  /**
   * The engine ended its stream while answering and a new one is open: its VM may have stopped
   * and started again (Resource Saver), or it restarted from Desktop's menu. Counted as a
   * restart (for the menu-restart advice), without a probe unless a fact changed. A
   * verification may have seen it away in between (engineLost): that ends here too.
   */
  private onStreamReopened(): void {
    if (this.stopped) return;
    this.connection.back('always');
    this.engineReturned();
    void this.afterReconnect('reopened');
  }

  /** Until its facts are compared, the evidence is the engine's before it went: with the new engine's
   * containers it could say "protected" of one relaunched with ECI off. Container events wait. */
  private engineReturned(): void {
    this.lastEngineBack = Date.now();
    this.returnUnverified = true;
  }

  private readDesktopStart = () => readDesktopStart(this.checker, this.options.desktopStart, this.log);

  /** The engine socket was made anew or removed (Desktop started or quit): a parked stream reopens. */
  private onSocketChanged(): void {
    if (this.stopped || !this.engineWatch?.parked) return;
    this.log('engine socket changed: event stream reopened');
    this.engineWatch.nudge();
  }

  /**
   * The stream is back (reopened after Resource Saver ended it, or the engine came back after
   * going away), or the system resumed: probe only when a fact changed; otherwise refresh the
   * container list (events may have been missed) and show what that changes.
   */
  private async afterReconnect(how: ReconnectFacts['how']): Promise<void> {
    if (this.stopped) return;
    try {
      const [read, desktopStart, engineId] = await Promise.all([
        this.settings.read(),
        this.readDesktopStart(),
        // At a resume nothing is asked of the engine: the call could wake Desktop's VM.
        how === 'resumed' || !this.engineWatch
          ? Promise.resolve(undefined)
          : readEngineId(this.checker, (m) => this.log(m)),
      ]);
      if (this.stopped) return;
      const settings = read.settings;
      const now: Partial<ChangeFacts> = {
        eciSettings: eciSettingsKey(settings),
        desktopStart,
        ...(engineId !== undefined ? { engineId } : {}),
      };
      const changes = changedFacts(this.verifiedFacts, now);
      const lastVerdict = this.verifiedFacts ? (this.state?.report.verdict ?? null) : null;
      const probe = probeNeeded({ how, changes, lastVerdict, desktopStartVisible: desktopStart !== null });
      this.log(reconnectLine(how, changes, { before: this.verifiedFacts?.engineId, now: engineId }, probe));
      if (changes.length) this.engineWatch?.nudge();
      if (probe) {
        void this.requestVerify(how === 'resumed' ? 'request' : 'engine-back');
        return;
      }
      if (how === 'resumed') return;
      read.keep();
      this.returnUnverified = false;
      await this.refreshContainers('engine-back');
    } catch (err) {
      this.log(`after the engine came back: ${errorText(err)}`);
      this.returnUnverified = false;
    }
  }

  private onEngineDown(error: string): void {
    if (this.stopped) return;
    this.log(`engine went away: ${error}`);
    // Already counted as away by a verification: its grace period goes on.
    if (!this.connection.lost()) return;
    this.wakeParkedStream();
    this.evaluate('engine-lost');
  }

  /** A parked stream would not see the engine come back: it tries again (and fails until then). */
  private wakeParkedStream(): void {
    if (this.engineWatch?.parked) this.engineWatch.nudge();
  }

  /** Still away at the end of the grace period: said in the words of a fresh attempt. */
  private onGraceOver(): void {
    void this.checker.ping().then((error) => {
      if (this.stopped || !this.connection.away) return;
      if (error === null) {
        // It answers, though no stream said so (a verification saw it away for a moment, or
        // the stream waits to reopen): verified again rather than called unreachable.
        this.log('engine answers again after the grace period: verifying');
        this.connection.back('never');
        this.engineWatch?.nudge();
        void this.requestVerify('engine-back');
        return;
      }
      this.evidence = unreachableEvidence(error);
      this.containers = { list: [] };
      this.evaluate('engine-unreachable');
    });
  }

  private onContainerEvent(): void {
    if (this.containerTimer) clearTimeout(this.containerTimer);
    this.containerTimer = setTimeout(() => {
      this.containerTimer = null;
      void this.refreshContainers();
    }, this.options.containerDebounceMs ?? 300);
  }

  private async refreshContainers(trigger: Trigger = 'containers'): Promise<void> {
    if (this.stopped || !this.evidence?.engine.reachable || this.returnUnverified) return;
    const containers = await this.checker.listContainers(this.settings.value ?? undefined);
    if (this.stopped) return;
    if (!containers.error)
      this.containers = containers; // a failed listing leaves the last good one
    else if (trigger === 'containers') return;
    this.evaluate(trigger);
  }

  private async onSettingsChanged(): Promise<void> {
    if (this.stopped) return;
    // Our own record of the change: Docker Desktop must start after it for the setting to apply.
    this.checker.settingsChangeSeenAt = Date.now();
    // A settings file cannot change the effective state on its own (that needs a relaunch), so
    // the new desired state is evaluated against the last evidence at once, then re-verified,
    // but only when an ECI value changed: Docker Desktop writes settings-store.json itself.
    const read = await this.settings.read();
    // A later change's read is shown already: that one decides.
    if (this.stopped || !read.keep()) return;
    const settings = read.settings;
    this.evaluate('settings');
    if (changedFacts(this.verifiedFacts, { eciSettings: eciSettingsKey(settings) }).length === 0) {
      this.log('settings files written: no ECI value changed, no probe');
      return;
    }
    this.engineWatch?.nudge();
    void this.requestVerify('settings');
  }

  private evaluate(trigger: Trigger, force = false): MonitorState | null {
    const settings = this.settings.value;
    if (!this.evidence || !settings || this.stopped) return this.state;
    const { state, pending } = nextState({
      report: this.checker.report(this.evidence, settings, this.containers),
      evidence: this.evidence,
      previous: this.state,
      pending: this.pending,
      connection: this.connection.state,
      lastEngineBack: this.lastEngineBack,
      probeRuns: this.checker.probeRuns,
      trigger,
      force,
      now: Date.now(),
    });
    this.pending = pending;
    if (!state) return this.state;
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
