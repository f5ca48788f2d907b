// The top of every page, decided here: the tray's glyph, a title of at most five words, one
// sentence and one primary button; the reason, the notes, the command and the evidence go under
// "Why?". Pure, so each state's top is a row in a table test. Words are read inside functions
// only: main/core/words.ts re-exports this module for the pages.

import type { CheckId, CheckReport } from '../model';
import type { MonitorState } from '../monitor/monitor-state';
import type { ForwardAction, WayForward } from '../verify/way-forward';
import { unknownCause } from '../verify/way-forward';
import { BEFORE_ECI_TITLE, beforeEciRun, MENU_RESTART_NOT_ENOUGH, reportFamily, type IconFamily } from '../words';
import { ENGINE_CAUSE_TEXT, engineCause, type EngineCause } from './engine-cause';

export type TopActionId = ForwardAction | 'copy-report' | 'copy-command';
export interface TopAction {
  id: TopActionId;
  label: string;
}

export interface PageHeadline {
  /** The tray icon's family: the page shows the same glyph. */
  glyph: IconFamily;
  title: string;
  sentence: string;
  /** The fix; null when there is none, and "Check now" is then the primary button. */
  primary: TopAction | null;
  /** Other buttons beside it ("Check now" is always there, secondary when a fix exists). */
  secondary: TopAction[];
  /** Under "Why?": the reason and the notes, each said once. */
  why: string[];
  /** The command that does it, copyable under "Why?" (or by the primary button). */
  command: string | null;
  /** Whether the probe saw anything: "Last verified" is said only then. */
  verified: boolean;
  /** The probes' results say nothing about ECI here (not Docker Desktop): no pass colours. */
  checksAreNotEci: boolean;
}

/** The four checks as a person reads them (the probe's own names stay in the evidence). */
export const CHECK_HUMAN_TITLE: Record<CheckId, string> = {
  'uid-map': 'Root in a container is not root on your machine',
  runtime: 'Containers run in an isolated runtime',
  'host-pid-namespace': "Containers can't see your machine's processes",
  'docker-socket-mount': "Containers can't take over Docker",
};

export const COPY_REPORT_FOR_IT = 'Copy report for IT';
export const CHECK_NOW = 'Check now';

/** "4 of 4 checks passed" (allow-listed counts: it is what ECI allows). */
export function checksSummary(checks: CheckReport['checks']): string {
  const passed = checks.filter((c) => c.result === 'isolated' || c.result === 'allow-listed').length;
  return `${passed} of ${checks.length} ${checks.length === 1 ? 'check' : 'checks'} passed`;
}

function errorsOf(report: CheckReport): string[] {
  return [
    ...report.checks.filter((c) => c.result === 'error').map((c) => c.observation),
    report.reason,
    report.engine.error ?? '',
  ];
}

/** Why a check could not run, as a cause with its button. */
export function unknownHeadline(report: CheckReport): { cause: EngineCause; title: string; sentence: string } {
  const cause = unknownCause(report) === 'paused' ? 'engine-slow' : engineCause(errorsOf(report));
  const text = ENGINE_CAUSE_TEXT[cause];
  return { cause, title: text.title, sentence: text.sentence(report.probeImage) };
}

function top(
  report: CheckReport | null,
  parts: Partial<PageHeadline> & Pick<PageHeadline, 'title' | 'sentence'>,
): PageHeadline {
  return {
    glyph: report ? reportFamily(report) : 'inactive',
    primary: null,
    secondary: [],
    why: report ? [report.reason] : [],
    command: null,
    verified: !!report?.checks.some((c) => c.result !== 'error'),
    checksAreNotEci: false,
    ...parts,
  };
}

