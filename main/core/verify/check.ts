// One full check: settings, engine identity, probe, unprotected containers, verdict. The
// EciChecker keeps its engine connection and inspect cache between checks and exposes each part
// (the monitor refreshes them separately); runCheck is the one-shot form the CLI uses.

import { InspectCache, listContainersOutsideEci } from './containers';
import { desktopContextOf } from './desktop-owned';
import { hostConnectionOptions, resolveHostEndpoint } from '../engine/docker-context';
import { EngineClient, type EngineClientOptions } from '../engine/engine-client';
import { EngineError, formatMs } from '../engine/engine-errors';
import { errorText } from '../error-text';
import {
  desktopProcessPort,
  notVisible,
  type DesktopProcesses,
  type DesktopProcessPort,
} from '../desktop/desktop-processes';
import { identify } from './identity';
import { restartEvidence } from './restart-evidence';
import { settingChangedAtMs } from '../settings/setting-changed';
import type { CheckReport, Endpoint } from '../model';
import { DEFAULT_PROBE_IMAGE, ensureProbeImage, runProbe, WAKE_ALLOWANCE_MS } from './probe';
import { sweepLeftoverProbes } from './probe-containers';
import {
  assembleReport,
  unidentifiedEngine,
  unreachableEvidence,
  type ContainerEvidence,
  type EngineEvidence,
  type ProbeOutcome,
} from './assemble-report';
import type { FileOwner } from '../store/owned-file';
import {
  hostPathContext,
  loadSettings,
  type SettingsOverrides,
  type SettingsSnapshot,
} from '../settings/load-settings';

export const DEFAULT_CHECK_TIMEOUT_MS = 60_000;
export const PING_TIMEOUT_MS = 5_000;
/** The engine's answer to a create whose image is not there. */
const NO_SUCH_IMAGE = /no such image/i;
export { WAKE_ALLOWANCE_MS } from './probe';

export interface CheckConfig extends SettingsOverrides {
  dockerHost?: string;
  probeImage?: string;
  /** Upper bound for one whole check. */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  /** Whose docker configuration, Desktop socket and settings files to read (default: this process's user). */
  home?: string;
  /** That user, when it is another one (--for-user as root): their files are read as theirs (owned-file.ts). */
  owner?: FileOwner | null;
  /** Told what a slow step is waiting for (e.g. Docker Desktop waking from Resource Saver). */
  onProgress?: (message: string) => void;
  /** Records the engine calls (eci-tray doctor); see main/core/trace/. */
  recorder?: EngineClientOptions['recorder'];
  /** How Docker Desktop's processes are read (default: from this host, for the user whose home is read). */
  desktopProcesses?: DesktopProcessPort;
}

/** No engine client could be made (a DOCKER_HOST or context that does not resolve): why. */
export class NoEngineError extends Error {
  override name = 'NoEngineError';
}

export class EciChecker {
  readonly endpoint: Endpoint | null;
  /** The client, or why it could not be made: one of the two is null, never both. */
  private readonly client: EngineClient | null;
  private readonly endpointError: string | null;
  private readonly inspectCache = new InspectCache();
  private readonly processPort: DesktopProcessPort;
  /** Probe runs started by this checker (the monitor's benchmark counts them). */
  probeRuns = 0;
  /** When the monitor last saw a settings file change (epoch ms): counts even when a tool kept the file's old mtime. */
  settingsChangeSeenAt: number | null = null;

  constructor(readonly config: CheckConfig = {}) {
    const timeoutMs = config.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    let endpoint: Endpoint | null = null;
    let client: EngineClient | null = null;
    let error: string | null = null;
    try {
      const owner = config.owner ?? null;
      endpoint = resolveHostEndpoint(config.dockerHost, config.env ?? process.env, config.home, owner);
      client = new EngineClient({
        connection: hostConnectionOptions(endpoint, config.env ?? process.env, config.home, owner),
        callTimeoutMs: Math.min(10_000, timeoutMs),
        ...(config.recorder ? { recorder: config.recorder } : {}),
      });
    } catch (err) {
      error = errorText(err);
    }
    this.endpoint = endpoint;
    this.client = client;
    this.endpointError = client ? null : (error ?? 'no endpoint');
    this.processPort =
      config.desktopProcesses ??
      desktopProcessPort({ endpoint: endpoint?.url ?? null, home: config.home, env: config.env });
  }

