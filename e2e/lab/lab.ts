// The engine lab's API for tests and tools. A lab is a folder: its state file lets the test
// process, `npm run lab` and the docker-desktop plugin (run by the product through the docker CLI)
// all drive the same engine. Teardown leaves no daemon, mount or folder behind.

import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon, stopDaemon, waitForSocket } from './daemon';
import type { RefusalMoment } from './desktop-refusals';
import { modeAtStart, socketAllowListAtStart } from './desktop-settings';
import {
  DESKTOP_PAUSED_MESSAGE,
  desktopMoodFile,
  readDesktopMood,
  readRequestLog,
  requestLogFile,
  RESOURCE_SAVER_PERSONALITIES,
  RUNNING,
  writeDesktopMood,
  type DesktopMood,
  type LoggedRequest,
  type ResourceSaverPersonality,
  type SleepingStreams,
} from './desktop-states';
import { compiledEntry, LAB_DIR_PREFIX, labPaths, type LabMode, type LabPaths } from './lab-paths';
import { unmountAllUnder } from './mounts';
import { markPreEciContainers } from './pre-eci-containers';
import { importProbeImage, LAB_PROBE_IMAGE } from './probe-image';
import { ensureLabPrerequisites, ensureRemapUser } from './prerequisites';
import { isAlive, isOurs, spawnDetached, stopProcess } from './processes';
import { installDesktopPlugin } from './desktop-plugin-install';
import { sweepStaleLabs, tearDownLab } from './lab-teardown';
import { killStragglers } from './stragglers';
import type { LabOptions, LabState } from './lab-state';

export type { LabOptions, LabState } from './lab-state';

export const DEFAULT_DESKTOP_VERSION = '4.37.1';

export class Lab {
  private constructor(
    readonly paths: LabPaths,
    private state: LabState,
  ) {}

  /** Creates a lab in a private temp folder and starts its engine. */
  static async start(options: LabOptions): Promise<Lab> {
    ensureLabPrerequisites();
    const range = ensureRemapUser();
    const root = mkdtempSync(join(tmpdir(), LAB_DIR_PREFIX));
    // The remapped engine's root (uid 100000) must be able to traverse to its data.
    chmodSync(root, 0o755);
    const paths = labPaths(root);
    const lab = new Lab(paths, {
      root,
      owner: options.persistent ? null : process.pid,
      mode: null,
      lastMode: options.mode,
      desktopVersion: options.desktopVersion ?? DEFAULT_DESKTOP_VERSION,
      proxy: options.proxy ?? true,
      ...(options.refuseAt ? { refuseAt: options.refuseAt } : {}),
      daemonPid: null,
      proxyPid: null,
      range,
      cgroupParent: `/${root.split('/').pop()}`,
      imageImported: false,
    });
    for (const dir of [paths.logs, join(paths.adminSettings, '..'), join(paths.dockerConfig, 'cli-plugins')])
      mkdirSync(dir, { recursive: true });
    installDesktopPlugin(paths);
    lab.save();
    try {
      await lab.startEngine(options.mode);
    } catch (err) {
      await lab.teardown();
      throw err;
    }
    return lab;
  }

  /** Opens a lab another process started. */
  static open(root: string): Lab {
    const paths = labPaths(root);
    if (!existsSync(paths.state)) throw new Error(`lab: no lab at ${root} (no ${paths.state})`);
    return new Lab(paths, JSON.parse(readFileSync(paths.state, 'utf8')) as LabState);
  }

  get root(): string {
    return this.paths.root;
  }
  get mode(): LabMode | null {
    return this.reload().mode;
  }
  get desktopVersion(): string {
    return this.reload().desktopVersion;
  }
  /** The endpoint the product talks to: the Desktop proxy (or the engine when there is none). */
  get dockerHost(): string {
    return `unix://${this.state.proxy ? this.paths.desktopSocket : this.paths.engineSocket}`;
  }
  /** The raw engine, without the Desktop personality. */
  get engineHost(): string {
    return `unix://${this.paths.engineSocket}`;
  }
  get probeImage(): string {
    return LAB_PROBE_IMAGE;
  }