export function pageHeadline(state: MonitorState | null, forward: WayForward | null): PageHeadline {
  if (!state)
    return top(null, {
      title: 'Not checked yet',
      sentence: 'ECI Tray has not verified ECI on this machine yet.',
    });
  const r = state.report;
  const fix = forward?.action ?? null;
  const command = forward?.command ?? null;
  const blocking = r.settingsProblems.find((p) => p.blocksDockerDesktop);
  if (blocking)
    return top(r, {
      glyph: 'unprotected',
      title: "Docker Desktop won't start",
      sentence: 'Its admin settings file is broken; whoever manages this Mac or PC must fix it.',
      primary: { id: 'copy-report', label: COPY_REPORT_FOR_IT },
      secondary: fix ? [fix] : [],
      why: [forward?.text ?? blocking.message, r.reason],
      command,
    });
  const menuNote = state.advice.includes('menu-restart-insufficient') ? [MENU_RESTART_NOT_ENOUGH] : [];
  switch (r.verdict) {
    case 'protected':
      return top(r, { title: 'Protected', sentence: 'ECI is on, and the probe containers confirm it.' });
    case 'unprotected-containers': {
      const n = r.unprotectedContainers.length;
      if (n === 0)
        return top(r, {
          title: 'Kubernetes nodes lack ECI',
          sentence: forward?.text ?? 'Reset the Kubernetes cluster so its nodes are re-created under ECI.',
        });
      return top(r, {
        title: BEFORE_ECI_TITLE,
        sentence: `${beforeEciRun(n)} without it until removed or re-created.`,
        primary: fix,
        command,
      });
    }
    case 'pending-restart':
      return top(r, {
        title: 'ECI not applied yet',
        sentence: fix ? 'Docker Desktop applies the new ECI setting only when it starts.' : (forward?.text ?? ''),
        primary: fix,
        why: [r.reason, ...menuNote],
        command,
      });
    case 'not-applied':
      return top(r, {
        title: 'ECI setting not applied',
        sentence: 'Docker Desktop started again and ECI is still not as asked.',
        primary: fix,
        why: [r.reason, forward?.text ?? ''].filter(Boolean),
        command,
      });
    case 'off':
      if (!fix)
        return top(r, {
          title: 'ECI is off by policy',
          sentence: forward?.text ?? 'Your admin policy turns ECI off.',
        });
      return top(r, {
        title: 'ECI is off',
        sentence: 'Containers run without Enhanced Container Isolation on this machine.',
        primary: fix,
        why: [r.reason, forward?.text ?? ''].filter(Boolean),
        command,
      });
    case 'engine-unreachable':
      if (r.engine.paused)
        return top(r, {
          title: 'Docker Desktop is paused',
          sentence: 'Resume it from the Docker menu; ECI can only be verified while it runs.',
        });
      return top(r, {
        title: 'Docker is not running',
        sentence: 'ECI can only be verified while Docker Desktop runs.',
        primary: fix,
        command,
      });
    case 'not-docker-desktop':
      return top(r, {
        glyph: 'unprotected',
        title: 'Not using Docker Desktop',
        sentence:
          "Docker points at another engine, where ECI doesn't exist: your containers there are not protected by it.",
        primary: command ? { id: 'copy-command', label: 'Copy the command' } : null,
        why: [r.reason, "Switch the Docker CLI back to Docker Desktop's engine with the command below."],
        command,
        checksAreNotEci: true,
      });
    case 'unsupported-version':
      return top(r, {
        title: 'Docker Desktop too old',
        sentence: 'ECI needs a newer Docker Desktop: update it from its menu.',
        why: [r.reason, forward?.text ?? ''].filter(Boolean),
      });
    case 'unknown': {
      const u = unknownHeadline(r);
      const pull = u.cause === 'image-not-found' || u.cause === 'registry-unreachable' || u.cause === 'pull-rate-limit';
      return top(r, {
        title: u.title,
        sentence: u.sentence,
        primary: pull ? { id: 'copy-command', label: 'Copy the pull command' } : null,
        why: [forward?.text ?? ''].filter(Boolean),
        command: pull ? `docker pull ${r.probeImage}` : command,
      });
    }
  }
}

/** The one thing the live region says when the top changes: the title and the sentence. */
export function headlineAnnouncement(h: Pick<PageHeadline, 'title' | 'sentence'>): string {
  return `${h.title}. ${h.sentence}`;
}