  /** Docker Desktop's processes on this host and the oldest one's start (never throws). */
  desktopProcesses(): Promise<DesktopProcesses> {
    return this.processPort().catch((err: unknown) =>
      notVisible(`Docker Desktop's processes could not be read: ${errorText(err)}`),
    );
  }

  /** The engine client; throws NoEngineError with the reason it could not be made. */
  engine(): EngineClient {
    if (!this.client) throw new NoEngineError(this.endpointError ?? 'no endpoint');
    return this.client;
  }

  /** Why no engine client could be made, or null when there is one. */
  get engineError(): string | null {
    return this.endpointError;
  }

  get probeImage(): string {
    return this.config.probeImage || DEFAULT_PROBE_IMAGE;
  }

  get timeoutMs(): number {
    return this.config.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  }

  close(): void {
    this.client?.close();
  }

  readSettings(): Promise<SettingsSnapshot> {
    return loadSettings(
      this.config,
      this.config.home ? hostPathContext(this.config.home, this.config.env, this.config.owner ?? null) : undefined,
    );
  }

  /**
   * Whether the engine answers a ping; the error text when it does not. A ping that times out
   * (rather than finding no socket or being refused, which answer at once) may be Docker Desktop
   * holding the call while its VM wakes from Resource Saver: it is given up to `wakeMs` in all,
   * said through onProgress, before the engine counts as unreachable.
   */
  async ping(timeoutMs = PING_TIMEOUT_MS, wakeMs = WAKE_ALLOWANCE_MS): Promise<string | null> {
    if (!this.client) return this.endpointError ?? 'no endpoint';
    // At most half the check's time: an engine that does not answer is reported as such
    // within the check's timeout, not as a check that ran out of time.
    const cap = this.timeoutMs / 2;
    const first = Math.min(timeoutMs, cap);
    try {
      await this.client.ping(first);
      return null;
    } catch (err) {
      const more = Math.min(wakeMs, cap) - first;
      if (!(err instanceof EngineError && err.kind === 'timeout') || more <= 0) return errorText(err);
      this.config.onProgress?.(
        `Docker Desktop did not answer within ${formatMs(first)}: waiting up to ${formatMs(more)} more for it to wake up (Resource Saver)`,
      );
    }
    try {
      await this.client.ping(Math.min(wakeMs, cap) - first);
      return null;
    } catch (err) {
      return errorText(err);
    }
  }

  /** Removes leftover probe containers (see sweepLeftoverProbes); never fails. */
  async sweep(): Promise<string[]> {
    if (!this.client) return [];
    return sweepLeftoverProbes(this.client).catch(() => []);
  }

