// A cleanup plan: a pure function of the audit and the strategy chosen per container. It says,
// for every container, each step that will run and what will be kept and what lost, before
// anything runs. The same function recomputes an item at apply time from fresh inspect data, so
// a plan file is a record of decisions, never a script the tool obeys blindly.

import { createHash, randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { AuditedContainer } from './audit-model';
import { desktopOwnership, type DesktopContext } from '../verify/desktop-owned';
import { bytes } from '../text/format';
import { FULL_QUIT_LOWER } from '../words';
import { nameComponent, referenceProblem } from './image-reference';
import { commandLine, shellFor, type CommandShell } from '../text/shell-quote';
import { eciBlocker, recreateSpec, type RecreateSpec } from './recreate-spec';

export const STRATEGIES = ['remove', 'snapshot', 'recreate'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const STEP_ACTIONS = [
  'stop',
  'snapshot',
  'verify-snapshot',
  'rename-old',
  'remove',
  'create',
  'connect-network',
  'start',
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export interface PlanStep {
  action: StepAction;
  /** Snapshot tag (snapshot, verify-snapshot), the old container's temporary name (rename-old), image (create), network name (connect-network). */
  target?: string;
}

export interface PlanItem {
  containerId: string;
  name: string;
  image: string;
  strategy: Strategy;
  allowed: boolean;
  whyNot?: string;
  /** Identity of the container's configuration when planned; a changed container is skipped. */
  fingerprint: string;
  wasRunning: boolean;
  writableLayerBytes: number;
  snapshotImage: string | null;
  steps: PlanStep[];
  keeps: string[];
  loses: string[];
  /** command: the Compose way for this platform's shell, null when the labels allow none. */
  compose: { project: string; service: string; command: string | null } | null;
}

export interface CleanupPlan {
  format: 'eci-tray-cleanup-plan';
  version: 1;
  id: string;
  createdAt: string;
  endpoint: string;
  eciEffective: boolean;
  items: PlanItem[];
  /** SHA-256 of everything above: a plan edited by hand is refused. */
  checksum: string;
}

export interface PlanContext {
  eciEffective: boolean;
  socketMountAllowList: string[];
  /** When the plan was made: names the snapshot tags. */
  createdAt: Date;
  /** What Desktop's settings say (corroborates Desktop's own containers); unknown when absent. */
  desktop?: DesktopContext;
  /** The shell the suggested commands are written for; this platform's when absent. */
  shell?: CommandShell;
}

/** Stable JSON (sorted keys) for hashing. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * "Not set" in the engine's stored configuration reads as null, [] or {} depending on whether the
 * engine loaded it from disk since: the same configuration, so the same fingerprint.
 */
function withoutEmpties(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(withoutEmpties) : null;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withoutEmpties(v)] as const);
    return entries.length ? Object.fromEntries(entries) : null;
  }
  return value;
}

/** What a container is, as far as a cleanup is concerned (state excluded: it may change harmlessly). */
export function containerFingerprint(info: Docker.ContainerInspectInfo): string {
  const mounts = (info.Mounts ?? []).map((m) => [m.Type, m.Name ?? m.Source, m.Destination, m.RW]);
  return sha256(
    canonicalJson(
      withoutEmpties({
        id: info.Id,
        name: info.Name,
        created: info.Created,
        image: info.Image,
        config: info.Config,
        hostConfig: info.HostConfig,
        mounts,
        networks: Object.keys(info.NetworkSettings?.Networks ?? {}).sort(),
      }),
    ),
  );
}

/**
 * The snapshot image of a container: its name mapped to a valid repository component plus its
 * short id, so names differing only in case (`Web`, `web`) or in separators never share a snapshot.
 */
export function snapshotTag(name: string, containerId: string, when: Date): { repo: string; tag: string; ref: string } {
  const repo = `eci-tray-snapshot/${nameComponent(name)}-${containerId.slice(0, 12).toLowerCase()}`;
  const tag = when.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return { repo, tag, ref: `${repo}:${tag}` };
}

/** The name the old container has while its replacement is created, started and checked. */
export function oldContainerName(name: string, containerId: string): string {
  return `${name}-eci-tray-old-${containerId.slice(0, 12)}`;
}

