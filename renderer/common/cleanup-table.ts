// The audit as one compact table for real numbers of containers: a row each (include, name,
// Compose project, state, what it holds, what to do), grouped by Compose project with an action
// for the whole project, a filter box and select all/none. The details of a row (mounts, ports,
// image) are one click away in the row itself.

import type { Audit, AuditedContainer, CleanupPlan, Strategy } from '../../main/ipc/contract';
import { heading, holdings } from './cleanup-audit';
import { h } from './dom';
import { BEFORE_ECI_TITLE, dataChips, dataChipTone, naturalSort, plural, preselected, STRATEGY_CHOICE } from './words';

const STRATEGY_ORDER: Strategy[] = ['recreate', 'snapshot', 'remove'];
const COLUMNS = 6;

export interface Choice {
  id: string;
  name: string;
  strategy: Strategy;
  include: boolean;
}

interface Row {
  id: string;
  name: string;
  tr: HTMLTableRowElement;
  select: HTMLSelectElement;
  include: HTMLInputElement;
  /** Lower-case text the filter box matches: name, project, service, image, state, what it holds. */
  text: string;
}

interface Group {
  body: HTMLTableSectionElement;
  select: HTMLSelectElement;
  rows: Row[];
}

export class AuditTable {
  readonly root: HTMLElement;
  private readonly rows: Row[] = [];
  private readonly groups: Group[] = [];
  private readonly filter: HTMLInputElement;
  private readonly filterStatus = h('p', { role: 'status', class: 'small muted filter-status' });
  private readonly tools: HTMLButtonElement[];

