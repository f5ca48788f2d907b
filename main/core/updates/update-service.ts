// The app's own updates: a check at most daily in the background, the download checked the way
// electron-updater checks it on each OS, and a restart only after the user said yes (otherwise it
// installs when the app quits). The updater itself (electron-updater) is a port: main/app wires it.

import type { Confirm } from '../confirm';
import { errorText } from '../error-text';
import type { Preferences } from '../preferences/preferences';
import { restartConfirmation, updateCheckDue } from './update-policy';

export interface UpdaterPort {
  readonly currentVersion: string;
  /** Asks the release feed: the newer version, or null when this one is the newest. */
  check(): Promise<{ version: string } | null>;
  /** Downloads that version; resolves once it is downloaded and verified. */
  download(): Promise<void>;
  /** Quits the app and installs the downloaded version. */
  quitAndInstall(): void;
}

export type UpdateOutcome = 'disabled' | 'not-due' | 'up-to-date' | 'installing' | 'later' | 'failed' | 'busy';

export interface UpdateServiceDeps {
  /** null where the app cannot update itself (a development run, an unpackaged or system-packaged app). */
  port: UpdaterPort | null;
  /** False when the organization turned updates off. */
  enabled: () => boolean;
  confirm: Confirm;
  prefs: { get(): Preferences; update(change: (p: Preferences) => void): Preferences };
  log: (message: string) => void;
  now?: () => number;
}

export class UpdateService {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly deps: UpdateServiceDeps) {}

  /** Looks once now (in the background) and then every hour whether a daily check is due. */
  start(everyMs = 3_600_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.checkIfDue(), everyMs).unref();
    void this.checkIfDue();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async checkIfDue(): Promise<UpdateOutcome> {
    const { port } = this.deps;
    if (!port || !this.deps.enabled()) return 'disabled';
    const now = this.deps.now?.() ?? Date.now();
    if (!updateCheckDue(true, this.deps.prefs.get().updateCheckedAt, now)) return 'not-due';
    if (this.running) return 'busy';
    this.running = true;
    try {
      // Recorded before asking: a feed that fails is asked again tomorrow, not every hour.
      this.deps.prefs.update((p) => {
        p.updateCheckedAt = new Date(now).toISOString();
      });
      const found = await port.check();
      if (!found) return 'up-to-date';
      this.deps.log(`update: ${found.version} found; downloading`);
      await port.download();
      if (!(await this.deps.confirm(restartConfirmation(port.currentVersion, found.version)))) return 'later';
      port.quitAndInstall();
      return 'installing';
    } catch (err) {
      this.deps.log(`update: ${errorText(err)}`);
      return 'failed';
    } finally {
      this.running = false;
    }
  }
}
