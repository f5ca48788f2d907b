// A progress area: a live region that reads out what is happening, a progress bar (indeterminate
// until a total is known), and a log of every step so nothing flashes by unread.

import { h } from './dom';

export class ProgressPanel {
  readonly root: HTMLElement;
  private readonly line: HTMLElement;
  private readonly bar: HTMLProgressElement;
  private readonly log: HTMLOListElement;
  private finished = false;

  constructor(label: string) {
    this.line = h('p', { role: 'status', 'aria-live': 'polite', class: 'progress-line' });
    this.bar = h('progress', { 'aria-label': label });
    this.log = h('ol');
    // The log scrolls when long, so it takes keyboard focus; the list keeps its list semantics.
    const logBox = h(
      'div',
      { role: 'log', 'aria-label': `${label}: every step`, class: 'progress-log', tabindex: '0' },
      this.log,
    );
    this.root = h('div', { class: 'progress-panel', hidden: true }, this.line, this.bar, logBox);
  }

  start(text: string): void {
    this.root.hidden = false;
    this.bar.hidden = false;
    this.bar.removeAttribute('value');
    this.log.replaceChildren();
    this.line.textContent = text;
    this.finished = false;
  }

  /** A step: shown as the current line and kept in the log. */
  step(text: string, done?: number, total?: number, tone = ''): void {
    this.root.hidden = false;
    // A step that arrives after the end is logged, but the final line stays.
    if (!this.finished) this.line.textContent = text;
    if (total !== undefined && done !== undefined) {
      this.bar.max = total;
      this.bar.value = done;
    }
    this.log.append(h('li', tone ? { class: `tone-${tone}` } : {}, text));
  }

  finish(text: string): void {
    this.finished = true;
    this.line.textContent = text;
    this.bar.hidden = true;
  }
}
