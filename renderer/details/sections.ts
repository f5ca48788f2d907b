// The details window's sections, each a pure function of the report (rebuilt on every change).

import type { CheckReport } from '../../main/ipc/contract';
import { checksList } from '../common/checks-view';
import { h, list } from '../common/dom';
import { BEFORE_ECI_TITLE, checksSummary, desiredSource, DOCS, onOff } from '../common/words';

const ENDPOINT_SOURCE: Record<CheckReport['endpoint']['source'], string> = {
  flag: 'ECI Tray preferences',
  env: 'DOCKER_HOST',
  context: 'the docker context',
  'desktop-socket': "Docker Desktop's socket",
  'platform-default': "the platform's default",
};

export type OpenWindow = (kind: 'cleanup' | 'walkthrough') => void;
/** A link to a page of Docker's documentation (opened in the system browser). */
export type DocsLink = (url: string, text: string) => HTMLElement;

/** The four checks in human words; collapsed to "4 of 4 checks passed" when all passed. */
export function checksSection(r: CheckReport, link: DocsLink, notEci: boolean): HTMLElement[] {
  const docs = h(
    'p',
    { class: 'small' },
    'What each probe container looks for is what ECI promises: ',
    link(DOCS.eci, "Docker's documentation of Enhanced Container Isolation"),
    '.',
  );
  const checks = checksList(r.checks, 'No probe container ran, so nothing was observed.', { notEci });
  const summary = checksSummary(r.checks);
  if (r.checks.length && summary.startsWith(`${r.checks.length} of`) && !notEci)
    return [
      h('h2', {}, 'The four checks'),
      h('details', { class: 'checks-summary' }, h('summary', { 'data-checks-summary': '' }, summary), checks, docs),
    ];
  return [
    h('h2', {}, 'The four checks'),
    r.checks.length
      ? h('p', { 'data-checks-summary': '' }, notEci ? 'Not ECI: this engine is not Docker Desktop.' : summary)
      : null,
    checks,
    docs,
  ].filter((e): e is HTMLElement => e !== null);
}

export function desiredSection(r: CheckReport): HTMLElement[] {
  const d = r.desired;
  return [
    h('h2', {}, 'Configured and verified'),
    h(
      'dl',
      { class: 'facts', 'aria-label': 'Desired and effective ECI' },
      h('dt', {}, 'Configured (desired)'),
      h('dd', { 'data-fact': 'desired' }, onOff(d.eci, 'title')),
      h('dt', {}, 'Where that comes from'),
      h(
        'dd',
        { 'data-fact': 'source' },
        desiredSource(d),
        d.file ? h('br') : null,
        d.file ? h('code', {}, d.file) : null,
      ),
      h('dt', {}, 'Verified (effective)'),
      h(
        'dd',
        { 'data-fact': 'effective' },
        r.effective.eci === null
          ? 'Not known: the probe gave no answer'
          : `${onOff(r.effective.eci, 'title')}, as the probe containers showed`,
      ),
      h('dt', {}, 'Settings files read'),
      h(
        'dd',
        { 'data-fact': 'files' },
        list(
          r.settingsFiles.map((f) =>
            h(
              'span',
              {},
              `${f.role === 'admin' ? 'Admin' : 'User'}: `,
              h('code', {}, f.path),
              f.found ? ' (read)' : ' (not present: not configured)',
            ),
          ),
        ) ?? 'None',
      ),
    ),
  ];
}

export function problemsSection(r: CheckReport): HTMLElement[] {
  if (!r.settingsProblems.length) return [];
  return [
    h('h2', {}, 'Problems with the settings files'),
    h(
      'ul',
      { class: 'problems' },
      r.settingsProblems.map((p) =>
        h(
          'li',
          { class: p.severity === 'error' ? 'tone-bad' : '', 'data-problem': p.kind },
          h('code', {}, p.file),
          p.line !== undefined ? `, line ${p.line}, column ${p.column ?? '?'}` : '',
          `: ${p.message}`,
          p.blocksDockerDesktop ? h('strong', {}, ' Docker Desktop will not start until this file is fixed.') : null,
        ),
      ),
    ),
  ];
}

export function engineSection(r: CheckReport): HTMLElement[] {
  const e = r.engine;
  const row = (term: string, value: string | null | undefined, key: string) =>
    value ? [h('dt', {}, term), h('dd', { 'data-fact': key }, value)] : [];
  return [
    h('h2', {}, 'Engine'),
    h(
      'dl',
      { class: 'facts', 'aria-label': 'Engine identity' },
      row(
        'Endpoint',
        `${r.endpoint.url || 'none'} (from ${ENDPOINT_SOURCE[r.endpoint.source]}${r.endpoint.context ? ` "${r.endpoint.context}"` : ''})`,
        'endpoint',
      ),
      // The engine's error is said once, under "Why?" at the top.
      row('Answers', e.reachable ? 'Yes' : 'No', 'reachable'),
      e.reachable ? row('Docker Desktop', e.desktop ? 'Yes' : 'No', 'desktop') : [],
      row('Version', e.version, 'version'),
      row('Platform', e.platformName, 'platform'),
      row('Operating system', e.operatingSystem, 'os'),
      row(
        'Containers',
        e.osType ? (e.osType === 'windows' ? 'Windows containers' : 'Linux containers') : null,
        'os-type',
      ),
      row('Probe image', r.probeImage, 'probe-image'),
    ),
  ];
}

export function containersSection(r: CheckReport, open: OpenWindow): HTMLElement[] {
  if (!r.unprotectedContainers.length) return [];
  return [
    h('h2', {}, BEFORE_ECI_TITLE),
    h('p', {}, 'They keep running without ECI until they are removed or re-created.'),
    h(
      'ul',
      { class: 'unprotected' },
      r.unprotectedContainers.map((c) =>
        h(
          'li',
          { 'data-container': c.name },
          h('strong', {}, c.name),
          ` (image ${c.image}, ${c.state}, runtime ${c.runtime})`,
        ),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => open('cleanup') }, 'Clean up these containers'),
    ),
  ];
}

/** Docker Desktop's own containers outside ECI: listed apart, with why, never offered for cleanup. */
export function uncoveredSection(r: CheckReport): HTMLElement[] {
  const uncovered = r.uncoveredContainers ?? [];
  if (!uncovered.length) return [];
  return [
    h('h2', {}, "Docker Desktop's own containers: not covered by ECI"),
    h(
      'ul',
      { class: 'uncovered' },
      uncovered.map((c) =>
        h('li', { 'data-uncovered': c.name }, h('strong', {}, c.name), ` (image ${c.image}, ${c.state}). ${c.why}`),
      ),
    ),
  ];
}

export function notesSection(r: CheckReport, link: DocsLink): HTMLElement[] {
  const notes: HTMLElement[] = r.notes.length
    ? [
        h(
          'ul',
          { class: 'notes' },
          r.notes.map((n) => h('li', {}, n)),
        ),
      ]
    : [];
  return [
    h('h2', {}, 'What ECI does not cover'),
    ...notes,
    h(
      'p',
      { class: 'small' },
      'All of them, by Docker: ',
      link(DOCS.limitations, 'Enhanced Container Isolation limitations'),
      '.',
    ),
  ];
}
