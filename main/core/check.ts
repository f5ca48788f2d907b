// One full check: settings, engine identity, probe, unprotected containers, verdict. The
// EciChecker keeps its engine connection and inspect cache between checks (the monitor and the
// app reuse it); runCheck is the one-shot form the CLI uses.

import { listUnprotectedContainers, InspectCache } from './containers';
import { hostConnectionOptions, resolveHostEndpoint } from './docker-context';
import { EngineClient } from './engine-client';
import { EngineError } from './engine-errors';
import { nextStepsFor, notesFor } from './guidance';
import { identify } from './identity';
import type { Check, CheckReport, ContainerSummary, Endpoint, EngineIdentity } from './model';
import { DEFAULT_PROBE_IMAGE, ensureProbeImage, runProbe } from './probe';
import { sweepLeftoverProbes } from './probe-containers';
import { reportedDesired } from './settings/desired-state';
import { loadSettings, type SettingsOverrides } from './settings/load-settings';
import { decideVerdict } from './verdict';

export const DEFAULT_CHECK_TIMEOUT_MS = 60_000;
const PING_TIMEOUT_MS = 5_000;

export interface CheckConfig extends SettingsOverrides {
  dockerHost?: string;
  probeImage?: string;
  /** Upper bound for one whole check. */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
}

export class EciChecker {
  readonly endpoint: Endpoint | null;
  readonly client: EngineClient | null;
  private readonly endpointError: string | null;
  private readonly inspectCache = new InspectCache();
  private swept = false;

  constructor(readonly config: CheckConfig = {}) {
    const timeoutMs = config.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    let endpoint: Endpoint | null = null;
    let client: EngineClient | null = null;
    let error: string | null = null;
    try {
      endpoint = resolveHostEndpoint(config.dockerHost, config.env ?? process.env);
      client = new EngineClient({ connection: hostConnectionOptions(endpoint, config.env ?? process.env), callTimeoutMs: Math.min(10_000, timeoutMs) });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    this.endpoint = endpoint;
    this.client = client;
    this.endpointError = error;
  }

  get probeImage(): string {
    return this.config.probeImage || DEFAULT_PROBE_IMAGE;
  }

  close(): void {
    this.client?.close();
  }

  async check(): Promise<CheckReport> {
    const started = Date.now();
    const timeoutMs = this.config.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    const settings = loadSettings(this.config);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<Gathered>((resolve) => {
      timer = setTimeout(() => resolve({ engine: reachableUnknown(), identityError: `the check did not finish within ${Math.round(timeoutMs / 1000)} s`, probe: null, containers: [] }), timeoutMs);
    });
    try {
      const gathered = await Promise.race([this.gather(timeoutMs, started, settings), deadline]);
      return this.report(gathered, await settings, started);
    } finally {
      clearTimeout(timer);
    }
  }

  private async gather(timeoutMs: number, started: number, settingsP: ReturnType<typeof loadSettings>): Promise<Gathered> {
    const client = this.client;
    if (!client) return unreachable(this.endpointError ?? 'no endpoint');
    try {
      await client.ping(Math.min(PING_TIMEOUT_MS, timeoutMs));
    } catch (err) {
      return unreachable(err instanceof Error ? err.message : String(err));
    }

    const sweep = this.swept ? Promise.resolve() : sweepLeftoverProbes(client).then(() => { this.swept = true; }, () => undefined);
    const identity = Promise.all([client.version(), client.info()]).then(
      ([version, info]) => ({ engine: identify(version, info) }),
      (err: unknown) => ({ engine: reachableUnknown(), identityError: `could not read the engine's identity: ${errorText(err)}` }),
    );
    const settings = await settingsP;
    const probe = (async (): Promise<Gathered['probe']> => {
      try {
        const remaining = Math.max(1_000, timeoutMs - (Date.now() - started) - 5_000);
        await ensureProbeImage(client, this.probeImage, remaining);
        return { checks: await runProbe(client, { image: this.probeImage, socketMountAllowList: settings.adminPolicy?.socketMountImages ?? [] }) };
      } catch (err) {
        return { failure: errorText(err) };
      }
    })();
    const containers = listUnprotectedContainers(client, this.inspectCache).then(
      (list) => ({ list }),
      (err: unknown) => ({ error: errorText(err) }),
    );
    const [id, probeResult, containerResult] = await Promise.all([identity, probe, containers, sweep]);
    const gathered: Gathered = { ...id, probe: probeResult, containers: 'list' in containerResult ? containerResult.list : [] };
    if ('error' in containerResult) gathered.containersError = containerResult.error;
    return gathered;
  }

  private report(g: Gathered, settings: Awaited<ReturnType<typeof loadSettings>>, started: number): CheckReport {
    const probeChecks: Check[] = g.probe && 'checks' in g.probe ? g.probe.checks : [];
    let result = decideVerdict({ engine: g.engine, probe: g.probe, desired: settings.desired, unprotectedContainers: g.containers.length });
    if (g.identityError && g.engine.reachable) {
      result = { verdict: 'unknown', reason: `The check is incomplete: ${g.identityError}.`, effectiveEci: result.effectiveEci };
    } else if (g.containersError && result.effectiveEci === true && (result.verdict === 'protected' || result.verdict === 'unprotected-containers')) {
      // Never "protected" without having looked at the containers.
      result = { verdict: 'unknown', reason: `ECI is on, but the containers could not be listed: ${g.containersError}.`, effectiveEci: true };
    }
    const unprotected = result.effectiveEci === true ? g.containers : [];
    const guidanceInputs = {
      verdict: result.verdict,
      desired: settings.desired,
      engineDesktop: g.engine.desktop,
      probeImage: this.probeImage,
      unprotectedContainers: unprotected,
      problems: settings.problems,
      adminPolicy: settings.adminPolicy,
      platform: process.platform,
    };
    return {
      verdict: result.verdict,
      reason: result.reason,
      checkedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      endpoint: this.endpoint ?? { url: '', source: 'flag' },
      engine: g.engine,
      desired: reportedDesired(settings.desired, result.effectiveEci),
      effective: { eci: result.effectiveEci },
      checks: probeChecks,
      unprotectedContainers: unprotected,
      settingsFiles: settings.files,
      settingsProblems: settings.problems,
      notes: notesFor(guidanceInputs),
      nextSteps: nextStepsFor(guidanceInputs),
      probeImage: this.probeImage,
    };
  }
}

interface Gathered {
  engine: EngineIdentity;
  identityError?: string;
  probe: { checks: Check[] } | { failure: string } | null;
  containers: ContainerSummary[];
  containersError?: string;
}

function unreachable(error: string): Gathered {
  return { engine: { reachable: false, desktop: false, version: null, platformName: null, operatingSystem: null, error }, probe: null, containers: [] };
}

function reachableUnknown(): EngineIdentity {
  return { reachable: true, desktop: false, version: null, platformName: null, operatingSystem: null };
}

function errorText(err: unknown): string {
  if (err instanceof EngineError) return err.message;
  return err instanceof Error ? err.message : String(err);
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
