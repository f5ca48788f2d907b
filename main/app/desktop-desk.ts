// Docker Desktop itself: the full quit and relaunch (after the native confirmation, one at a time
// app-wide, whether the tray, a notification or a window asks), starting it when its engine does
// not answer, and opening a broken settings file that keeps it from starting.

import { RelaunchService, relaunchOutcome, type RelaunchOutcome } from '../core/desktop/relaunch-service';
import { startDesktop } from '../core/desktop/start-desktop';
import type { AppStateView, InvokeHandlers } from '../ipc/contract';
import type { DeskPorts, Verification } from './desk-context';

export type DesktopHandlers = Pick<
  InvokeHandlers,
  'desktop:relaunch-warning' | 'desktop:relaunch' | 'desktop:start' | 'settings:open-broken-file'
>;

export interface DesktopDeskPorts extends DeskPorts {
  /** Opens a file in the system's editor (never a URL, never a program). */
  openFile?(path: string): Promise<void>;
}

export interface DesktopDeskDeps {
  stateDir: string;
  env: NodeJS.ProcessEnv;
  ports: DesktopDeskPorts;
  verification: Verification;
  /** The app's state view, which says when a relaunch is under way. */
  view(): AppStateView;
  /** Called when `relaunching` changes, so the tray and the windows show it. */
  publish(): void;
}

export class DesktopDesk {
  private readonly relauncher: RelaunchService;
  private busy = false;

  constructor(private readonly deps: DesktopDeskDeps) {
    this.relauncher = new RelaunchService((r) => deps.ports.confirm(r), deps.env, deps.stateDir);
  }

  /** True from the user's yes until Docker Desktop is back (or the relaunch failed). */
  get relaunching(): boolean {
    return this.busy;
  }

  /** Quits and reopens Docker Desktop after confirmation; one at a time, app-wide. */
  async relaunch(): Promise<RelaunchOutcome> {
    const { ports, verification } = this.deps;
    const run = await this.relauncher.run(verification.checker(), {
      onProgress: (p) => ports.emit('relaunch:progress', p),
      onStart: () => {
        this.busy = true;
        this.deps.publish();
      },
    });
    if (this.busy) {
      this.busy = false;
      this.deps.publish();
    }
    if (run.kind === 'done' || run.kind === 'failed') void verification.checkNow();
    return relaunchOutcome(run);
  }

  /** Starts Docker Desktop (nothing stops; no confirmation needed), then verifies. */
  async start(): Promise<void> {
    await startDesktop(this.deps.verification.checker(), { env: this.deps.env });
    await this.deps.verification.checkNow();
  }

  handlers(): DesktopHandlers {
    const { ports, verification } = this.deps;
    return {
      'desktop:relaunch-warning': async () => this.relauncher.warning(verification.checker()),
      'desktop:relaunch': () => this.relaunch(),
      'desktop:start': async () => {
        await this.start();
        return this.deps.view();
      },
      'settings:open-broken-file': async () => {
        const file = verification.current()?.report.settingsProblems.find((p) => p.blocksDockerDesktop)?.file;
        if (!file) throw new Error('No settings file is broken now.');
        if (!ports.openFile) throw new Error(`Open ${file} in your editor.`);
        await ports.openFile(file);
      },
    };
  }
}
