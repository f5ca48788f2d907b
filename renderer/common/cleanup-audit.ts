// The audit's words: what a container holds (volumes, bind mounts, writable-layer changes, ports),
// Docker Desktop's own containers shown apart, and the section headings. The table of choices is
// cleanup-table.ts.

import type { Audit, AuditedContainer } from '../../main/ipc/contract';
import { h, type Child } from './dom';
import { bytes } from './words';

export function heading(level: number, text: Child, attrs: Record<string, string> = {}): HTMLElement {
  const tag = `h${Math.min(6, level)}` as 'h2';
  return h(tag, attrs, text);
}

/** What a container holds, in plain words: what a removal would touch. */
export function holdings(c: AuditedContainer): string[] {
  const out: string[] = [];
  for (const v of c.namedVolumes)
    out.push(`Named volume ${v.name} at ${v.destination}${v.readOnly ? ' (read-only)' : ''}`);
  for (const v of c.anonymousVolumes) out.push(`Anonymous volume ${v.name.slice(0, 12)} at ${v.destination}`);
  for (const b of c.bindMounts)
    out.push(`Host folder ${b.source} mounted at ${b.destination}${b.readOnly ? ' (read-only)' : ''}`);
  out.push(
    c.writableLayerBytes > 0
      ? `${bytes(c.writableLayerBytes)} written inside the container (its writable layer)`
      : 'No files changed inside the container',
  );
  if (c.ports.length)
    out.push(
      `Published ports ${c.ports.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort}->${p.containerPort}`).join(', ')}`,
    );
  if (!c.imageExists) out.push(`Its image ${c.image} is gone: only a snapshot keeps its files`);
  return out;
}

/**
 * Docker Desktop's own containers outside ECI (Kubernetes, Extensions): shown so nothing is
 * hidden, with why, and with no choice to make: eci-tray never cleans them up.
 */
export function uncoveredGroup(audit: Audit, level: number): HTMLElement[] {
  const uncovered = audit.uncovered ?? [];
  if (!uncovered.length) return [];
  return [
    h(
      'section',
      { class: 'audit-group', 'data-uncovered': 'true' },
      heading(level, "Docker Desktop's own containers: not covered by ECI"),
      h('p', { class: 'muted' }, 'They run without ECI and are not yours to clean up: eci-tray never changes them.'),
      h(
        'ul',
        {},
        uncovered.map((c) =>
          h('li', { 'data-container': c.name }, h('strong', {}, c.name), ` (image ${c.image}, ${c.state}). ${c.why}`),
        ),
      ),
    ),
  ];
}
