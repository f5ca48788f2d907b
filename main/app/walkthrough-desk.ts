// The walkthrough window's channels: its view (the last state, the containers still outside ECI,
// the user's progress), skipping the re-create step, and re-creating what a cleanup removed once
// a fresh verification shows ECI in effect.

import type { ApplyResult } from '../core/cleanup/apply-result';
import type { CleanupService } from '../core/cleanup/cleanup-service';
import type { CleanupPlan } from '../core/cleanup/plan';
import type { PreferencesStore } from '../core/preferences/preferences';
import { installKey, type InstallKey } from '../core/store/install-key';
import type { WalkthroughView } from '../core/walkthrough/walkthrough';
import { WalkthroughService } from '../core/walkthrough/walkthrough-service';
import type { InvokeHandlers } from '../ipc/contract';
import type { DeskPorts, Verification } from './desk-context';

export type WalkthroughHandlers = Pick<
  InvokeHandlers,
  'walkthrough:get' | 'walkthrough:skip-recreate' | 'walkthrough:recreate'
>;

export interface WalkthroughDeskDeps {
  stateDir: string;
  prefs: PreferencesStore;
  cleanup: CleanupService;
  env: NodeJS.ProcessEnv;
  ports: DeskPorts;
  verification: Verification;
}

export class WalkthroughDesk {
  private readonly service: WalkthroughService;
  private key: InstallKey | null = null;

  constructor(private readonly deps: WalkthroughDeskDeps) {
    const { ports } = deps;
    this.service = new WalkthroughService({
      prefs: deps.prefs,
      cleanup: deps.cleanup,
      confirm: (r) => ports.confirm(r),
      installKey: () => this.installKey(),
      env: deps.env,
      log: (m) => ports.log(m),
    });
    this.service.sealOldSpecs();
  }

  /** The install key (in the state folder) that seals the kept environments, made on first use. */
  private installKey(): InstallKey {
    this.key ??= installKey(this.deps.stateDir);
    return this.key;
  }

  /** Keeps what a cleanup removed, to offer it for re-creation. */
  rememberRemoved(result: ApplyResult, plan: CleanupPlan): void {
    this.service.rememberRemoved(result, plan);
  }

  view(): Promise<WalkthroughView> {
    const v = this.deps.verification;
    return this.service.view(v.current(), v.auditor());
  }

  handlers(): WalkthroughHandlers {
    const v = this.deps.verification;
    return {
      'walkthrough:get': () => this.view(),
      'walkthrough:skip-recreate': async ({ skip }) => {
        this.service.skipRecreate(skip);
        return this.view();
      },
      'walkthrough:recreate': async () => {
        // A fresh verification, not the last one: ECI may have been turned off since.
        await this.service.recreate(v.checker(), await v.checkNow());
        void v.checkNow();
        return this.view();
      },
    };
  }
}
