// The plan preview (per container: the steps, what is kept, what is lost) and the result list of
// an apply. Pure rendering of what the main process returned.

import type { CleanupPlan, InterruptedCleanup, PlanStep, PublicApplyResult } from '../../main/ipc/contract';
import { h } from './dom';
import { heading } from './cleanup-audit';
import { resultLine, STRATEGY_WORD } from './words';

const STEP_WORD: Record<PlanStep['action'], (target?: string) => string> = {
  stop: () => 'stop it',
  snapshot: (t) => `save its files as the image ${t}`,
  'verify-snapshot': () => 'check that the image holds every file it wrote',
  'rename-old': (t) => `rename it to ${t} and keep it until the new one runs`,
  remove: () => 'remove it',
  create: (t) => `create it again from ${t} under ECI`,
  'connect-network': (t) => `connect it to the network ${t}`,
  start: () => 'start it',
};

export function planPreview(plan: CleanupPlan, level: number): HTMLElement {
  return h(
    'div',
    { class: 'plan' },
    plan.items.map((item) =>
      h(
        'section',
        { class: `card plan-item ${item.allowed ? '' : 'not-allowed'}`, 'data-plan-item': item.name },
        heading(level, `${item.name}: ${STRATEGY_WORD[item.strategy]}`),
        item.allowed
          ? h(
              'p',
              { class: 'small' },
              `Steps: ${item.steps.map((s) => STEP_WORD[s.action](s.target)).join(', then ')}.`,
            )
          : h('p', { class: 'tone-bad' }, h('strong', {}, 'Not possible: '), item.whyNot ?? 'not allowed'),
        item.keeps.length
          ? h(
              'div',
              { class: 'kept' },
              h('p', { class: 'label' }, 'Kept'),
              h(
                'ul',
                {},
                item.keeps.map((k) => h('li', {}, k)),
              ),
            )
          : null,
        item.allowed
          ? item.loses.length
            ? h(
                'div',
                { class: 'lost' },
                h('p', { class: 'label' }, 'Lost'),
                h(
                  'ul',
                  {},
                  item.loses.map((k) => h('li', {}, k)),
                ),
              )
            : h('p', { class: 'lost nothing-lost' }, 'Nothing is lost.')
          : null,
        item.compose
          ? item.compose.command
            ? h(
                'p',
                { class: 'small' },
                `Managed by Compose (project "${item.compose.project}", service "${item.compose.service}"). The Compose way: `,
                h('code', {}, item.compose.command),
              )
            : h(
                'p',
                { class: 'small' },
                `Managed by Compose (service "${item.compose.service}"), but its Compose labels allow no command to suggest: re-create it with Compose from its project folder.`,
              )
          : null,
      ),
    ),
  );
}

const OUTCOME_WORD: Record<string, string> = {
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  'in progress': 'Interrupted while in progress',
  'not started': 'Not started',
};
const OUTCOME_TONE: Record<string, string> = {
  done: 'ok',
  skipped: 'warn',
  failed: 'bad',
  'in progress': 'warn',
  'not started': '',
};

export function resultList(result: PublicApplyResult): HTMLElement {
  return h(
    'div',
    { class: 'results' },
    result.alreadyApplied ? h('p', {}, 'This plan had already been applied: nothing was done again.') : null,
    h(
      'ul',
      { 'aria-label': 'Result per container' },
      result.items.map((i) =>
        h(
          'li',
          { 'data-result-item': i.name, 'data-outcome': i.outcome },
          h('strong', {}, i.name),
          ': ',
          h('span', { class: `badge tone-${OUTCOME_TONE[i.outcome] ?? ''}` }, OUTCOME_WORD[i.outcome] ?? i.outcome),
          ` ${resultLine(i)}`,
        ),
      ),
    ),
  );
}

export function interruptedSummary(interrupted: InterruptedCleanup): HTMLElement {
  return h(
    'ul',
    { 'aria-label': 'Where the interrupted cleanup stopped' },
    interrupted.items.map((i) =>
      h(
        'li',
        { 'data-interrupted-item': i.name, 'data-status': i.status },
        h('strong', {}, i.name),
        ': ',
        h('span', { class: `badge tone-${OUTCOME_TONE[i.status] ?? ''}` }, OUTCOME_WORD[i.status] ?? i.status),
        ` (${i.stepsDone} of ${i.steps} steps done)${i.reason ? ` ${i.reason}` : ''}`,
      ),
    ),
  );
}
