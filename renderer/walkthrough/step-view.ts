// One step of the walkthrough as a list item that stays in place across refreshes: its status,
// why and details are updated in place, its buttons are rebuilt only when they change (so a
// refresh never takes keyboard focus away), and a step's live part (cleanup, relaunch, checks)
// is mounted once.

import type { StepAction, StepStatus, WalkthroughStep } from '../../main/ipc/contract';
import { fill, h } from '../shared/dom';

const STATUS_WORD: Record<StepStatus, string> = { done: 'Done', current: 'Current step', todo: 'To do', blocked: 'Blocked' };
const STATUS_TONE: Record<StepStatus, string> = { done: 'ok', current: '', todo: '', blocked: 'bad' };

export interface ActionSpec {
  label: string;
  busyLabel: string;
  primary?: boolean;
  run: () => Promise<void>;
}

export class StepView {
  readonly root: HTMLLIElement;
  private readonly title: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly why: HTMLElement;
  private readonly detail: HTMLElement;
  readonly extra: HTMLElement;
  private readonly actions: HTMLElement;
  private actionsKey = '';

  constructor(id: string) {
    this.title = h('h2', { id: `step-${id}-title` });
    this.badge = h('span', { class: 'badge' });
    this.why = h('p', { class: 'step-why' });
    this.detail = h('div', { class: 'step-detail' });
    this.extra = h('div', { class: 'step-extra' });
    this.actions = h('div', { class: 'actions' });
    this.root = h(
      'li',
      { class: 'step', 'data-step': id, 'aria-labelledby': `step-${id}-title` },
      h('div', { class: 'step-head' }, this.title, this.badge),
      this.why,
      this.detail,
      this.extra,
      this.actions,
    );
  }

  update(step: WalkthroughStep, showDetail: boolean, actions: Array<{ action: StepAction; spec: ActionSpec; disabled?: boolean }>): void {
    this.root.className = `step status-${step.status}`;
    this.root.dataset['status'] = step.status;
    if (step.status === 'current') this.root.setAttribute('aria-current', 'step');
    else this.root.removeAttribute('aria-current');
    this.title.textContent = `${step.number}. ${step.title}${step.optional ? ' (optional)' : ''}`;
    this.badge.className = `badge tone-${STATUS_TONE[step.status]}`;
    this.badge.textContent = STATUS_WORD[step.status];
    this.why.textContent = step.why;
    fill(
      this.detail,
      showDetail && step.detail.length
        ? h(
            'ul',
            {},
            step.detail.map((d) => h('li', {}, d)),
          )
        : null,
    );
    const key = JSON.stringify(actions.map((a) => [a.action, a.spec.label, !!a.disabled]));
    if (key === this.actionsKey) return;
    this.actionsKey = key;
    fill(
      this.actions,
      actions.map(({ action, spec, disabled }) => {
        const button = h('button', { type: 'button', class: spec.primary ? 'primary' : '', 'data-action': action, 'aria-disabled': disabled ? 'true' : null }, spec.label);
        button.addEventListener('click', () => {
          if (button.getAttribute('aria-disabled') === 'true') return;
          button.setAttribute('aria-disabled', 'true');
          button.textContent = spec.busyLabel;
          void spec.run().finally(() => {
            button.removeAttribute('aria-disabled');
            button.textContent = spec.label;
          });
        });
        return button;
      }),
    );
  }
}
