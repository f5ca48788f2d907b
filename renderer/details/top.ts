// The top of the details window, as the core decides it (pageHeadline): the tray's glyph, a title,
// one sentence, the fix as the one primary button ("Check now" is secondary then), and "Why?".

import type { AppStateView } from '../../main/ipc/contract';
import { h, type Child } from '../common/dom';
import { type PageHeadline, type TopActionId } from '../common/words';

const GLYPH: Record<PageHeadline['glyph'], string> = {
  protected: 'trayProtected',
  'needs-action': 'trayNeedsAction',
  unprotected: 'trayUnprotected',
  inactive: 'trayInactive',
};
const TONE: Record<PageHeadline['glyph'], string> = {
  protected: 'ok',
  'needs-action': 'warn',
  unprotected: 'bad',
  inactive: 'neutral',
};

export type TopAct = (id: TopActionId) => void;

export function glyphSource(glyph: PageHeadline['glyph']): string {
  return `../common/${GLYPH[glyph]}@2x.png`;
}

export function toneOf(glyph: PageHeadline['glyph']): string {
  return TONE[glyph];
}

/** The fix's button, then the others beside it (each a plain button: only the fix is primary). */
export function fixButtons(top: PageHeadline, act: TopAct): HTMLElement[] {
  return [
    ...(top.primary ? [top.primary] : []).map((a) =>
      h('button', { type: 'button', class: 'primary', 'data-forward-action': a.id, onclick: () => act(a.id) }, a.label),
    ),
    ...top.secondary.map((a) =>
      h('button', { type: 'button', 'data-forward-action': a.id, onclick: () => act(a.id) }, a.label),
    ),
  ];
}

/** Under "Why?": the reason and notes (each once), and the command to copy. */
export function whyBody(top: PageHeadline, view: AppStateView, copyCommand: () => void): Child[] {
  const [reason, ...notes] = top.why;
  return [
    reason ? h('p', { class: 'reason' }, reason) : null,
    ...notes.map((n) => h('p', { class: 'note' }, n)),
    top.command
      ? h(
          'p',
          { class: 'command' },
          h('code', { 'data-forward-command': '' }, top.command),
          top.primary?.id === 'copy-command'
            ? null
            : h('button', { type: 'button', 'data-copy': 'command', onclick: copyCommand }, 'Copy'),
        )
      : null,
    view.state ? null : h('p', {}, 'Check now runs the probe containers.'),
  ];
}