  constructor(
    audit: Audit,
    defaults: CleanupPlan,
    level: number,
    private readonly onChange: () => void,
    /** After an apply nothing starts selected: the page never offers a live removal right after one. */
    private readonly startEmpty = false,
  ) {
    const chosen = new Map(defaults.items.map((i) => [i.containerId, i.strategy]));
    const eci = defaults.eciEffective;
    this.filter = h('input', {
      type: 'search',
      id: 'cleanup-filter',
      class: 'filter',
      autocomplete: 'off',
      oninput: () => this.applyFilter(),
    });
    this.tools = [
      h('button', { type: 'button', 'data-action': 'select-all', onclick: () => this.selectShown(true) }, 'Select all'),
      h(
        'button',
        { type: 'button', 'data-action': 'select-none', onclick: () => this.selectShown(false) },
        'Select none',
      ),
    ];
    const table = h(
      'table',
      { class: 'cleanup-table' },
      h('caption', { class: 'visually-hidden' }, `${BEFORE_ECI_TITLE}, by Compose project`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Include')),
          h('th', { scope: 'col' }, 'Name'),
          h('th', { scope: 'col' }, 'Compose project'),
          h('th', { scope: 'col' }, 'State'),
          h('th', { scope: 'col' }, 'Holds data'),
          h('th', { scope: 'col' }, 'Action'),
        ),
      ),
      audit.groups.map((g, i) =>
        this.group(g.project, g.containers, i, level, (c) => chosen.get(c.id) ?? 'remove', eci),
      ),
    );
    this.root = h(
      'div',
      { class: 'audit' },
      h(
        'div',
        { class: 'table-tools' },
        h(
          'span',
          { class: 'control' },
          h('label', { for: 'cleanup-filter' }, 'Filter by name, project, image or state'),
          this.filter,
        ),
        h('span', { class: 'control' }, ...this.tools),
        this.filterStatus,
      ),
      eci
        ? null
        : h(
            'p',
            { id: 'strategy-note', class: 'muted small' },
            'Re-creating under ECI becomes possible once ECI is verified in effect.',
          ),
      h('div', { class: 'table-wrap' }, table),
    );
    this.applyFilter();
  }

  private group(
    project: string | null,
    containers: AuditedContainer[],
    index: number,
    level: number,
    strategyOf: (c: AuditedContainer) => Strategy,
    eci: boolean,
  ): HTMLTableSectionElement {
    const selectId = `group-action-${index}`;
    const select = h(
      'select',
      { id: selectId, class: 'group-action', 'data-group-action': project ?? '', onchange: () => this.setGroup(group) },
      h('option', { value: '' }, 'Mixed'),
      STRATEGY_ORDER.map((s) => h('option', { value: s, disabled: s === 'recreate' && !eci }, STRATEGY_CHOICE[s])),
    );
    const rows = naturalSort(containers).map((c) => this.row(c, project, strategyOf(c), eci));
    const body = h(
      'tbody',
      { 'data-project': project ?? '' },
      h(
        'tr',
        { class: 'group-row' },
        h(
          'th',
          { colspan: COLUMNS, scope: 'rowgroup' },
          h(
            'div',
            { class: 'group-head' },
            heading(level, project ? `Compose project "${project}"` : 'Not part of a Compose project'),
            h('span', { class: 'muted small' }, plural(containers.length, 'container')),
            // Seen next to its project's heading; heard with the project's name.
            h(
              'span',
              { class: 'control' },
              h(
                'label',
                { for: selectId },
                'Set all',
                h('span', { class: 'visually-hidden' }, project ? ` in "${project}"` : ' outside a Compose project'),
                ' to',
              ),
              select,
            ),
          ),
        ),
      ),
      rows.map((r) => r.tr),
    );
    const group: Group = { body, select, rows };
    this.groups.push(group);
    this.syncGroup(group);
    return body;
  }

  private row(c: AuditedContainer, project: string | null, strategy: Strategy, eci: boolean): Row {
    const key = c.id.slice(0, 12);
    const include = h('input', {
      type: 'checkbox',
      id: `include-${key}`,
      // Nothing that runs or holds data starts selected: clicking through loses nothing.
      checked: !this.startEmpty && preselected(c),
      onchange: () => this.changed(),
    });
    const select = h(
      'select',
      { id: `strategy-${key}`, 'aria-describedby': eci ? null : 'strategy-note', onchange: () => this.changed() },
      STRATEGY_ORDER.map((s) =>
        h('option', { value: s, selected: s === strategy, disabled: s === 'recreate' && !eci }, STRATEGY_CHOICE[s]),
      ),
    );
    const tags = dataChips(c);
    const tr = h(
      'tr',
      { 'data-container': c.name },
      h(
        'td',
        { class: 'include' },
        include,
        h('label', { for: include.id, class: 'visually-hidden' }, `Include in the cleanup: ${c.name}`),
      ),
      h('th', { scope: 'row', class: 'name' }, c.name),
      h('td', { class: 'project' }, project ?? h('span', { class: 'muted' }, 'none')),
      h('td', {}, h('span', { class: `badge ${c.state === 'running' ? 'tone-warn' : ''}` }, c.state)),
      h(
        'td',
        { class: 'held' },
        h(
          'details',
          {},
          h(
            'summary',
            {},
            tags.length
              ? [
                  h(
                    'span',
                    {
                      class: `badge held-marker ${dataChipTone(c) ? 'tone-warn' : ''}`,
                      'data-holds-data': 'true',
                    },
                    tags[0],
                  ),
                  tags.length > 1 ? ' ' : null,
                  tags.length > 1 ? h('span', { class: 'small' }, tags.slice(1).join(', ')) : null,
                ]
              : h('span', { class: 'muted small' }, 'Nothing'),
          ),
          h(
            'ul',
            { class: 'holdings small' },
            holdings(c).map((t) => h('li', {}, t)),
          ),
          h(
            'p',
            { class: 'muted small' },
            `${c.compose ? `Compose service ${c.compose.service} · ` : ''}Image ${c.image}${c.imageExists ? '' : ' (no longer present)'} · runtime ${c.runtime} · restart policy ${c.restartPolicy.name || 'no'} · created ${new Date(c.created).toLocaleString()}`,
          ),
        ),
      ),
      h(
        'td',
        { class: 'action' },
        h('label', { for: select.id, class: 'visually-hidden' }, `What to do with ${c.name}`),
        select,
      ),
    );
    const row: Row = {
      id: c.id,
      name: c.name,
      tr,
      select,
      include,
      text: [c.name, project ?? '', c.compose?.service ?? '', c.image, c.state, ...tags].join(' ').toLowerCase(),
    };
    this.rows.push(row);
    return row;
  }

  /** A row changed: its group's action shows the common choice, and the plan is made again. */
  private changed(): void {
    for (const r of this.rows) r.tr.classList.toggle('excluded', !r.include.checked);
    for (const g of this.groups) this.syncGroup(g);
    this.onChange();
  }

  private syncGroup(g: Group): void {
    const values = new Set(g.rows.map((r) => r.select.value));
    g.select.value = values.size === 1 ? [...values][0]! : '';
  }

  /** The project's action for every row in it; a choice a row cannot take (a disabled option) is never set. */
  private setGroup(g: Group): void {
    const value = g.select.value as Strategy | '';
    if (!value) return this.syncGroup(g);
    for (const r of g.rows) {
      const option = [...r.select.options].find((o) => o.value === value);
      if (option && !option.disabled) r.select.value = value;
    }
    this.changed();
  }

  /** Select all / none act on the rows the filter shows: what the user sees is what they change. */
  private selectShown(include: boolean): void {
    for (const r of this.rows) if (!r.tr.hidden) r.include.checked = include;
    this.changed();
  }

  private applyFilter(): void {
    const words = this.filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const r of this.rows) {
      r.tr.hidden = !words.every((w) => r.text.includes(w));
      if (!r.tr.hidden) shown++;
    }
    for (const g of this.groups) g.body.hidden = g.rows.every((r) => r.tr.hidden);
    this.filterStatus.textContent = words.length
      ? `Showing ${shown} of ${plural(this.rows.length, 'container')}.`
      : `Showing all ${plural(this.rows.length, 'container')}.`;
  }

  choices(): Choice[] {
    return this.rows.map((r) => ({
      id: r.id,
      name: r.name,
      strategy: r.select.value as Strategy,
      include: r.include.checked,
    }));
  }

  setEnabled(enabled: boolean): void {
    for (const r of this.rows) {
      r.select.disabled = !enabled;
      r.include.disabled = !enabled;
    }
    for (const g of this.groups) g.select.disabled = !enabled;
    for (const b of this.tools) b.disabled = !enabled;
  }
}