  /**
   * Identity and the four probe checks, sweeping leftover probes alongside. Nothing waits for
   * the ping except what creates containers: identity and the sweep's list go out with it (a fresh process saves a round trip), and an engine that does not
   * answer the ping is reported as unreachable without any probe container having been created.
   */
  async verifyEngine(settings: SettingsSnapshot, started = Date.now()): Promise<EngineEvidence> {
    const client = this.client;
    const at = () => new Date().toISOString();
    if (!client) return unreachableEvidence(this.endpointError ?? 'no endpoint', at());
    const ping = this.ping();
    const reachable = ping.then((down) => down === null);

    // Every verification sweeps leftovers (one filtered list call): a probe whose removal failed
    // because the engine went away mid-run is removed once the engine is back.
    const sweep = this.sweep();
    const readIdentity = () =>
      Promise.all([client.version(), client.info()]).then(
        ([version, info]): Pick<EngineEvidence, 'engine' | 'identityError' | 'engineId'> => ({
          engine: identify(version, info),
          engineId: engineIdOf(info),
        }),
        (err: unknown) => ({
          engine: unidentifiedEngine(),
          identityError: `could not read the engine's identity: ${errorText(err)}`,
        }),
      );
    // Sent alongside the ping; read again once the ping answered if it failed meanwhile (a Desktop
    // waking from Resource Saver may hold the first calls longer than a call's timeout).
    const identity = readIdentity().then(async (id) =>
      id.identityError && (await ping) === null ? readIdentity() : id,
    );
    const probe = (async (): Promise<ProbeOutcome | null> => {
      try {
        if (!(await reachable)) return null;
        this.probeRuns++;
        const probe = () =>
          runProbe(client, {
            image: this.probeImage,
            socketMountAllowList: settings.socketMountAllowList ?? settings.adminPolicy?.socketMountImages ?? [],
            engineIsDesktop: identity.then((id) => id.engine.desktop === true),
          });
        // Created directly (no image lookup first: a round trip on every check); an image that
        // is not there is pulled, and the whole probe runs again on it.
        const first = await probe();
        if (!first.some((c) => c.result === 'error' && NO_SUCH_IMAGE.test(c.observation))) return { checks: first };
        const remaining = Math.max(1_000, this.timeoutMs - (Date.now() - started) - 5_000);
        await ensureProbeImage(client, this.probeImage, remaining);
        return { checks: await probe() };
      } catch (err) {
        return { failure: errorText(err) };
      }
    })();
    const down = await ping;
    if (down !== null) {
      // Only reads went out; let them settle in the background, never reported.
      void Promise.allSettled([identity, probe, sweep]);
      return unreachableEvidence(down, at());
    }
    const [id, probeResult, desktop] = await Promise.all([identity, probe, this.desktopProcesses(), sweep]);
    return { ...id, probe: probeResult ?? { failure: 'the engine did not answer' }, at: at(), desktop };
  }

  /**
   * The user's containers not running under sysbox-runc (cached inspects: cheap to repeat);
   * `settings` say whether Kubernetes is on, which Desktop's Kubernetes containers need.
   */
  async listContainers(settings?: Pick<SettingsSnapshot, 'kubernetesEnabled'>): Promise<ContainerEvidence> {
    if (!this.client) return { list: [], error: this.endpointError ?? 'no endpoint' };
    try {
      return await listContainersOutsideEci(this.client, this.inspectCache, desktopContextOf(settings));
    } catch (err) {
      return { list: [], error: errorText(err) };
    }
  }

  report(
    evidence: EngineEvidence,
    settings: SettingsSnapshot,
    containers: ContainerEvidence,
    durationMs = 0,
  ): CheckReport {
    const changed = settingChangedAtMs(settings.desired, this.settingsChangeSeenAt);
    const restart =
      evidence.desktop === undefined ? null : restartEvidence({ desktop: evidence.desktop, changedAtMs: changed });
    return assembleReport({
      endpoint: this.endpoint,
      probeImage: this.probeImage,
      evidence,
      settings,
      containers,
      durationMs,
      restart,
    });
  }

  /** A complete check, bounded by the configured timeout. */
  async check(): Promise<CheckReport> {
    const started = Date.now();
    const settingsP = this.readSettings();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<[EngineEvidence, ContainerEvidence]>((resolve) => {
      timer = setTimeout(
        () =>
          resolve([
            {
              engine: unidentifiedEngine(),
              identityError: `the check did not finish within ${Math.round(this.timeoutMs / 1000)} s`,
              probe: null,
              at: new Date().toISOString(),
            },
            { list: [] },
          ]),
        this.timeoutMs,
      );
    });
    try {
      const work = settingsP.then((settings) =>
        Promise.all([this.verifyEngine(settings, started), this.listContainers(settings)]).then(
          ([evidence, containers]): [EngineEvidence, ContainerEvidence] => [
            evidence,
            evidence.engine.reachable ? containers : { list: [] },
          ],
        ),
      );
      const [evidence, containers] = await Promise.race([work, deadline]);
      return this.report(evidence, await settingsP, containers, Date.now() - started);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The engine's ID from /info, or null when it gives none. */
export function engineIdOf(info: Record<string, unknown>): string | null {
  return typeof info['ID'] === 'string' && info['ID'] !== '' ? info['ID'] : null;
}

/** One check with a fresh connection, closed afterwards: the CLI's form. */
export async function runCheck(config: CheckConfig = {}): Promise<CheckReport> {
  const checker = new EciChecker(config);
  try {
    return await checker.check();
  } finally {
    checker.close();
  }
}
