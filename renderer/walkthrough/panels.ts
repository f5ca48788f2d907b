// The walkthrough's live parts that outlive a refresh of the steps: the full quit and relaunch
// (with its progress) and the verification (the four checks, run live).

import type { AppStateView, RelaunchStep } from '../../main/ipc/contract';
import { checksList } from '../common/checks-view';
import { fill, h } from '../common/dom';
import { errorText, type EciBridge } from '../common/eci';
import { ProgressPanel } from '../common/progress';
import { FULL_QUIT, relaunchOutcomeText, VERDICT_TITLE, when } from '../common/words';

const RELAUNCH_STEPS: RelaunchStep[] = [
  'detect',
  'stopping',
  'waiting-for-stop',
  'starting',
  'waiting-for-engine',
  'verifying',
  'done',
];

export class RelaunchPanel {
  readonly root: HTMLElement;
  private readonly warning = h('p', { class: 'warning', hidden: true, 'data-relaunch-warning': '' });
  private readonly button: HTMLButtonElement;
  private readonly progress = new ProgressPanel('Relaunch progress');
  private readonly outcome = h('p', { role: 'status', class: 'outcome' });
  private running = false;
  /** Progress events count during a run and briefly after (events and replies travel apart). */
  private progressUntil = 0;

  constructor(
    private readonly eci: EciBridge,
    private readonly showError: (message: string | null) => void,
    private readonly onDone: () => void,
  ) {
    this.button = h('button', { type: 'button', 'data-action': 'relaunch', onclick: () => void this.run() }, FULL_QUIT);
    const byHand = h(
      'details',
      {},
      h('summary', {}, 'Or do it by hand'),
      h(
        'ol',
        {},
        h(
          'li',
          {},
          'Open the Docker menu (whale icon) and choose "Quit Docker Desktop". Not "Restart": that keeps the old setting.',
        ),
        h('li', {}, 'Wait until Docker Desktop has stopped, then start it again.'),
        h('li', {}, 'ECI Tray notices Docker Desktop coming back and verifies ECI by itself.'),
      ),
    );
    this.root = h(
      'div',
      { class: 'relaunch' },
      this.warning,
      h('div', { class: 'actions' }, this.button),
      byHand,
      this.progress.root,
      this.outcome,
    );
    eci.on('relaunch:progress', (p) => {
      if (Date.now() <= this.progressUntil)
        this.progress.step(p.message, RELAUNCH_STEPS.indexOf(p.step) + 1, RELAUNCH_STEPS.length);
    });
  }

  /** The window's one primary button belongs to the step the user is at. */
  setPrimary(primary: boolean): void {
    this.button.classList.toggle('primary', primary);
  }

  /** Shown when a relaunch would apply the pending setting (and while one runs). */
  offer(offered: boolean): void {
    this.button.hidden = !offered && !this.running;
    if (offered && this.warning.hidden) {
      this.eci.invoke('desktop:relaunch-warning').then(
        (text) => {
          this.warning.hidden = false;
          fill(this.warning, h('strong', {}, 'Before you relaunch: '), text);
        },
        () => undefined,
      );
    }
    if (!offered && !this.running) this.warning.hidden = true;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.progressUntil = Infinity;
    this.showError(null);
    this.button.setAttribute('aria-disabled', 'true');
    this.outcome.textContent = '';
    this.progress.start(`${FULL_QUIT}: waiting for your confirmation…`);
    try {
      const r = await this.eci.invoke('desktop:relaunch');
      if (!r.confirmed) {
        this.progress.finish('Cancelled: Docker Desktop was not touched.');
      } else if (r.error) {
        this.progress.finish('The relaunch did not finish.');
        this.showError(`Docker Desktop could not be quit and reopened: ${r.error}`);
      } else {
        this.progress.finish('Docker Desktop was quit and reopened.');
        this.outcome.textContent = relaunchOutcomeText(
          { applied: !!r.applied, verdict: r.verdict ?? 'unknown' },
          'app',
        );
      }
    } catch (err) {
      this.progress.finish('The relaunch did not finish.');
      this.showError(errorText(err));
    } finally {
      this.running = false;
      this.progressUntil = Date.now() + 2_000;
      this.button.removeAttribute('aria-disabled');
      this.onDone();
    }
  }
}

/** Step 5: the four checks of the latest verification, and a button that runs them now. */
export class VerifyPanel {
  readonly root: HTMLElement;
  private readonly checks = h('div', { class: 'verify-checks' });
  private readonly status = h('p', { role: 'status', class: 'progress-line' });
  private readonly button: HTMLButtonElement;
  private running = false;

  constructor(
    private readonly eci: EciBridge,
    private readonly showError: (message: string | null) => void,
  ) {
    this.button = h(
      'button',
      { type: 'button', 'data-action': 'verify', onclick: () => void this.run() },
      'Verify now',
    );
    this.root = h('div', { class: 'verify' }, h('div', { class: 'actions' }, this.button), this.status, this.checks);
  }

  /** Primary only while verifying is the step the user is at. */
  setPrimary(primary: boolean): void {
    this.button.classList.toggle('primary', primary);
  }

  /** A step not reached yet shows no results: checks that did not apply are not "Not isolated" cards. */
  setReached(reached: boolean): void {
    this.checks.hidden = !reached;
  }

  show(view: AppStateView | null): void {
    const s = view?.state;
    fill(
      this.checks,
      s
        ? [
            h('p', { class: 'muted small' }, `Last verified ${when(s.verifiedAt)}.`),
            checksList(s.report.checks, `No probe container ran: ${s.report.reason}`),
          ]
        : [],
    );
    // A check the app runs by itself (after a relaunch, a cleanup) shows here too, while it runs.
    if (this.running) return;
    if (view?.checking) this.status.textContent = 'Checking: running the probe containers…';
    else if (this.status.textContent?.startsWith('Checking'))
      this.status.textContent = s ? `Verified: ${VERDICT_TITLE[s.report.verdict]}.` : '';
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.showError(null);
    this.button.setAttribute('aria-disabled', 'true');
    this.status.textContent = 'Checking: running the probe containers…';
    try {
      const view = await this.eci.invoke('check:run');
      this.show(view);
      this.status.textContent = view.state
        ? `Verified: ${VERDICT_TITLE[view.state.report.verdict]}.`
        : 'The check gave no answer.';
    } catch (err) {
      this.status.textContent = '';
      this.showError(`The check could not run: ${errorText(err)}`);
    } finally {
      this.running = false;
      this.button.removeAttribute('aria-disabled');
    }
  }
}
