// The four checks, each with its result in words and the raw observation the engine gave (the
// uid_map line, the runtime name, the engine's error text). Shared by details and walkthrough.

import type { Check } from '../../main/ipc/contract';
import { h } from './dom';
import { CHECK_EXPLAINED, CHECK_TITLE, RESULT_TONE, RESULT_WORD } from './words';

export function checksList(checks: Check[], emptyText: string): HTMLElement {
  if (!checks.length) return h('p', { class: 'muted' }, emptyText);
  return h(
    'ul',
    { class: 'checks', 'aria-label': 'The four checks' },
    checks.map((c) =>
      h(
        'li',
        { class: `check result-${RESULT_TONE[c.result]}`, 'data-check': c.id },
        h(
          'div',
          { class: 'check-head' },
          h('strong', {}, CHECK_TITLE[c.id]),
          h('span', { class: `badge tone-${RESULT_TONE[c.result]}`, 'data-result': c.result }, RESULT_WORD[c.result]),
        ),
        h('p', { class: 'muted small' }, CHECK_EXPLAINED[c.id]),
        h(
          'p',
          { class: 'observation' },
          h('span', { class: 'visually-hidden' }, 'Observed: '),
          h('code', {}, c.observation),
        ),
      ),
    ),
  );
}
