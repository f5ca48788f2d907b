// One step of the walkthrough as a list item that stays in place across refreshes. It is a
// disclosure: collapsed it shows one line (past tense when done, "Waits for step N" when not
// reached yet, why when it is the current one); only the step the user is at opens by itself.
// Its status, lines and details are updated in place, its buttons are rebuilt only when they
// change (so a refresh never takes keyboard focus away), and its live part (cleanup, relaunch,
// checks) is mounted once.

import type { StepAction, StepStatus, WalkthroughStep } from '../../main/ipc/contract';
import { fill, h } from '../common/dom';

const STATUS_WORD: Record<StepStatus, string> = {
  done: 'Done',
  current: 'Current step',
  todo: 'Not yet',
  blocked: 'Blocked',
};
// Not reached yet is neutral: no colour, no result. Blocked is a caution, not an alarm.
const STATUS_TONE: Record<StepStatus, string> = { done: 'ok', current: '', todo: '', blocked: 'warn' };

export interface ActionSpec {
  label: string;
  busyLabel: string;
  run: () => Promise<void>;
}

export interface ActionItem {
  action: StepAction;
  spec: ActionSpec;
  primary: boolean;
  disabled?: boolean;
}

export class StepView {
  readonly root: HTMLLIElement;
  readonly box: HTMLDetailsElement;
  private readonly title: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly line: HTMLElement;
  private readonly why: HTMLElement;
  private readonly detail: HTMLElement;
  readonly extra: HTMLElement;
  private readonly actions: HTMLElement;
  private actionsKey = '';
  private status: StepStatus | null = null;

  constructor(id: string) {
    this.title = h('h2', { id: `step-${id}-title` });
    this.badge = h('span', { class: 'badge' });
    this.line = h('span', { class: 'step-line' });
    this.why = h('p', { class: 'step-why' });
    this.detail = h('div', { class: 'step-detail' });
    this.extra = h('div', { class: 'step-extra' });
    this.actions = h('div', { class: 'actions' });
    this.box = h(
      'details',
      { class: 'step-box' },
      h('summary', { class: 'step-head' }, this.title, this.badge, this.line),
      h('div', { class: 'step-body' }, this.why, this.detail, this.extra, this.actions),
    );
    this.root = h('li', { class: 'step', 'data-step': id, 'aria-labelledby': `step-${id}-title` }, this.box);
  }

  update(step: WalkthroughStep, showDetail: boolean, actions: ActionItem[]): void {
    this.root.className = `step status-${step.status}`;
    this.root.dataset['status'] = step.status;
    if (step.status === 'current' || step.status === 'blocked') this.root.setAttribute('aria-current', 'step');
    else this.root.removeAttribute('aria-current');
    // Opened or closed only when the status changes: the user's own toggle is respected.
    if (this.status !== step.status) this.box.open = step.status === 'current' || step.status === 'blocked';
    this.status = step.status;
    this.title.textContent = `${step.number}. ${step.title}${step.optional ? ' (optional)' : ''}`;
    this.badge.className = `badge tone-${STATUS_TONE[step.status]}`;
    this.badge.textContent = STATUS_WORD[step.status];
    this.line.textContent = step.line;
    // The why is shown inside only when the one line did not say it already.
    this.why.textContent = step.why;
    this.why.hidden = step.why === step.line;
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
    const key = JSON.stringify(actions.map((a) => [a.action, a.spec.label, a.primary, !!a.disabled]));
    if (key === this.actionsKey) return;
    this.actionsKey = key;
    fill(
      this.actions,
      actions.map(({ action, spec, primary, disabled }) => {
        const button = h(
          'button',
          {
            type: 'button',
            class: primary ? 'primary' : '',
            'data-action': action,
            'aria-disabled': disabled ? 'true' : null,
          },
          spec.label,
        );
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
