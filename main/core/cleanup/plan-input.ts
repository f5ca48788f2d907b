// What a cleanup plan is made from, decided once for the app and the CLI: which audited
// containers a selection names, and which images may keep a Docker socket mount.

import type { SettingsSnapshot } from '../settings/load-settings';
import type { Audit, AuditedContainer } from './audit-model';

/** A selection names no container a cleanup may change: said to the user, nothing planned. */
export class PlanSelectionError extends Error {
  override name = 'PlanSelectionError';
}

/** The images allowed to mount the Docker socket: the settings' list, else the admin policy's. */
export function socketMountAllowList(settings: Pick<SettingsSnapshot, 'socketMountAllowList' | 'adminPolicy'>): string[] {
  return settings.socketMountAllowList ?? settings.adminPolicy?.socketMountImages ?? [];
}

/**
 * The containers to plan for, in the audit's order (Compose projects first, then the rest, by
 * name): all of them, or those named by name or id. Naming one of Docker Desktop's own
 * containers, or one that is not outside ECI, is an error, never silently dropped.
 */
export function selectForPlan(audit: Audit, only: readonly string[] | null | undefined): AuditedContainer[] {
  const all = audit.groups.flatMap((g) => g.containers);
  if (!only) return all;
  const names = (c: AuditedContainer) => only.includes(c.name) || only.includes(c.id);
  const owned = (audit.uncovered ?? []).filter(names);
  if (owned.length) throw new PlanSelectionError(`${owned.map((c) => c.name).join(', ')}: Docker Desktop's own container, never cleaned up (${owned[0]!.why})`);
  const missing = only.filter((n) => !audit.containers.some((c) => c.name === n || c.id === n));
  if (missing.length) {
    throw new PlanSelectionError(`no container outside ECI is named ${missing.join(', ')} (there are: ${audit.containers.map((c) => c.name).join(', ') || 'none'})`);
  }
  return all.filter(names);
}
