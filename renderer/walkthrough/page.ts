// The guided walkthrough: six steps derived by the main process from the real state
// ('walkthrough:get'), refreshed whenever the state changes. Step 2 holds the cleanup component,
// step 4 the full quit and relaunch, step 5 the live verification, step 6 the re-creation.
// One glance: the result header on top, done steps collapsed to one past-tense line, steps not
// reached yet neutral, one primary button (the current step's), the current step scrolled to.

import type { StepAction, WalkthroughStep, WalkthroughStepId, WalkthroughView } from '../../main/ipc/contract';
import { CleanupView } from '../common/cleanup-view';
import { byId, h } from '../common/dom';
import { bridge, errorText } from '../common/eci';
import { RelaunchPanel, VerifyPanel } from './panels';
import { StepView, type ActionItem, type ActionSpec } from './step-view';
import { CHECK_NOW } from '../common/words';

const eci = bridge();
const alertBox = byId('alert');
const result = byId('result');
const purpose = byId('purpose');
const title = byId('title');
const summary = byId('summary');
const stepsList = byId<HTMLOListElement>('steps');
const views = new Map<WalkthroughStepId, StepView>();

let cleanup: { view: CleanupView; box: HTMLDetailsElement; status: string } | null = null;
/** The step the window last brought into view (it scrolls again only when that changes). */
let shownStep: WalkthroughStepId | null = null;

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
  check: { label: CHECK_NOW, busyLabel: 'Checking…', run: checkAgain },
  'open-cleanup': {
    label: 'Open in its own window',
    busyLabel: 'Opening…',
    run: () => eci.invoke('window:open', { window: 'cleanup' }).catch((err: unknown) => showError(errorText(err))),
  },
  recreate: {
    label: 'Re-create them under ECI',
    busyLabel: 'Re-creating…',
    run: () => withView(() => eci.invoke('walkthrough:recreate'), 'Re-creating failed'),
  },
  'skip-recreate': {
    label: 'Skip this step',
    busyLabel: 'Skipping…',
    run: () => withView(() => eci.invoke('walkthrough:skip-recreate', { skip: true }), 'Could not skip'),
  },
  'unskip-recreate': {
    label: 'Undo skip',
    busyLabel: 'Undoing…',
    run: () => withView(() => eci.invoke('walkthrough:skip-recreate', { skip: false }), 'Could not undo'),
  },
};

/** The containers step carries the cleanup component, open while it is the current step. */
function mountCleanup(step: WalkthroughStep, view: StepView): void {
  if (!cleanup && step.status === 'done') return;
  if (!cleanup) {
    const component = new CleanupView(eci, { level: 3, onFinished: () => void refresh() });
    const box = h(
      'details',
      { class: 'inline-cleanup' },
      h('summary', {}, 'Review and clean up the containers'),
      component.root,
    );
    view.extra.append(box);
    cleanup = { view: component, box, status: '' };
    void component.load();
  }
  // Opened or closed only when the status changes: the user's own toggle is respected.
  if (cleanup.status !== step.status) cleanup.box.open = step.status === 'current';
  cleanup.status = step.status;
}

/** Steps whose live part carries their own primary button (the cleanup, the relaunch, the checks). */
const OWN_PRIMARY = new Set<WalkthroughStepId>(['containers', 'relaunch', 'verify']);

function actionsOf(step: WalkthroughStep): ActionItem[] {
  const here = step.status === 'current';
  return step.actions
    .filter((a) => !(step.id === 'verify' && a === 'check') && ACTIONS[a])
    .map((action, i) => ({
      action,
      spec: ACTIONS[action]!,
      // Only the step the user is at has a primary button: its first action.
      primary: here && i === 0 && !OWN_PRIMARY.has(step.id),
      disabled: action === 'recreate' && !here,
    }));
}

/** Brings the step the user is at into view: on opening, and when the way forward moves on. */
function showCurrent(wv: WalkthroughView): void {
  const at = wv.steps.find((s) => s.status === 'current' || s.status === 'blocked');
  if (!at || at.id === shownStep) return;
  shownStep = at.id;
  const li = views.get(at.id)?.root;
  if (!li) return;
  const top = li.getBoundingClientRect().top;
  // Left alone when it already starts in the upper part of the window (the header stays in sight).
  if (top < 0 || top > window.innerHeight * 0.4) li.scrollIntoView({ block: 'start' });
}

function render(wv: WalkthroughView): void {
  const head = wv.header;
  purpose.textContent = head.purpose;
  title.textContent = head.title;
  result.className = `result tone-${head.tone}`;
  // A live region: rewritten only when the words change, so a refresh is not read out again.
  if (summary.textContent !== head.line) summary.textContent = head.line;
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
    view.update(step, step.id !== 'verify', actionsOf(step));
    if (step.id === 'containers') mountCleanup(step, view);
    if (step.id === 'relaunch') {
      relaunch.offer(step.actions.includes('relaunch'));
      relaunch.setPrimary(step.status === 'current');
    }
    if (step.id === 'verify') {
      verify.setPrimary(step.status === 'current');
      verify.setReached(step.status !== 'todo');
    }
  }
  showCurrent(wv);
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
