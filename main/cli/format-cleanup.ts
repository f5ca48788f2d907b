// Human output for the audit, cleanup plans and cleanup results.

import type { Audit, AuditedContainer } from '../core/cleanup/audit-model';
import type { ApplyResult } from '../core/cleanup/apply-result';
import type { CleanupPlan, PlanItem } from '../core/cleanup/plan';
import { oneLine } from '../core/text/terminal-text';
import { BEFORE_ECI, bytes, plural } from '../core/words';

/** Each line on its own: a name or label holding a newline cannot start a line of its own. */
const text = (lines: string[]) => lines.map(oneLine).join('\n') + '\n';

function changedBytes(n: number): string {
  return n === 0 ? 'no changes' : `${bytes(n)} changed`;
}

function groupTitle(project: string | null): string {
  return project === null ? 'Not managed by Compose' : `Compose project "${project}"`;
}

function containerLines(c: AuditedContainer): string[] {
  const lines = [
    `  ${c.name}  ${c.id.slice(0, 12)}  ${c.state}  image ${c.image}${c.imageExists ? '' : ' (no longer tagged)'}  runtime ${c.runtime}  created ${c.created}`,
  ];
  const details: string[] = [];
  if (c.compose) details.push(`service ${c.compose.service}`);
  if (c.restartPolicy.name !== 'no') details.push(`restart ${c.restartPolicy.name}`);
  if (c.ports.length)
    details.push(
      `ports ${c.ports.map((p) => `${p.hostIp ? p.hostIp + ':' : ''}${p.hostPort}->${p.containerPort}`).join(', ')}`,
    );
  if (c.networks.length) details.push(`networks ${c.networks.join(', ')}`);
  if (c.namedVolumes.length)
    details.push(`volumes ${c.namedVolumes.map((v) => `${v.name}:${v.destination}`).join(', ')}`);
  if (c.anonymousVolumes.length)
    details.push(
      `anonymous volumes ${c.anonymousVolumes.map((v) => `${v.name.slice(0, 12)}:${v.destination}`).join(', ')}`,
    );
  if (c.bindMounts.length) details.push(`binds ${c.bindMounts.map((b) => `${b.source}:${b.destination}`).join(', ')}`);
  details.push(`writable layer ${changedBytes(c.writableLayerBytes)}`);
  lines.push(`      ${details.join('; ')}`);
  return lines;
}

export function formatAudit(audit: Audit): string {
  const uncovered = audit.uncovered ?? [];
  const lines =
    audit.containers.length === 0
      ? [`No ${BEFORE_ECI} of yours run.`]
      : [`${plural(audit.containers.length, 'container')} not running under sysbox-runc (ECI):`];
  for (const g of audit.groups) {
    lines.push('', groupTitle(g.project));
    for (const c of g.containers) lines.push(...containerLines(c));
  }
  if (uncovered.length > 0) {
    // Docker Desktop's own: shown so nothing is hidden, with no action offered.
    lines.push('', `Not covered by ECI: Docker Desktop's own containers (${uncovered.length}), never cleaned up:`);
    for (const c of uncovered) lines.push(`  ${c.name}  (${c.image}, ${c.state})  ${c.kind}`, `    ${c.why}`);
  }
  if (audit.containers.length > 0) lines.push('', 'Plan a cleanup with "eci-tray cleanup --plan".');
  return text(lines);
}

function itemLines(item: PlanItem): string[] {
  const lines = [`  ${item.name}  (${item.image}${item.wasRunning ? ', running' : ''})  strategy: ${item.strategy}`];
  if (!item.allowed) {
    lines.push(`    NOT POSSIBLE: ${item.whyNot}`);
    return lines;
  }
  if (item.compose?.command) lines.push(`    Compose-managed. Recommended: ${item.compose.command}`);
  else if (item.compose)
    lines.push(
      `    Compose-managed, but its Compose labels allow no command to suggest: re-create it with Compose from its project folder.`,
    );
  lines.push(`    steps: ${item.steps.map((s) => (s.target ? `${s.action} ${s.target}` : s.action)).join(' > ')}`);
  for (const k of item.keeps) lines.push(`    keeps: ${k}`);
  for (const l of item.loses) lines.push(`    LOSES: ${l}`);
  return lines;
}

export function formatPlan(plan: CleanupPlan, savedTo: string | null): string {
  const lines = [
    `Cleanup plan ${plan.id}, made ${plan.createdAt}; ECI ${plan.eciEffective ? 'verified in effect' : 'NOT verified in effect (re-creating is not possible)'}`,
  ];
  const byProject = new Map<string | null, PlanItem[]>();
  for (const item of plan.items)
    byProject.set(item.compose?.project ?? null, [...(byProject.get(item.compose?.project ?? null) ?? []), item]);
  for (const [project, items] of [...byProject.entries()].sort(([a], [b]) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b),
  )) {
    lines.push('', groupTitle(project));
    for (const item of items) lines.push(...itemLines(item));
  }
  if (plan.items.length === 0) lines.push('', 'Nothing to clean up.');
  if (savedTo) lines.push('', `Saved to ${savedTo}`, `Apply it with: eci-tray cleanup --apply ${savedTo}`);
  return text(lines);
}

export function formatResult(result: ApplyResult): string {
  if (result.alreadyApplied)
    return text([`This plan was already applied (journal ${result.journal}); nothing was done.`]);
  const lines = ['Cleanup finished:'];
  for (const r of result.items)
    lines.push(
      `  ${r.outcome.padEnd(7)} ${r.name}${r.newId ? ` (new container ${r.newId.slice(0, 12)})` : ''}${r.reason ? `: ${r.reason}` : ''}`,
    );
  lines.push(`Journal: ${result.journal}`);
  return text(lines);
}
