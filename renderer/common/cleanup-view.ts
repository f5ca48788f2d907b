// The cleanup component, used by the cleanup window and inline in the walkthrough's step 2:
// audit (a table of choices) -> plan (made by the main process; a sticky footer says what it will
// do, its preview one click away) -> apply with per-container progress -> results; an
// interrupted cleanup is offered for resume first.

import type { ApplyProgress, Audit, CleanupPlan, InterruptedCleanup, PublicApplyResult } from '../../main/ipc/contract';
import { heading, uncoveredGroup } from './cleanup-audit';
import { interruptedSummary, planPreview, resultList } from './cleanup-plan';
import { AuditTable } from './cleanup-table';
import { fill, h } from './dom';
import { errorText, type EciBridge } from './eci';
import { ProgressPanel } from './progress';
import { applyLabel, BEFORE_ECI, beforeEciRun, planCounts, planSummary, resultHeadline } from './words';

export interface CleanupViewOptions {
  /** Heading level of the component's sections (2 in its own window, 3 inside a walkthrough step). */
  level: number;
  /** After an apply or a resume finished (the walkthrough re-derives its steps). */
  onFinished?: () => void;
}

const TERMINAL = new Set<ApplyProgress['status']>(['done', 'skipped', 'failed']);

export class CleanupView {
  readonly root: HTMLElement;
  private readonly alert = h('div', { role: 'alert', class: 'alert', hidden: true });
  private readonly status = h('p', { role: 'status', class: 'summary' });
  private readonly interruptedBox = h('section', {
    class: 'card interrupted',
    hidden: true,
    'aria-label': 'Interrupted cleanup',
  });
  private readonly auditBox = h('div');
  private readonly planBox = h('details', { class: 'plan-box', id: 'cleanup-plan-preview', hidden: true });
  private readonly planSummaryLine = h('summary', {}, 'The plan, container by container');
  private readonly preview = h('div', { 'aria-live': 'polite' });
  /** Sticky at the bottom of the window: what will happen, the plan one click away, the action. */
  private readonly footer = h('section', {
    class: 'cleanup-footer',
    hidden: true,
    'aria-label': 'What the cleanup will do',
  });
  private readonly summaryLine = h('p', { class: 'plan-summary', 'data-role': 'plan-summary', 'aria-live': 'polite' });
  private readonly applyButton: HTMLButtonElement;
  private readonly progress = new ProgressPanel('Cleanup progress');
  private readonly resultBox = h('section', {
    class: 'result-box',
    hidden: true,
    'aria-label': 'Cleanup result',
    tabindex: '-1',
  });
  private form: AuditTable | null = null;
  private plan: CleanupPlan | null = null;
  private planSeq = 0;
  private running = false;
  /** Progress events count until then: during a run, and briefly after (events and replies travel apart). */
  private progressUntil = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly eci: EciBridge,
    private readonly options: CleanupViewOptions,
  ) {
    this.applyButton = h(
      'button',
      // Plain until a plan can remove something (setApplyEnabled): never red by default.
      { type: 'button', 'data-action': 'apply', disabled: true, onclick: () => void this.apply() },
      'Nothing to change',
    );
    fill(this.planBox, this.planSummaryLine, this.preview);
    const show = h(
      'button',
      {
        type: 'button',
        'data-action': 'show-plan',
        'aria-controls': this.planBox.id,
        onclick: () => this.showPreview(),
      },
      'Preview the plan',
    );
    fill(this.footer, this.summaryLine, h('div', { class: 'actions' }, show, this.applyButton));
    const again = h(
      'button',
      { type: 'button', 'data-action': 'look-again', onclick: () => void (this.running ? undefined : this.load()) },
      'Look again',
    );
    this.root = h(
      'div',
      { class: 'cleanup' },
      this.alert,
      this.interruptedBox,
      h('div', { class: 'actions' }, this.status, again),
      this.auditBox,
      this.planBox,
      this.footer,
      this.progress.root,
      this.resultBox,
    );
    this.unsubscribe = eci.on('cleanup:progress', (p) => this.onProgress(p));
  }

  dispose(): void {
    this.unsubscribe();
  }

  /**
   * Looks at the containers again and makes a fresh plan with the default choices; after an apply
   * or a resume (`afterRun`), with nothing selected.
   */
  async load(afterRun = false): Promise<void> {
    this.showError(null);
    this.status.textContent = `Looking at the ${BEFORE_ECI}…`;
    this.status.setAttribute('aria-busy', 'true');
    // Choices made on the old list while it is being replaced would be lost.
    this.form?.setEnabled(false);
    this.setApplyEnabled(false);
    try {
      const [audit, interrupted] = await Promise.all([
        this.eci.invoke('containers:audit'),
        this.eci.invoke('cleanup:interrupted'),
      ]);
      this.renderInterrupted(interrupted);
      await this.renderAudit(audit, afterRun);
    } catch (err) {
      this.status.textContent = 'The containers could not be listed.';
      fill(this.auditBox, h('button', { type: 'button', onclick: () => void this.load() }, 'Try again'));
      this.hidePlan();
      this.showError(errorText(err));
    } finally {
      this.status.removeAttribute('aria-busy');
    }
  }

  private showError(message: string | null): void {
    this.alert.hidden = message === null;
    fill(this.alert, message ?? '');
  }

  private renderInterrupted(data: InterruptedCleanup | null): void {
    this.interruptedBox.hidden = !data;
    if (!data) return fill(this.interruptedBox);
    fill(
      this.interruptedBox,
      heading(this.options.level, 'A cleanup was interrupted'),
      h(
        'p',
        {},
        'It stopped before it finished (the app, the computer or Docker stopped). Resume it to finish: steps already done are not repeated. Or discard it: nothing is removed or put back.',
      ),
      // E.g. a last journal line cut short by the crash: the user is told, not left guessing.
      ...(data.notice ? [h('p', { class: 'notice', 'data-role': 'journal-notice' }, data.notice)] : []),
      interruptedSummary(data),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'primary', 'data-action': 'resume', onclick: () => void this.resume() },
          'Resume the cleanup',
        ),
        // Sets the journal aside after a native confirmation; no container is touched.
        h(
          'button',
          { type: 'button', 'data-action': 'discard', onclick: () => void this.discard(data.planId) },
          'Discard',
        ),
      ),
    );
  }

  private async discard(planId: string): Promise<void> {
    if (this.running) return;
    this.showError(null);
    try {
      const result = await this.eci.invoke('cleanup:discard', { planId });
      if ('discarded' in result) await this.load();
    } catch (err) {
      this.showError(errorText(err));
    }
  }

  private async renderAudit(audit: Audit, afterRun: boolean): Promise<void> {
    const n = audit.containers.length;
    if (n === 0) {
      this.status.textContent = 'No container of yours runs without ECI: nothing to clean up.';
      fill(this.auditBox, ...uncoveredGroup(audit, this.options.level));
      this.hidePlan();
      this.form = null;
      this.plan = null;
      return;
    }
    this.status.textContent = `${beforeEciRun(n)} unprotected. Choose what to do with each; nothing happens until you apply the plan.`;
    const defaults = await this.eci.invoke('cleanup:plan', {});
    this.form = new AuditTable(audit, defaults, this.options.level, () => void this.replan(), afterRun);
    fill(this.auditBox, this.form.root, ...uncoveredGroup(audit, this.options.level));
    // The defaults plan covers every container; the table starts with some left out (running or
    // holding data): the plan shown, and applied, must be the one for the rows ticked.
    if (this.form.choices().every((c) => c.include)) this.showPlan(defaults);
    else await this.replan();
  }

  private showPlan(plan: CleanupPlan | null): void {
    this.plan = plan;
    this.planBox.hidden = false;
    this.footer.hidden = false;
    const counts = planCounts(plan?.items ?? []);
    const label = applyLabel(counts);
    const notIncluded = this.form ? this.form.choices().filter((c) => !c.include).length : 0;
    fill(
      this.preview,
      plan ? planPreview(plan, this.options.level + 1) : h('p', {}, 'No container is included: nothing would change.'),
    );
    this.summaryLine.textContent = planSummary(counts, notIncluded);
    this.summaryLine.removeAttribute('aria-busy');
    this.setApplyEnabled(label !== null && !this.running);
    // The button says what it does (a confirmation follows: hence the ellipsis).
    this.applyButton.textContent = label ? `${label}…` : 'Nothing to change';
  }

  private hidePlan(): void {
    this.planBox.hidden = true;
    this.footer.hidden = true;
  }

  /** The plan preview, one click from the footer: opened, scrolled to and focused. */
  private showPreview(): void {
    this.planBox.open = true;
    this.planSummaryLine.scrollIntoView({ block: 'start' });
    this.planSummaryLine.focus();
  }

  private setApplyEnabled(enabled: boolean): void {
    this.applyButton.disabled = !enabled;
    // Red only while it can remove something: never on an empty plan, during or after an apply.
    this.applyButton.classList.toggle('primary', enabled);
    this.applyButton.classList.toggle('danger', enabled);
  }

  /** A choice changed: the main process makes the plan again (it alone decides what is possible). */
  private async replan(): Promise<void> {
    if (!this.form) return;
    const seq = ++this.planSeq;
    const choices = this.form.choices();
    const included = choices.filter((c) => c.include);
    if (!included.length) return this.showPlan(null);
    this.setApplyEnabled(false);
    // The footer's counts are the last plan's until the new one arrives.
    this.summaryLine.setAttribute('aria-busy', 'true');
    try {
      const plan = await this.eci.invoke('cleanup:plan', {
        strategies: choices.map((c) => ({ id: c.id, strategy: c.strategy })),
        ...(included.length < choices.length ? { only: included.map((c) => c.id) } : {}),
      });
      if (seq === this.planSeq) this.showPlan(plan);
    } catch (err) {
      if (seq === this.planSeq) this.showError(errorText(err));
    }
  }

  private onProgress(p: ApplyProgress): void {
    if (Date.now() > this.progressUntil) return;
    const done = p.index + (TERMINAL.has(p.status) ? 1 : 0);
    const tone = p.status === 'done' ? 'ok' : p.status === 'failed' ? 'bad' : p.status === 'skipped' ? 'warn' : '';
    this.progress.step(`[${p.index + 1}/${p.total}] ${p.name}: ${p.message}`, done, p.total, tone);
  }

  private async run(what: string, work: () => Promise<PublicApplyResult | { confirmed: false }>): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.progressUntil = Infinity;
    this.showError(null);
    this.form?.setEnabled(false);
    this.setApplyEnabled(false);
    this.resultBox.hidden = true;
    this.progress.start(`${what}: waiting for your confirmation…`);
    let changed = true;
    try {
      const result = await work();
      if ('confirmed' in result && result.confirmed === false) {
        // Nothing ran: the user's choices stay as they were.
        changed = false;
        this.progress.finish('Cancelled: nothing was changed.');
      } else {
        const r = result as PublicApplyResult;
        this.progress.finish(resultHeadline(r.items));
        fill(this.resultBox, heading(this.options.level, 'Result'), resultList(r));
        this.resultBox.hidden = false;
        // The apply button is gone or disabled: keyboard focus moves to what happened.
        this.resultBox.focus();
      }
    } catch (err) {
      this.progress.finish('Stopped.');
      this.showError(errorText(err));
    } finally {
      this.running = false;
      this.progressUntil = Date.now() + 2_000;
      if (changed) {
        this.options.onFinished?.();
        await this.load(true);
      } else {
        this.form?.setEnabled(true);
        this.setApplyEnabled(!!this.plan?.items.some((i) => i.allowed));
      }
    }
  }

  private apply(): Promise<void> {
    const plan = this.plan;
    if (!plan) return Promise.resolve();
    return this.run('Applying the plan', () => this.eci.invoke('cleanup:apply', { planId: plan.id }));
  }

  private resume(): Promise<void> {
    return this.run('Resuming the cleanup', () => this.eci.invoke('cleanup:resume'));
  }
}