  /** Environment for the docker CLI and the product: engine endpoint and the plugin's config. */
  /**
   * The environment the product runs with against this lab. Its own state folder: the product's
   * locks (one cleanup, one relaunch at a time across processes) are per state folder, and labs
   * run side by side.
   */
  env(): Record<string, string> {
    return {
      DOCKER_HOST: this.dockerHost,
      DOCKER_CONFIG: this.paths.dockerConfig,
      ECI_TRAY_STATE_DIR: join(this.paths.root, 'product-state'),
    };
  }

  /** The product flags that point it at this lab's engine and "Desktop" settings files. */
  productArgs(): string[] {
    return [
      '--docker-host',
      this.dockerHost,
      '--admin-settings',
      this.paths.adminSettings,
      '--user-settings',
      this.paths.userSettings,
      '--probe-image',
      this.probeImage,
    ];
  }

  private reload(): LabState {
    try {
      this.state = JSON.parse(readFileSync(this.paths.state, 'utf8')) as LabState;
    } catch {
      // Keep what we had (the folder may be mid-teardown).
    }
    return this.state;
  }

  private save(): void {
    const tmp = `${this.paths.state}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.paths.state);
  }

  private update(patch: Partial<LabState>): void {
    this.reload();
    this.state = { ...this.state, ...patch };
    this.save();
  }

  // --- "Docker Desktop" lifecycle -------------------------------------------------------------

  /** Starts the engine (and the Desktop proxy) in a mode. */
  async startEngine(mode: LabMode): Promise<void> {
    const state = this.reload();
    if (state.mode !== null && state.daemonPid !== null && isAlive(state.daemonPid))
      throw new Error(`lab: the engine is already running (ECI ${state.mode})`);
    const hostUserns = this.markPreEciContainers(mode);
    const daemonPid = await startDaemon(this.paths, mode, state.range, state.cgroupParent);
    this.update({ daemonPid, mode, lastMode: mode });
    if (!state.imageImported) {
      await importProbeImage(this.paths, this.paths.engineSocket, state.range);
      this.update({ imageImported: true });
    }
    if (state.proxy) await this.startProxy(mode, hostUserns);
  }

  /** See markPreEciContainers (pre-eci-containers.ts); the marked ids are kept in the lab state. */
  private markPreEciContainers(mode: LabMode): string[] {
    const list = markPreEciContainers(
      join(this.paths.offData, 'containers'),
      mode,
      this.reload().hostUsernsContainers ?? [],
    );
    this.update({ hostUsernsContainers: list });
    return list;
  }

  private async startProxy(mode: LabMode, hostUsernsContainers: string[]): Promise<void> {
    const entry = compiledEntry('proxy-main');
    if (!existsSync(entry)) throw new Error(`lab: ${entry} is missing; run "npm run build" first`);
    rmSync(this.paths.desktopSocket, { force: true });
    const config = {
      listenSocket: this.paths.desktopSocket,
      engineSocket: this.paths.engineSocket,
      mode,
      version: this.reload().desktopVersion,
      ...(this.reload().kernelVersion ? { kernelVersion: this.reload().kernelVersion } : {}),
      socketMountAllowList: socketAllowListAtStart(this.paths.adminSettings, this.paths.userSettings),
      hideHostUserns: hostUsernsContainers,
      ...(this.reload().refuseAt ? { refuseAt: this.reload().refuseAt } : {}),
      moodFile: desktopMoodFile(this.paths.root),
      requestLog: requestLogFile(this.paths.root),
    };
    // A full quit ends a pause (Resource Saver, a setting, stays as it was).
    if (readDesktopMood(config.moodFile).state === 'paused') writeDesktopMood(config.moodFile, RUNNING);
    const log = join(this.paths.logs, 'proxy.log');
    const proxyPid = spawnDetached(process.execPath, [entry, JSON.stringify(config)], log);
    this.update({ proxyPid });
    await waitForSocket(this.paths.desktopSocket, proxyPid, log, 'the Docker Desktop proxy', 20_000);
  }

  /** Stops "Docker Desktop": the proxy's socket goes away and the engine shuts down. */
  async stopEngine(): Promise<void> {
    const state = this.reload();
    if (state.proxyPid !== null) await stopProcess(state.proxyPid, this.paths.desktopSocket, 5_000);
    rmSync(this.paths.desktopSocket, { force: true });
    // The engine's own shutdown stops the containers, as quitting Desktop does: containers with a
    // restart policy come back with it. (Each waits its stop timeout: tests give theirs 1 s.)
    if (state.daemonPid !== null) await stopDaemon(state.daemonPid, this.paths);
    await killStragglers(this.paths, this.state.cgroupParent);
    // With the engine gone, every mount under the lab is ours to remove: the remapped-root bind
    // mount and whatever a killed engine left (its data-root propagation mount, shm, netns).
    unmountAllUnder(this.paths.root);
    this.update({ mode: null, daemonPid: null, proxyPid: null });
  }

  /** Full quit and relaunch into an explicit mode. */
  async switchTo(mode: LabMode): Promise<void> {
    await this.stopEngine();
    await this.startEngine(mode);
  }

  /** Full quit and relaunch as Docker Desktop does it: the settings files decide the mode. */
  async relaunch(): Promise<LabMode> {
    await this.stopEngine();
    const mode = this.modeFromSettings();
    await this.startEngine(mode);
    return mode;
  }

  /**
   * A restart from the Docker menu: the engine restarts in the mode it had; settings are not
   * re-read, and "Desktop's process" (the proxy, which serves the engine socket as
   * com.docker.backend does) keeps running: only a full quit starts a new one.
   */
  async menuRestart(): Promise<void> {
    const state = this.reload();
    const mode = state.mode ?? state.lastMode;
    if (state.mode === null || !state.proxy || state.proxyPid === null || !isAlive(state.proxyPid)) {
      await this.stopEngine();
      await this.startEngine(mode);
      return;
    }
    if (state.daemonPid !== null) await stopDaemon(state.daemonPid, this.paths);
    await killStragglers(this.paths, state.cgroupParent);
    unmountAllUnder(this.paths.root);
    this.update({ daemonPid: null });
    this.markPreEciContainers(mode);
    const daemonPid = await startDaemon(this.paths, mode, state.range, state.cgroupParent);
    this.update({ daemonPid, mode, lastMode: mode });
  }

  /** PID of the lab's "Docker Desktop" process (its proxy); null while it is quit. */
  get desktopPid(): number | null {
    return this.reload().proxyPid;
  }

  /** Kills the engine outright (SIGKILL), as a crash would: no shutdown, containers left as they were. */
  killEngine(): void {
    const pid = this.reload().daemonPid;
    if (pid !== null && isOurs(pid, this.paths.daemonConfig)) process.kill(pid, 'SIGKILL');
  }

  /** After a crash (or a relaunch interrupted by one): clean up whatever is left and start in `mode`. */
  async recover(mode: LabMode): Promise<void> {
    await this.stopEngine();
    await this.startEngine(mode);
  }

  /** The mode the lab's Desktop would start in now (throws when admin-settings.json is invalid). */
  modeFromSettings(): LabMode {
    return modeAtStart(this.paths.adminSettings, this.paths.userSettings);
  }

  // --- Desktop's moods: paused by hand, Resource Saver (see desktop-states.ts) ---------------

  /** Desktop's error text while paused by hand. */
  static readonly pausedMessage = DESKTOP_PAUSED_MESSAGE;

  /** Pauses "Docker Desktop" by hand: new calls get its "manually paused" error (HTTP `status`). */
  pause(status = 500): void {
    writeDesktopMood(desktopMoodFile(this.paths.root), { state: 'paused', status });
  }

  /** Resumes a paused (or sleeping) Desktop: calls pass through again. */
  unpause(): void {
    writeDesktopMood(desktopMoodFile(this.paths.root), RUNNING);
  }

  /**
   * Resource Saver: the VM stops now (and again after each `quietMs` without calls); the first
   * call after that waits `wakeMs` while it starts. `events`: what event streams do meanwhile.
   */
  sleep(options: { quietMs: number; wakeMs: number; wakeOn?: 'any' | 'containers'; events?: SleepingStreams }): void {
    writeDesktopMood(desktopMoodFile(this.paths.root), { state: 'sleeping', ...options, asleepSince: Date.now() });
  }

  /** Resource Saver with one of the plausible behaviours (RESOURCE_SAVER_PERSONALITIES). */
  sleepAs(personality: ResourceSaverPersonality, options: { quietMs: number; wakeMs: number }): void {
    this.sleep({ ...options, ...RESOURCE_SAVER_PERSONALITIES[personality] });
  }

  /** The requests logged after index `from` of `kind` (the VM's wakes, stops, ended streams). */
  logged(kind: LoggedRequest['kind'], from = 0): LoggedRequest[] {
    return this.requests()
      .slice(from)
      .filter((r) => r.kind === kind);
  }

  get desktopMood(): DesktopMood {
    return readDesktopMood(desktopMoodFile(this.paths.root));
  }

  /** Every call the Desktop proxy received (and each wake-up and paused answer), oldest first. */
  requests(): LoggedRequest[] {
    return readRequestLog(requestLogFile(this.paths.root));
  }

  get refuseAt(): RefusalMoment | undefined {
    return this.reload().refuseAt;
  }

  /**
   * Changes when "Desktop" refuses host namespaces and the socket mount: the proxy is restarted
   * (the engine and its containers keep running; like a Desktop start it re-reads the admin
   * socket-mount allow list; containers the old proxy would have refused at start are forgotten).
   */
  async setRefusalMoment(refuseAt: RefusalMoment | undefined): Promise<void> {
    const state = this.reload();
    const { refuseAt: _old, ...rest } = state;
    this.state = refuseAt ? { ...rest, refuseAt } : rest;
    this.save();
    if (!state.proxy || state.mode === null) return;
    if (state.proxyPid !== null) await stopProcess(state.proxyPid, this.paths.desktopSocket, 5_000);
    await this.startProxy(state.mode, state.hostUsernsContainers ?? []);
  }

  /**
   * Reported by the proxy from its next start on: "4.37.1" gets a build number, a version given
   * with its build ("4.0.0 ()", "4.12.0 (85629)") is reported exactly as given. `kernelVersion`:
   * the kernel of Desktop's VM in /info (WSL 2's, to play that backend).
   */
  setDesktopVersion(version: string, kernelVersion?: string): void {
    this.update({ desktopVersion: version, ...(kernelVersion ? { kernelVersion } : {}) });
  }

  // --- Desktop's settings files --------------------------------------------------------------

  writeAdminSettings(content: unknown): void {
    writeFileSync(this.paths.adminSettings, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }

  writeAdminPolicy(value: boolean, locked = true, extra: Record<string, unknown> = {}): void {
    this.writeAdminSettings({ configurationFileVersion: 2, enhancedContainerIsolation: { value, locked, ...extra } });
  }

  removeAdminSettings(): void {
    rmSync(this.paths.adminSettings, { force: true, recursive: true });
  }

  writeUserSettings(content: unknown): void {
    writeFileSync(this.paths.userSettings, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }

  // --- teardown ------------------------------------------------------------------------------

  /** Stops everything this lab started, unmounts what it mounted and deletes its folder. */
  async teardown(): Promise<void> {
    if (!existsSync(this.paths.root)) return;
    await tearDownLab(this.paths, this.reload());
  }

  /** Tears down labs whose owning process is gone (a crashed test run). Hand-started labs are kept. */
  static async sweepStale(): Promise<string[]> {
    return sweepStaleLabs((root) => {
      const lab = Lab.open(root);
      return { owner: lab.reload().owner, teardown: () => lab.teardown() };
    });
  }
}
