// What the details window hands to IT and remembers: "Copy report" (written by the main process
// itself, see 'clipboard:write-report'), the raw engine output with its own copy button, the
// recent activity, and links to Docker's documentation (opened in the system browser by main).

import type { ActivityEntry, CheckReport, EciBridge, ReportPart } from '../../main/ipc/contract';
import { fill, h } from '../common/dom';
import { errorText } from '../common/eci';
import { when } from '../common/words';

type ActivityItem = ActivityEntry & { change: string };

/** How many entries show at once; the rest (up to the 50 kept) are one click away. */
const SHOWN = 8;

/** A link to Docker's docs: a real link for assistive technology, opened by main in the browser. */
export function docsLink(eci: EciBridge, url: string, text: string, onError: (m: string) => void): HTMLAnchorElement {
  const a = h('a', { href: url, class: 'docs-link', 'data-docs': url }, text);
  a.addEventListener('click', (event) => {
    // The window never navigates (main denies it); the system browser opens the page.
    event.preventDefault();
    eci
      .invoke('docs:open', { url })
      .catch((err: unknown) => onError(`The documentation could not be opened: ${errorText(err)}`));
  });
  return a;
}

/** A button that asks main to put one of its reports on the clipboard, and says what happened. */
export function copyButton(eci: EciBridge, part: ReportPart, label: string, said: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', 'data-copy': part }, label);
  button.addEventListener('click', () => {
    eci.invoke('clipboard:write-report', { part }).then(
      (r) =>
        (said.textContent =
          part === 'report'
            ? `Copied the report (${r.lines} lines) for IT.`
            : `Copied the raw engine output (${r.lines} lines).`),
      (err: unknown) => (said.textContent = `Not copied: ${errorText(err)}`),
    );
  });
  return button;
}

/** The engine's own answers, collapsed: each probe's full observation and the engine's identity. */
export function rawOutputSection(eci: EciBridge, r: CheckReport): HTMLElement[] {
  const said = h('p', { role: 'status', class: 'muted small', 'data-copied': 'raw-engine-output' });
  const text = [
    ...(r.checks.length
      ? r.checks.flatMap((c) => [`${c.id} (${c.result}):`, c.observation, ''])
      : [`No probe container ran. ${r.reason}`, '']),
    `Engine ${r.endpoint.url || '(none)'}`,
    JSON.stringify(r.engine, null, 2),
  ].join('\n');
  return [
    h(
      'details',
      { class: 'raw-output' },
      h('summary', {}, 'Raw engine output'),
      h('div', { class: 'actions' }, copyButton(eci, 'raw-engine-output', 'Copy raw output', said)),
      said,
      h('pre', { class: 'raw', tabindex: 0, 'aria-label': 'Raw engine output' }, text),
    ),
  ];
}

function activityItem(e: ActivityItem): HTMLElement {
  return h(
    'li',
    { 'data-activity': e.verdict },
    h('time', { datetime: e.at }, when(e.at)),
    ' ',
    h('strong', {}, e.change),
    `. ${e.cause}`,
  );
}

/** The last state changes, with time and cause, newest first. */
export function fillActivity(box: HTMLElement, entries: ActivityItem[]): void {
  if (!entries.length) {
    fill(
      box,
      h('p', { class: 'muted' }, 'Nothing recorded yet: changes of the state appear here, with their time and cause.'),
    );
    return;
  }
  const rest = entries.slice(SHOWN);
  fill(
    box,
    h('ol', { class: 'activity' }, entries.slice(0, SHOWN).map(activityItem)),
    rest.length
      ? h(
          'details',
          {},
          h('summary', {}, `${rest.length} earlier`),
          h('ol', { class: 'activity', start: SHOWN + 1 }, rest.map(activityItem)),
        )
      : null,
  );
}
