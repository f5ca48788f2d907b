// The details window: the verdict in plain words with the next step, and all the evidence behind
// it. It follows the app's state ('state:changed') and can ask for a check now. For IT: "Copy
// report", the raw engine output, the recent activity, and links to Docker's documentation.

import type { AppStateView } from '../../main/ipc/contract';
import { byId, fill } from '../common/dom';
import { bridge, errorText } from '../common/eci';
import {
  CHECK_NOW,
  FULL_QUIT,
  headlineAnnouncement,
  pageHeadline,
  relaunchOutcomeText,
  when,
  type PageHeadline,
  type TopActionId,
} from '../common/words';
import { copyButton, docsLink, fillActivity, rawOutputSection } from './handover';
import {
  checksSection,
  containersSection,
  desiredSection,
  engineSection,
  notesSection,
  problemsSection,
  uncoveredSection,
  type DocsLink,
  type OpenWindow,
} from './sections';
import { fixButtons, glyphSource, toneOf, whyBody } from './top';

const eci = bridge();
const alertBox = byId('alert');
const bannerBox = byId('banner');
const glyph = byId<HTMLImageElement>('glyph');
const title = byId('verdict-title');
const sentence = byId('verdict-sentence');
const fixBox = byId('fix');
const whyBox = byId('why');
const whyContent = byId('why-body');
const announce = byId('announce');
const checkButton = byId<HTMLButtonElement>('check-now');
const lastVerified = byId('last-verified');
const checkStatus = byId('check-status');
const checkProgress = byId<HTMLProgressElement>('check-progress');
const notice = byId('notice');
const managed = byId('managed');
const sections = byId('sections');
const activity = byId('activity');
const copyStatus = byId('copy-status');
const copyReport = copyButton(eci, 'report', 'Copy report', copyStatus);
byId('copy-report').replaceWith(copyReport);

let current: AppStateView | null = null;
let asking = false;
let bannerKey = '';
let reportKey = '';
// Nothing said yet: the first state is announced too.
let top: PageHeadline = { ...pageHeadline(null, null), title: '', sentence: '' };

/** The command under "Why?" onto the clipboard: the page's own selection, copied as the user would. */
function copyCommand(): void {
  const code = whyContent.querySelector('[data-forward-command]');
  if (!code) return;
  // Shown where it is copied from (a closed disclosure has nothing to select).
  whyBox.setAttribute('open', '');
  const range = document.createRange();
  range.selectNodeContents(code);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  const copied = document.execCommand('copy');
  copyStatus.textContent = copied ? `Copied: ${code.textContent ?? ''}` : 'Select the command and copy it.';
}

const open: OpenWindow = (kind) => {
  eci.invoke('window:open', { window: kind }).catch((err: unknown) => showError(errorText(err)));
};

/** The top's buttons: each action goes to the main process, which confirms what changes anything. */
const act = (action: TopActionId): void => {
  showError(null);
  const failed = (what: string) => (err: unknown) => showError(`${what}: ${errorText(err)}`);
  switch (action) {
    case 'open-cleanup':
      return open('cleanup');
    case 'open-walkthrough':
      return open('walkthrough');
    case 'relaunch':
      checkStatus.textContent = `${FULL_QUIT}: waiting for your confirmation…`;
      eci.invoke('desktop:relaunch').then((r) => {
        checkStatus.textContent = !r.confirmed
          ? 'Cancelled: Docker Desktop was not touched.'
          : r.error
            ? ''
            : relaunchOutcomeText({ applied: !!r.applied, verdict: r.verdict ?? 'unknown' }, 'app');
        if (r.error) showError(`Docker Desktop could not be quit and reopened: ${r.error}`);
      }, failed('Docker Desktop could not be quit and reopened'));
      return;
    case 'start-desktop':
      checkStatus.textContent = 'Starting Docker Desktop…';
      eci.invoke('desktop:start').then(render, failed('Docker Desktop could not be started'));
      return;
    case 'open-settings-file':
      eci.invoke('settings:open-broken-file').catch(failed('The file could not be opened'));
      return;
    case 'check-now':
      checkButton.click();
      return;
    case 'copy-report':
      copyReport.click();
      return;
    case 'copy-command':
      copyCommand();
      return;
  }
};

function showError(message: string | null): void {
  alertBox.hidden = message === null;
  alertBox.textContent = message ?? '';
}

