// What a cleanup plan is made from, decided once for the app and the CLI: which audited
// containers a selection names, and which images may keep a Docker socket mount.

import type { SettingsSnapshot } from '../settings/load-settings';
import { socketAllowList } from '../settings/socket-allow-list';
import type { Audit, AuditedContainer } from './audit-model';

/** A selection names no container a cleanup may change: said to the user, nothing planned. */
export class PlanSelectionError extends Error {
  override name = 'PlanSelectionError';
}

/** The images allowed to mount the Docker socket: the settings' list, else the admin policy's. */
export function socketMountAllowList(
  settings: Pick<SettingsSnapshot, 'socketMountAllowList' | 'adminPolicy'>,
): string[] {
  return settings.socketMountAllowList ?? socketAllowList(settings.adminPolicy?.socketMountImages ?? [], []);
}

/**
 * The one container a selector names, as Docker resolves it: a full id first, then a name. A
 * container named like another one's id is not picked when that id is asked for.
 */
export function selected<T extends Pick<AuditedContainer, 'id' | 'name'>>(
  containers: readonly T[],
  selector: string,
): T | undefined {
  return containers.find((c) => c.id === selector) ?? containers.find((c) => c.name === selector);
}

/**
 * The containers to plan for, in the audit's order (Compose projects first, then the rest, by
 * name): all of them, or those named by name or id. Naming one of Docker Desktop's own
 * containers, or one that is not outside ECI, is an error, never silently dropped.
 */
export function selectForPlan(audit: Audit, only: readonly string[] | null | undefined): AuditedContainer[] {
  const all = audit.groups.flatMap((g) => g.containers);
  if (!only) return all;
  const uncovered = audit.uncovered ?? [];
  // Each selector is resolved among every container the engine listed, so an id is never read as a name.
  const everyone = [...audit.containers, ...uncovered];
  const picked = new Set<string>();
  const owned: typeof uncovered = [];
  const missing: string[] = [];
  for (const selector of only) {
    const c = selected(everyone, selector);
    if (!c) missing.push(selector);
    else if (uncovered.includes(c as (typeof uncovered)[number])) owned.push(c as (typeof uncovered)[number]);
    else picked.add(c.id);
  }
  if (owned.length)
    throw new PlanSelectionError(
      `${owned.map((c) => c.name).join(', ')}: Docker Desktop's own container, never cleaned up (${owned[0]!.why})`,
    );
  if (missing.length) {
    throw new PlanSelectionError(
      `no container outside ECI is named ${missing.join(', ')} (there are: ${audit.containers.map((c) => c.name).join(', ') || 'none'})`,
    );
  }
  return all.filter((c) => picked.has(c.id));
}
