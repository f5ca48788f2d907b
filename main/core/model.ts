// The shared vocabulary of ECI Tray (README: verdicts): every module, the CLI and the UI
// speak in these names, so a verdict means the same thing everywhere.

export const VERDICTS = [
  'protected',
  'unprotected-containers',
  'pending-restart',
  'not-applied',
  'off',
  'engine-unreachable',
  'not-docker-desktop',
  'unsupported-version',
  'unknown',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Where the engine endpoint came from, in the order they are tried. */
export type EndpointSource = 'flag' | 'env' | 'context' | 'desktop-socket' | 'platform-default';

export interface Endpoint {
  /** `unix:///path`, `npipe:////./pipe/name` or `tcp://host:port`. */
  url: string;
  source: EndpointSource;
  /** Name of the docker context when source is `context`. */
  context?: string;
}

export interface EngineIdentity {
  reachable: boolean;
  /** True when the engine identifies itself as Docker Desktop. */
  desktop: boolean;
  /** Docker Desktop version (`4.37.1`), when the engine is Desktop and says it. */
  version: string | null;
  /** Why `version` is null for Docker Desktop (no version, or the WSL placeholder "4.0.0 ()"). */
  versionUnknownBecause?: string;
  /** Raw identity fields, for the evidence. */
  platformName: string | null;
  operatingSystem: string | null;
  /** `linux` or `windows` (Docker Desktop on Windows can run Windows containers, where ECI does not apply). */
  osType?: string | null;
  /** The engine's kernel (`…-microsoft-standard-WSL2` on the WSL 2 backend). */
  kernelVersion?: string;
  /** Why the engine is considered unreachable. */
  error?: string;
  /** Docker Desktop answered that it is paused by hand: it runs no containers until resumed. */
  paused?: boolean;
}

export const CHECK_IDS = ['uid-map', 'runtime', 'host-pid-namespace', 'docker-socket-mount'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * `isolated`: the engine behaved as ECI does. `not-isolated`: it did not.
 * `allow-listed`: the socket mount was allowed because the probe image is on the admin allow list
 * (consistent with ECI, not a failure). `error`: the check could not observe anything.
 */
export type CheckResult = 'isolated' | 'not-isolated' | 'allow-listed' | 'error';

export interface Check {
  id: CheckId;
  result: CheckResult;
  /** The raw observation: the uid_map line, the runtime name, the engine's error text. */
  observation: string;
}

/** The runtime ECI runs every container under: a container created under any other runs outside it. */
export const ECI_RUNTIME = 'sysbox-runc';

export type DesiredSource = 'admin-locked' | 'admin-unlocked' | 'user' | 'default' | 'not-found-locally';

export interface DesiredState {
  /** null when no local source says anything and ECI is on anyway (e.g. a Docker Home policy). */
  eci: boolean | null;
  source: DesiredSource;
  /** The settings file the value came from. */
  file?: string;
  /**
   * An unlocked admin value that differs from the user's stored one. It applies only if the user
   * never changed the setting, and Docker Desktop writes defaults into settings-store.json too,
   * so the files cannot say which of the two applies.
   */
  contested?: { eci: boolean; source: 'admin-unlocked'; file?: string };
}

/** Whether the setting comes from an admin policy (admin-settings.json), locked or not. */
export function isAdminSource(source: DesiredSource): boolean {
  return source === 'admin-locked' || source === 'admin-unlocked';
}

/** An admin policy sets ECI off: the target is off for as long as it is there. */
export function adminPolicySetsOff(desired: Pick<DesiredState, 'eci' | 'source'>): boolean {
  return desired.eci === false && isAdminSource(desired.source);
}

/** ECI is off because an admin policy says off: a decision, not an alarm. */
export function offByPolicy(report: { verdict: Verdict; desired: Pick<DesiredState, 'eci' | 'source'> }): boolean {
  return report.verdict === 'off' && adminPolicySetsOff(report.desired);
}

export interface EffectiveState {
  /** null when the probe could not establish it. */
  eci: boolean | null;
}

export type SettingsProblemKind =
  'invalid-json' | 'wrong-type' | 'unreadable' | 'not-a-file' | 'too-large' | 'encoding';

export interface SettingsProblem {
  file: string;
  kind: SettingsProblemKind;
  severity: 'error' | 'warning';
  message: string;
  line?: number;
  column?: number;
  /** An admin-settings.json Docker Desktop cannot parse keeps it from starting. */
  blocksDockerDesktop?: boolean;
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  state: string;
  /** ISO 8601. */
  created: string;
  runtime: string;
}

/**
 * A container Docker Desktop runs for itself (Kubernetes, Extensions), shown apart from the user's:
 * never offered for cleanup. `outsideEciByDesign` ones never count against the verdict.
 */
export interface DesktopOwnedContainer extends ContainerSummary {
  kind: 'kubernetes' | 'kubernetes-node' | 'extension';
  why: string;
  outsideEciByDesign: boolean;
}

/** The ECI-relevant part of admin-settings.json. */
export interface AdminEciPolicy {
  value: boolean | null;
  locked: boolean;
  socketMountImages: string[];
  allowDerivedImages: boolean | null;
  commandList: { type: 'allow' | 'deny'; commands: string[] } | null;
}

/**
 * Why a setting is `not-applied`: Docker Desktop started after it changed and ECI is still not as
 * asked. `not-signed-in`: admin-settings.json applies only while signed in to the organization;
 * `user-value-wins`: the user's stored value outranks an unlocked admin value;
 * `too-old-for-backend`: ECI with WSL 2 needs Docker Desktop 4.20 or later; `unknown`: none of these shows.
 */
export const NOT_APPLIED_CAUSES = ['not-signed-in', 'user-value-wins', 'too-old-for-backend', 'unknown'] as const;
export type NotAppliedCause = (typeof NOT_APPLIED_CAUSES)[number];

/** What the monitor advises, as codes (the watch stream's `advice`); the words say each. */
export const ADVICE_CODES = [
  'menu-restart-insufficient',
  'full-quit-required',
  'fix-admin-settings',
  'review-containers',
  'turn-eci-on',
  'start-docker-desktop',
  'unpause-docker-desktop',
  'engine-reconnecting',
  'apply-and-restart',
  'setting-not-applied',
] as const;
export type AdviceCode = (typeof ADVICE_CODES)[number];

/** Whether Docker Desktop started again since the setting changed: from its processes on this host. */
export interface RestartEvidence {
  /** `started-after-change`: every Desktop process started after it. */
  relation: 'started-before-change' | 'started-after-change' | 'cannot-tell';
  /** Whether Desktop's processes could be seen here; why not. */
  visible: boolean;
  why?: string;
  /** The oldest Desktop process's start (ISO), null when none runs or they cannot be seen. */
  desktopStartedAt: string | null;
  /** When the file asking for the setting last changed (its mtime, or the monitor's own record, the later). */
  changedAt: string | null;
}

export interface CheckReport {
  verdict: Verdict;
  /** One sentence saying why, in plain words. */
  reason: string;
  checkedAt: string;
  durationMs: number;
  endpoint: Endpoint;
  engine: EngineIdentity;
  desired: DesiredState;
  effective: EffectiveState;
  checks: Check[];
  unprotectedContainers: ContainerSummary[];
  /** Docker Desktop's own containers running outside ECI (always set by a check; absent in older reports). */
  uncoveredContainers?: DesktopOwnedContainer[];
  settingsFiles: SettingsFileStatus[];
  settingsProblems: SettingsProblem[];
  notes: string[];
  nextSteps: string[];
  probeImage: string;
  /** Whether Docker Desktop started again since the setting changed (set while a setting asks for another ECI state). */
  restart?: RestartEvidence;
  /** Why the setting did not apply (verdict `not-applied` only). */
  notAppliedCause?: NotAppliedCause;
}

export interface SettingsFileStatus {
  role: 'admin' | 'user';
  path: string;
  found: boolean;
}
