// What each tray menu item does, through AppCore's methods (never the IPC handler table), and the
// one relaunch action the tray and a notification's button share: its outcome's error goes to
// the log, since nothing waits for it.

import type { RelaunchOutcome } from '../core/desktop/relaunch-service';
import { tomorrowMorning, type TrayAction } from '../core/monitor/tray-menu';
import type { WindowKind } from '../ipc/contract';
import type { AppCore } from './app-core';

/** Quits and reopens Docker Desktop (after AppCore's confirmation) without waiting for it. */
export function relaunchAction(relaunch: () => Promise<RelaunchOutcome>, log: (m: string) => void): () => void {
  return () => void relaunch().then((r) => r.error && log(r.error));
}

export interface TrayActionDeps {
  core: Pick<
    AppCore,
    'checkNow' | 'startDesktop' | 'pauseNotifications' | 'preferences' | 'setPreferences' | 'view' | 'copyReport'
  >;
  relaunch: () => void;
  openWindow: (kind: WindowKind) => void;
  /** Shows the view again (the start-at-login check mark follows the preference). */
  refresh: (view: ReturnType<AppCore['view']>) => void;
  quit: () => void;
  about: () => void;
  log: (m: string) => void;
  now?: () => number;
}

export function trayActions(deps: TrayActionDeps): Record<TrayAction, () => void> {
  const { core, log } = deps;
  const now = deps.now ?? Date.now;
  return {
    'check-now': () => void core.checkNow(),
    relaunch: deps.relaunch,
    'start-desktop': () =>
      void core.startDesktop().catch((err: unknown) => log(`Docker Desktop could not be started: ${String(err)}`)),
    'open-cleanup': () => deps.openWindow('cleanup'),
    'open-walkthrough': () => deps.openWindow('walkthrough'),
    'open-details': () => deps.openWindow('details'),
    'copy-report': () =>
      void core.copyReport().catch((err: unknown) => log(`the report could not be copied: ${String(err)}`)),
    'open-preferences': () => deps.openWindow('preferences'),
    about: deps.about,
    'pause-hour': () => core.pauseNotifications(now() + 3_600_000),
    'pause-tomorrow': () => core.pauseNotifications(tomorrowMorning(new Date(now()))),
    'resume-notifications': () => core.pauseNotifications(null),
    'toggle-start-at-login': () =>
      void core
        .setPreferences({ startAtLogin: !core.preferences().startAtLogin })
        .then(() => deps.refresh(core.view())),
    quit: deps.quit,
  };
}
