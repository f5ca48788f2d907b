// The audit as a form: containers grouped by Compose project, each with what it holds (volumes,
// bind mounts, writable-layer changes, ports) and the choice of what to do with it.

import type { Audit, AuditedContainer, CleanupPlan, Strategy } from '../../main/ipc/contract';
import { h, type Child } from './dom';
import { bytes, STRATEGY_WORD } from './words';

const STRATEGY_ORDER: Strategy[] = ['recreate', 'snapshot', 'remove'];

export interface Choice {
  id: string;
  name: string;
  strategy: Strategy;
  include: boolean;
}

export function heading(level: number, text: Child, attrs: Record<string, string> = {}): HTMLElement {
  const tag = `h${Math.min(6, level)}` as 'h2';
  return h(tag, attrs, text);
}

/** What a container holds, in plain words: what a removal would touch. */
export function holdings(c: AuditedContainer): string[] {
  const out: string[] = [];
  for (const v of c.namedVolumes) out.push(`Named volume ${v.name} at ${v.destination}${v.readOnly ? ' (read-only)' : ''}`);
  for (const v of c.anonymousVolumes) out.push(`Anonymous volume ${v.name.slice(0, 12)} at ${v.destination}`);
  for (const b of c.bindMounts) out.push(`Host folder ${b.source} mounted at ${b.destination}${b.readOnly ? ' (read-only)' : ''}`);
  out.push(c.writableLayerBytes > 0 ? `${bytes(c.writableLayerBytes)} written inside the container (its writable layer)` : 'No files changed inside the container');
  if (c.ports.length) out.push(`Published ports ${c.ports.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort}->${p.containerPort}`).join(', ')}`);
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
        uncovered.map((c) => h('li', { 'data-container': c.name }, h('strong', {}, c.name), ` (image ${c.image}, ${c.state}). ${c.why}`)),
      ),
    ),
  ];
}

export class AuditForm {
  readonly root: HTMLElement;
  private readonly rows = new Map<string, { name: string; select: HTMLSelectElement; include: HTMLInputElement }>();

  constructor(audit: Audit, defaults: CleanupPlan, level: number, onChange: () => void) {
    const chosen = new Map(defaults.items.map((i) => [i.containerId, i.strategy]));
    this.root = h(
      'div',
      { class: 'audit' },
      audit.groups.map((g) =>
        h(
          'section',
          { class: 'audit-group', 'data-project': g.project ?? '' },
          heading(level, g.project ? `Compose project "${g.project}"` : 'Not part of a Compose project'),
          g.containers.map((c) => this.card(c, chosen.get(c.id) ?? 'remove', defaults.eciEffective, level + 1, onChange)),
        ),
      ),
    );
  }

  private card(c: AuditedContainer, strategy: Strategy, eciEffective: boolean, level: number, onChange: () => void): HTMLElement {
    const key = c.id.slice(0, 12);
    const select = h(
      'select',
      { id: `strategy-${key}`, 'aria-describedby': eciEffective ? null : `strategy-note-${key}`, onchange: onChange },
      STRATEGY_ORDER.map((s) => h('option', { value: s, selected: s === strategy, disabled: s === 'recreate' && !eciEffective }, STRATEGY_WORD[s])),
    );
    const include = h('input', { type: 'checkbox', id: `include-${key}`, checked: true, onchange: onChange });
    this.rows.set(c.id, { name: c.name, select, include });
    return h(
      'article',
      { class: 'card container-card', 'data-container': c.name, 'aria-labelledby': `name-${key}` },
      h('div', { class: 'card-head' }, heading(level, c.name, { id: `name-${key}` }), h('span', { class: `badge ${c.state === 'running' ? 'tone-warn' : ''}` }, c.state)),
      h(
        'p',
        { class: 'muted small' },
        `Image ${c.image}${c.imageExists ? '' : ' (no longer present)'} · runtime ${c.runtime} · restart policy ${c.restartPolicy.name || 'no'} · created ${new Date(c.created).toLocaleString()}`,
      ),
      c.compose ? h('p', { class: 'small' }, `Compose service "${c.compose.service}"`) : null,
      h('p', { class: 'label' }, 'What it holds'),
      h(
        'ul',
        { class: 'holdings' },
        holdings(c).map((t) => h('li', {}, t)),
      ),
      h(
        'div',
        { class: 'controls' },
        h('span', { class: 'control' }, include, h('label', { for: `include-${key}` }, 'Include in the cleanup')),
        h('span', { class: 'control' }, h('label', { for: `strategy-${key}` }, 'What to do'), select),
      ),
      eciEffective ? null : h('p', { id: `strategy-note-${key}`, class: 'muted small' }, 'Re-creating under ECI becomes possible once ECI is verified in effect.'),
    );
  }

  choices(): Choice[] {
    return [...this.rows].map(([id, r]) => ({ id, name: r.name, strategy: r.select.value as Strategy, include: r.include.checked }));
  }

  setEnabled(enabled: boolean): void {
    for (const r of this.rows.values()) {
      r.select.disabled = !enabled;
      r.include.disabled = !enabled;
    }
  }
}