export function defaultStrategy(c: AuditedContainer, info: Docker.ContainerInspectInfo, ctx: PlanContext): Strategy {
  if (ctx.eciEffective && !eciBlocker(info, ctx.socketMountAllowList)) return 'recreate';
  return c.writableLayerBytes > 0 || !c.imageExists ? 'snapshot' : 'remove';
}

/**
 * Compose's own rule for a project name (docs.docker.com/compose/project-name/): lowercase
 * letters, digits, dashes and underscores, starting with a letter or digit.
 */
export function isComposeProjectName(name: string): boolean {
  return /^[a-z0-9][a-z0-9_-]*$/.test(name);
}

/**
 * The Compose way to re-create a container, for the shell of this platform; null when its labels
 * (written by whoever made the container) hold a project name Compose refuses or a control
 * character: no command is better than one that does something else when pasted.
 */
export function composeCommand(c: AuditedContainer, shell: CommandShell = shellFor(process.platform)): string | null {
  if (!c.compose || !isComposeProjectName(c.compose.project)) return null;
  const parts = ['docker', 'compose', '-p', c.compose.project];
  if (c.compose.workingDir) parts.push('--project-directory', c.compose.workingDir);
  for (const f of c.compose.configFiles) parts.push('-f', f);
  parts.push('up', '-d', '--force-recreate');
  return commandLine(parts, shell);
}

