// The guided walkthrough: six steps derived by the main process from the real state
// ('walkthrough:get'), refreshed whenever the state changes. Step 2 holds the cleanup component,
// step 4 the full quit and relaunch, step 5 the live verification, step 6 the re-creation.

import type { StepAction, WalkthroughStep, WalkthroughStepId, WalkthroughView } from '../../main/ipc/contract';
import { CleanupView } from '../shared/cleanup-view';
import { byId, h } from '../shared/dom';
import { bridge, errorText } from '../shared/eci';
import { RelaunchPanel, VerifyPanel } from './panels';
import { StepView, type ActionSpec } from './step-view';

const eci = bridge();
const alertBox = byId('alert');
const title = byId('title');
const intro = byId('intro');
const summary = byId('summary');
const stepsList = byId<HTMLOListElement>('steps');
const views = new Map<WalkthroughStepId, StepView>();

let cleanup: { view: CleanupView; box: HTMLDetailsElement; status: string } | null = null;

function showError(message: string | null): void {
  alertBox.hidden = message === null;
  alertBox.textContent = message ?? '';
}

const relaunch = new RelaunchPanel(eci, showError, () => void refresh());
const verify = new VerifyPanel(eci, showError);

async function checkAgain(): Promise<void> {
  showError(null);
  try {
    verify.show(await eci.invoke('check:run'));
  } catch (err) {
    showError(`The check could not run: ${errorText(err)}`);
  }
  await refresh();
}

async function withView(work: () => Promise<WalkthroughView>, what: string): Promise<void> {
  showError(null);
  try {
    render(await work());
  } catch (err) {
    showError(`${what}: ${errorText(err)}`);
    await refresh();
  }
}

const ACTIONS: Partial<Record<StepAction, ActionSpec>> = {
  check: { label: 'Check again', busyLabel: 'Checking…', run: checkAgain },
  'open-cleanup': { label: 'Open in its own window', busyLabel: 'Opening…', run: () => eci.invoke('window:open', { window: 'cleanup' }).catch((err: unknown) => showError(errorText(err))) },
  recreate: { label: 'Re-create them under ECI', busyLabel: 'Re-creating…', primary: true, run: () => withView(() => eci.invoke('walkthrough:recreate'), 'Re-creating failed') },
  'skip-recreate': { label: 'Skip this step', busyLabel: 'Skipping…', run: () => withView(() => eci.invoke('walkthrough:skip-recreate', { skip: true }), 'Could not skip') },
  'unskip-recreate': { label: 'Undo skip', busyLabel: 'Undoing…', run: () => withView(() => eci.invoke('walkthrough:skip-recreate', { skip: false }), 'Could not undo') },
};

/** The containers step carries the cleanup component, open while it is the current step. */
function mountCleanup(step: WalkthroughStep, view: StepView): void {
  if (!cleanup && step.status === 'done') return;
  if (!cleanup) {
    const component = new CleanupView(eci, { level: 3, onFinished: () => void refresh() });
    const box = h('details', { class: 'inline-cleanup' }, h('summary', {}, 'Review and clean up the containers'), component.root);
    view.extra.append(box);
    cleanup = { view: component, box, status: '' };
    void component.load();
  }
  // Opened or closed only when the status changes: the user's own toggle is respected.
  if (cleanup.status !== step.status) cleanup.box.open = step.status === 'current';
  cleanup.status = step.status;
}

function render(wv: WalkthroughView): void {
  title.textContent = wv.target === 'on' ? 'Turn on Enhanced Container Isolation' : 'A policy turns Enhanced Container Isolation off';
  intro.textContent =
    wv.target === 'on'
      ? 'From "ECI is off" to "verified protected". Each step follows from what ECI Tray sees right now, so it stays right when you close this window or restart the app.'
      : 'An admin policy turns ECI off. These steps apply it and verify it; each follows from what ECI Tray sees right now.';
  const current = wv.steps.find((s) => s.status === 'current' || s.status === 'blocked');
  const said = wv.complete
    ? wv.target === 'on'
      ? 'Done: ECI is on and verified, and nothing is left to do.'
      : 'Done: ECI is off, as the policy asks, and verified.'
    : current
      ? `Step ${current.number} of ${wv.steps.length}${current.status === 'blocked' ? ' is blocked' : ''}: ${current.title}.`
      : '';
  // A live region: rewritten only when the words change, so a refresh is not read out again.
  if (summary.textContent !== said) summary.textContent = said;
  document.body.dataset['target'] = wv.target;
  document.body.dataset['complete'] = String(wv.complete);
  for (const step of wv.steps) {
    let view = views.get(step.id);
    if (!view) {
      view = new StepView(step.id);
      views.set(step.id, view);
      stepsList.append(view.root);
      if (step.id === 'relaunch') view.extra.append(relaunch.root);
      if (step.id === 'verify') view.extra.append(verify.root);
    }
    const actions = step.actions
      .filter((a) => !(step.id === 'verify' && a === 'check') && ACTIONS[a])
      .map((action) => ({ action, spec: ACTIONS[action]!, disabled: step.status === 'blocked' && action === 'recreate' }));
    view.update(step, step.id !== 'verify', actions);
    if (step.id === 'containers') mountCleanup(step, view);
    if (step.id === 'relaunch') relaunch.offer(step.actions.includes('relaunch'));
  }
}

let refreshing: Promise<void> | null = null;
let again = false;

/** One walkthrough:get at a time; a request during one runs once more after it. */
function refresh(): Promise<void> {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      try {
        render(await eci.invoke('walkthrough:get'));
      } catch (err) {
        showError(errorText(err));
      }
    } while (again);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

let timer: ReturnType<typeof setTimeout> | null = null;
eci.on('state:changed', (view) => {
  verify.show(view);
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void refresh(), 250);
});

eci.invoke('state:get').then(
  (view) => verify.show(view),
  () => undefined,
);
void refresh();