const link: DocsLink = (url, text) => docsLink(eci, url, text, showError);

/** The recent activity, read again after the state changes (main records it before it tells us). */
function loadActivity(): void {
  eci.invoke('activity:get').then(
    (entries) => fillActivity(activity, entries),
    (err: unknown) => fill(activity, `The recent activity could not be read: ${errorText(err)}`),
  );
}

function render(view: AppStateView): void {
  current = view;
  const s = view.state;
  // Parts with focusable controls are rebuilt only when their content changed, so a state event
  // never pulls keyboard focus away from the user.
  const bKey = JSON.stringify([s?.report, s?.advice, s?.verifiedAt, view.forward]);
  if (bKey !== bannerKey) {
    // A new verdict makes the last "Checked: ..." announcement stale.
    if (bannerKey && !asking && !view.checking) checkStatus.textContent = '';
    bannerKey = bKey;
    const before = top;
    top = pageHeadline(s, view.forward);
    bannerBox.className = `banner tone-${toneOf(top.glyph)}`;
    bannerBox.dataset['verdict'] = s?.report.verdict ?? 'none';
    glyph.src = glyphSource(top.glyph);
    title.textContent = top.title;
    sentence.textContent = top.sentence;
    fill(fixBox, ...fixButtons(top, act));
    fixBox.hidden = !top.primary && !top.secondary.length;
    copyReport.hidden = top.primary?.id === 'copy-report';
    fill(whyContent, ...whyBody(top, view, copyCommand));
    whyBox.hidden = !whyContent.childElementCount;
    // The live region says the title and the sentence, once per change: never the whole banner.
    if (before.title !== top.title || before.sentence !== top.sentence)
      announce.textContent = headlineAnnouncement(top);
  }
  const rKey = JSON.stringify(s?.report ?? null);
  if (rKey !== reportKey) {
    reportKey = rKey;
    fill(
      sections,
      ...(s
        ? [
            ...checksSection(s.report, link, top.checksAreNotEci),
            ...rawOutputSection(eci, s.report),
            ...desiredSection(s.report),
            ...problemsSection(s.report),
            ...engineSection(s.report),
            ...containersSection(s.report, open),
            ...uncoveredSection(s.report),
            ...notesSection(s.report, link),
          ]
        : []),
    );
  }
  renderProgress();
  notice.hidden = !view.notice;
  notice.textContent = view.notice ?? '';
  managed.hidden = !view.managed;
  managed.textContent = view.managed?.summary ?? '';
}

function renderProgress(): void {
  const s = current?.state ?? null;
  const checking = asking || !!current?.checking || !!current?.relaunching;
  // "Last verified" only when the probe saw something; otherwise the title already says it.
  lastVerified.textContent = s?.verifiedAt && top.verified ? `Last verified ${when(s.verifiedAt)}` : '';
  checkProgress.hidden = !checking;
  checkButton.setAttribute('aria-disabled', String(checking));
  checkButton.textContent = current?.relaunching ? 'Relaunching…' : checking ? 'Checking…' : CHECK_NOW;
  // "Check now" is the primary button only when there is no fix to do.
  checkButton.classList.toggle('primary', !top.primary);
  document.body.setAttribute('aria-busy', String(checking));
  if (current?.relaunching) checkStatus.textContent = 'Checking after the relaunch of Docker Desktop…';
  else if (checking) checkStatus.textContent = 'Checking: running the probe containers…';
  else if (checkStatus.textContent?.startsWith('Checking')) checkStatus.textContent = s ? `Checked: ${top.title}.` : '';
}

checkButton.addEventListener('click', () => {
  if (asking || current?.checking) return;
  asking = true;
  showError(null);
  renderProgress();
  eci.invoke('check:run').then(
    (view) => {
      asking = false;
      render(view);
    },
    (err: unknown) => {
      asking = false;
      showError(`The check could not run: ${errorText(err)}`);
      renderProgress();
    },
  );
});

let activityTimer: ReturnType<typeof setTimeout> | null = null;
eci.on('state:changed', (view) => {
  render(view);
  if (activityTimer) clearTimeout(activityTimer);
  activityTimer = setTimeout(loadActivity, 200);
});
eci.invoke('state:get').then(render, (err: unknown) => showError(errorText(err)));
loadActivity();
// "2 minutes ago" stays true while the window is open.
setInterval(renderProgress, 15_000);