/** The steps and the create spec for one container under a strategy. */
export function planItem(
  c: AuditedContainer,
  info: Docker.ContainerInspectInfo,
  strategy: Strategy,
  ctx: PlanContext,
): { item: PlanItem; spec: RecreateSpec | null } {
  const wasRunning = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
  const changes = c.writableLayerBytes > 0;
  const needsSnapshot = strategy === 'snapshot' || (strategy === 'recreate' && (changes || !c.imageExists));
  const snapshot = needsSnapshot ? snapshotTag(c.name, c.id, ctx.createdAt).ref : null;
  const compose = c.compose
    ? { project: c.compose.project, service: c.compose.service, command: composeCommand(c, ctx.shell) }
    : null;

  let allowed = true;
  let whyNot: string | undefined;
  const badRef = snapshot ? referenceProblem(snapshot) : null;
  // Docker Desktop's own containers (Kubernetes, Extensions) are never touched, whatever a plan
  // input or a choice says: decided here, so planning and the re-check at apply time both refuse.
  const owned = desktopOwnership(
    { name: info.Name, image: info.Config?.Image, labels: info.Config?.Labels },
    ctx.desktop,
  );
  if (owned) {
    allowed = false;
    whyNot = `It is Docker Desktop's own container, never cleaned up by eci-tray. ${owned.why}`;
  } else if (badRef) {
    allowed = false;
    whyNot = `Its snapshot cannot be named ${snapshot}: ${badRef}.`;
  } else if (strategy === 'recreate') {
    const blocker = eciBlocker(info, ctx.socketMountAllowList);
    if (!ctx.eciEffective) {
      allowed = false;
      whyNot = `ECI is not verified in effect: a re-created container would still run without it. Turn ECI on, then ${FULL_QUIT_LOWER} first.`;
    } else if (blocker) {
      allowed = false;
      whyNot = `It cannot run under ECI: ${blocker}.`;
    }
  }

  const steps: PlanStep[] = [];
  let spec: RecreateSpec | null = null;
  if (allowed) {
    if (wasRunning) steps.push({ action: 'stop' });
    // A snapshot is checked against the container's own change list before anything is removed.
    if (snapshot) steps.push({ action: 'snapshot', target: snapshot }, { action: 'verify-snapshot', target: snapshot });
    // Kept for every strategy: a removed container can be re-created later (walkthrough step 6).
    spec = recreateSpec(info, snapshot ?? c.image);
    if (strategy === 'recreate') {
      // The old container steps aside (renamed, stopped, whole) until the new one runs.
      steps.push({ action: 'rename-old', target: oldContainerName(c.name, c.id) });
      steps.push({ action: 'create', target: snapshot ?? c.image });
      for (const n of spec.connect) steps.push({ action: 'connect-network', target: n.network });
      if (wasRunning) steps.push({ action: 'start' });
    }
    steps.push({ action: 'remove' });
  }

  const keeps: string[] = [];
  const loses: string[] = [];
  for (const v of c.namedVolumes) keeps.push(`named volume ${v.name} (at ${v.destination}): volumes are never removed`);
  for (const v of c.anonymousVolumes) {
    keeps.push(
      strategy === 'recreate'
        ? `anonymous volume ${v.name.slice(0, 12)} (at ${v.destination}), attached to the new container`
        : `anonymous volume ${v.name.slice(0, 12)} (at ${v.destination}), left without a container: find it with "docker volume ls"`,
    );
  }
  for (const b of c.bindMounts) keeps.push(`host folder ${b.source} (mounted at ${b.destination}): untouched`);
  if (changes) {
    if (snapshot)
      keeps.push(
        `${bytes(c.writableLayerBytes)} written inside the container, in the image ${snapshot} (checked against the container's changes before it is removed)`,
      );
    else loses.push(`${bytes(c.writableLayerBytes)} written inside the container (its writable layer)`);
  }
  if (strategy === 'recreate') {
    keeps.push(
      'its configuration: name, command, entrypoint, environment, labels, user, working dir, healthcheck, restart policy, volumes and mounts, networks',
    );
    if (c.ports.length)
      keeps.push(
        `published ports ${c.ports.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort}->${p.containerPort}`).join(', ')}`,
      );
    loses.push('its logs and its container id (the new container keeps the name)');
    if (wasRunning) loses.push('its running processes: it is stopped, then the new container is started');
  } else {
    loses.push(
      `the container itself: its configuration${c.ports.length ? `, published ports ${c.ports.map((p) => `${p.hostPort}->${p.containerPort}`).join(', ')}` : ''}, restart policy (${c.restartPolicy.name}) and logs`,
    );
    if (wasRunning) loses.push('its running processes: it is stopped');
    if (snapshot) keeps.push(`its filesystem as the image ${snapshot} (run it again with "docker run ${snapshot}")`);
  }

  const item: PlanItem = {
    containerId: c.id,
    name: c.name,
    image: c.image,
    strategy,
    allowed,
    ...(whyNot ? { whyNot } : {}),
    fingerprint: containerFingerprint(info),
    wasRunning,
    writableLayerBytes: c.writableLayerBytes,
    snapshotImage: allowed ? snapshot : null,
    steps,
    keeps,
    loses: allowed ? loses : [],
    compose,
  };
  return { item, spec };
}

export function sealPlan(plan: Omit<CleanupPlan, 'checksum'>): CleanupPlan {
  return { ...plan, checksum: sha256(canonicalJson(plan)) };
}

export interface PlanInput {
  containers: Array<{ audited: AuditedContainer; info: Docker.ContainerInspectInfo }>;
  /** Strategy per container name (or id); the default applies to the others. */
  choices: Map<string, Strategy>;
  /** Applies to every container without a per-container choice. */
  strategy?: Strategy;
  endpoint: string;
  context: PlanContext;
  id?: string;
}

export function makePlan(input: PlanInput): CleanupPlan {
  const ids = new Set(input.containers.map(({ audited }) => audited.id));
  const items = input.containers.map(({ audited, info }) => {
    // A choice keyed by a container's id is that container's, even when another is named like the id.
    const byName = ids.has(audited.name) ? undefined : input.choices.get(audited.name);
    const chosen =
      input.choices.get(audited.id) ?? byName ?? input.strategy ?? defaultStrategy(audited, info, input.context);
    return planItem(audited, info, chosen, input.context).item;
  });
  // Two items must never share a snapshot: the second would overwrite the first's tag.
  const seen = new Map<string, string>();
  for (const item of items) {
    if (!item.snapshotImage) continue;
    const key = item.snapshotImage.replace(/:[^/:]*$/, '');
    const other = seen.get(key);
    if (other !== undefined) {
      Object.assign(item, {
        allowed: false,
        whyNot: `Its snapshot name ${item.snapshotImage} is the same as ${other}'s.`,
        snapshotImage: null,
        steps: [],
        loses: [],
      });
    } else seen.set(key, item.name);
  }
  return sealPlan({
    format: 'eci-tray-cleanup-plan',
    version: 1,
    id: input.id ?? randomUUID(),
    createdAt: input.context.createdAt.toISOString(),
    endpoint: input.endpoint,
    eciEffective: input.context.eciEffective,
    items,
  });
}
