// The four checks, each in human words with its result; the probe's own observation (the uid_map
// line, the runtime name, the engine's error text) is behind "Show evidence". Shared by details
// and walkthrough.

import type { Check } from '../../main/ipc/contract';
import { h } from './dom';
import { CHECK_EXPLAINED, CHECK_HUMAN_TITLE, CHECK_TITLE, RESULT_TONE, RESULT_WORD } from './words';

/** `notEci`: the engine is not Docker Desktop, so no result reads as ECI's pass. */
export function checksList(checks: Check[], emptyText: string, options: { notEci?: boolean } = {}): HTMLElement {
  if (!checks.length) return h('p', { class: 'muted' }, emptyText);
  return h(
    'ul',
    { class: 'checks', 'aria-label': 'The four checks' },
    checks.map((c) => {
      const tone = options.notEci ? 'neutral' : RESULT_TONE[c.result];
      const word =
        options.notEci && c.result !== 'error' ? `${RESULT_WORD[c.result]}, but not by ECI` : RESULT_WORD[c.result];
      return h(
        'li',
        { class: `check result-${tone}`, 'data-check': c.id },
        h(
          'div',
          { class: 'check-head' },
          h('strong', {}, CHECK_HUMAN_TITLE[c.id]),
          h('span', { class: `badge tone-${tone}`, 'data-result': c.result }, word),
        ),
        h(
          'details',
          { class: 'evidence' },
          h('summary', {}, 'Show evidence', h('span', { class: 'visually-hidden' }, `: ${CHECK_HUMAN_TITLE[c.id]}`)),
          h('p', { class: 'muted small' }, `${CHECK_TITLE[c.id]}. ${CHECK_EXPLAINED[c.id]}`),
          h(
            'p',
            { class: 'observation' },
            h('span', { class: 'visually-hidden' }, 'Observed: '),
            h('code', {}, c.observation),
          ),
        ),
      );
    }),
  );
}
