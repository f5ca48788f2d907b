// The Preferences window's side of the app: what it shows (the values in force, which are managed
// and from where), a save (through AppCore's setPreferences: managed keys refused, the native
// confirmation for a new probe image, the checker rebuilt when what is verified changed), "Check
// image" (a real pull through the engine), and start at login as the app starts.

import { errorText } from '../core/error-text';
import { checkProbeImage, type ImageCheck, type ImagePuller } from '../core/preferences/image-check';
import { managedKeys, managedSummary, type ManagedPreferences } from '../core/preferences/managed-preferences';
import type { Preferences, PreferencesChange } from '../core/preferences/preferences';
import { ChangeNotConfirmed } from '../core/preferences/preferences-change';
import { changeLines, loginItemAtLaunch, preferencesView } from '../core/preferences/preferences-window';
import type { InvokeHandlers, ManagedView } from '../ipc/contract';

export interface PreferencesDeskDeps {
  managed: ManagedPreferences;
  /** No preferences file was found at start. */
  firstLaunch: boolean;
  /** The preferences in force (the user's own with the managed values over them). */
  inForce(): Preferences;
  /** AppCore.setPreferences: validates, refuses managed keys, confirms, saves, rebuilds the checker. */
  setPreferences(change: PreferencesChange): Promise<Preferences>;
  /** The engine of the current checker; throws with the reason when none is configured. */
  engine(): ImagePuller;
  setStartAtLogin(enabled: boolean): Promise<void>;
  log(message: string): void;
  imageCheckTimeoutMs?: number;
}

export type PreferencesHandlers = Pick<
  InvokeHandlers,
  'preferences:get' | 'preferences:set' | 'preferences:check-image'
>;

export class PreferencesDesk {
  private launched = false;

  constructor(private readonly deps: PreferencesDeskDeps) {}

  /** What the pages say about managed preferences (the details window's line), or null when none are. */
  managedView(): ManagedView | null {
    const m = this.deps.managed;
    const summary = managedSummary(m);
    return summary === null ? null : { source: m.source, keys: managedKeys(m), summary, problems: m.problems };
  }

  /**
   * Start at login as the app starts (loginItemAtLaunch); resolves true when the first launch
   * turned it on, which the welcome then states. Once a process: a rebuilt checker starts again.
   */
  async atLaunch(): Promise<boolean> {
    if (this.launched) return false;
    this.launched = true;
    const p = this.deps.inForce();
    const set = loginItemAtLaunch(this.deps.firstLaunch, this.deps.managed.values.startAtLogin, p.startAtLogin);
    if (set === null) return false;
    try {
      await this.deps.setStartAtLogin(set);
    } catch (err) {
      this.deps.log(`start at login could not be set: ${errorText(err)}`);
      return false;
    }
    return set && this.deps.firstLaunch && this.deps.managed.values.startAtLogin === undefined;
  }

  private async checkImage(image: string): Promise<ImageCheck> {
    let engine: ImagePuller;
    try {
      engine = this.deps.engine();
    } catch (err) {
      const cause = `No Docker engine to ask (${errorText(err)})`;
      return { image, pullable: false, present: false, cause, message: `${image} could not be checked: ${cause}.` };
    }
    return checkProbeImage(engine, image, this.deps.imageCheckTimeoutMs);
  }

  handlers(): PreferencesHandlers {
    return {
      'preferences:get': async () => preferencesView(this.deps.inForce(), this.deps.managed),
      'preferences:set': async (change) => {
        const before = this.deps.inForce();
        try {
          await this.deps.setPreferences(change);
        } catch (err) {
          if (err instanceof ChangeNotConfirmed) return { saved: false as const, message: err.message };
          throw err;
        }
        const after = this.deps.inForce();
        return {
          saved: true as const,
          view: preferencesView(after, this.deps.managed),
          changes: changeLines(before, after),
        };
      },
      'preferences:check-image': ({ image }) => this.checkImage(image),
    };
  }
}
