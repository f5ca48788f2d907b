// The walkthrough's use cases: its view (steps decided in walkthrough.ts from a fresh audit and
// the sign-in state), remembering what a cleanup removed so it can be re-created, and the
// re-creation itself once ECI is verified in effect. The app wires it; the decisions are here.

import type { ApplyResult } from '../cleanup/apply-result';
import type { Auditor } from '../cleanup/audit';
import type { CleanupService } from '../cleanup/cleanup-service';
import type { CleanupPlan } from '../cleanup/plan';
import { isSealedSpec, openSpec, sealSpec } from '../cleanup/spec-secrets';
import type { EciChecker } from '../verify/check';
import type { Confirm } from '../confirm';
import { desktopAuthStatus, type AuthStatus } from '../desktop/auth-status';
import { errorText } from '../error-text';
import type { InstallKey } from '../store/install-key';
import type { MonitorState } from '../monitor/monitor-state';
import { WALKTHROUGH_REMOVED_LIMIT, type Preferences, type PreferencesStore } from '../preferences/preferences';
import { isEciVerifiedInEffect } from '../verify/settle';
import { walkthroughView, type WalkthroughView } from './walkthrough';

export interface WalkthroughDeps {
  prefs: PreferencesStore;
  cleanup: CleanupService;
  confirm: Confirm;
  installKey: () => InstallKey;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
}

const AUTH_CACHE_MS = 60_000;

/**
 * Keeps at most `limit` removed containers: those already re-created go first, then the oldest.
 * Returns the names dropped before they were re-created. Bounds what is stored, so a cleanup of
 * more containers than the limit is still remembered (its newest) and never fails over it.
 */
export function keepRemovedWithin(progress: Preferences['walkthrough'], limit = WALKTHROUGH_REMOVED_LIMIT): string[] {
  const done = new Set(progress.recreated);
  let excess = progress.removed.length - limit;
  const drop = new Set<number>();
  for (const pass of [true, false]) {
    progress.removed.forEach((r, i) => {
      if (excess > 0 && !drop.has(i) && done.has(r.name) === pass) {
        drop.add(i);
        excess -= 1;
      }
    });
  }
  const dropped = progress.removed
    .filter((_r, i) => drop.has(i) && !done.has(progress.removed[i]!.name))
    .map((r) => r.name);
  progress.removed = progress.removed.filter((_r, i) => !drop.has(i));
  const kept = new Set(progress.removed.map((r) => r.name));
  progress.recreated = progress.recreated.filter((n) => kept.has(n));
  return dropped;
}

export class WalkthroughService {
  private authCache: { at: number; status: AuthStatus } | null = null;

  constructor(private readonly deps: WalkthroughDeps) {}

  /** Preferences written by older versions kept removed containers' environment in the clear. */
  sealOldSpecs(): void {
    const { prefs } = this.deps;
    if (prefs.get().walkthrough.removed.every((r) => isSealedSpec(r.spec))) return;
    try {
      prefs.update((p) => {
        for (const r of p.walkthrough.removed)
          if (!isSealedSpec(r.spec)) r.spec = sealSpec(this.deps.installKey(), r.spec);
      });
    } catch (err) {
      this.deps.log(`could not seal the kept environment of removed containers: ${errorText(err)}`);
    }
  }

  private async auth(): Promise<AuthStatus> {
    if (this.authCache && Date.now() - this.authCache.at < AUTH_CACHE_MS) return this.authCache.status;
    const status = await desktopAuthStatus(this.deps.env);
    this.authCache = { at: Date.now(), status };
    return status;
  }

  async view(state: MonitorState | null, auditor: Auditor | null): Promise<WalkthroughView> {
    let outside: number | null = null;
    if (auditor && state?.report.engine.reachable) {
      try {
        outside = (await auditor.audit()).containers.length;
      } catch {
        outside = null;
      }
    }
    return walkthroughView({
      report: state?.report ?? null,
      containersOutsideEci: outside,
      auth: await this.auth(),
      progress: this.deps.prefs.get().walkthrough,
      menuRestartSeen: !!state?.advice.includes('menu-restart-insufficient'),
      verifiedAt: state?.verifiedAt ?? null,
    });
  }

  skipRecreate(skip: boolean): void {
    this.deps.prefs.update((p) => {
      p.walkthrough.skipRecreate = skip;
    });
  }

  /** Keeps what a cleanup removed (environment sealed: its values are secrets), to re-create later. */
  rememberRemoved(result: ApplyResult, plan: CleanupPlan): void {
    const removed = result.items.filter((i) => i.outcome === 'done' && i.removedSpec);
    if (!removed.length) return;
    this.deps.prefs.update((p) => {
      for (const r of removed) {
        const item = plan.items.find((x) => x.name === r.name);
        p.walkthrough.removed = p.walkthrough.removed.filter((x) => x.name !== r.name);
        p.walkthrough.recreated = p.walkthrough.recreated.filter((x) => x !== r.name);
        p.walkthrough.removed.push({
          name: r.name,
          image: item?.image ?? '',
          removedAt: new Date().toISOString(),
          wasRunning: !!item?.wasRunning,
          spec: sealSpec(this.deps.installKey(), r.removedSpec!),
        });
      }
      p.walkthrough.skipRecreate = false;
      const dropped = keepRemovedWithin(p.walkthrough);
      if (dropped.length)
        this.deps.log(
          `the walkthrough keeps the last ${WALKTHROUGH_REMOVED_LIMIT} removed containers; no longer offered for re-creation: ${dropped.join(', ')}`,
        );
    });
  }

  /**
   * Re-creates the removed containers after confirmation. `fresh` is a new verification, not the
   * last one: ECI may have been turned off since. Throws the failures, one per container.
   */
  async recreate(checker: EciChecker, fresh: MonitorState | null): Promise<void> {
    if (!fresh || !isEciVerifiedInEffect(fresh.report))
      throw new Error('ECI is not verified in effect: re-created containers would run without it.');
    const progress = this.deps.prefs.get().walkthrough;
    const waiting = progress.removed.filter((c) => !progress.recreated.includes(c.name));
    if (!waiting.length) return;
    const ok = await this.deps.confirm({
      title: 'Re-create the removed containers?',
      message: `Create ${waiting.map((c) => c.name).join(', ')} again, under ECI?`,
      detail: 'They get the configuration they had, with the snapshot of their files where one was taken.',
      confirmLabel: waiting.length === 1 ? 'Re-create 1 container' : `Re-create ${waiting.length} containers`,
    });
    if (!ok) return;
    const key = this.deps.installKey;
    const failures = await this.deps.cleanup.recreate(
      checker,
      waiting.map((c) => ({
        name: c.name,
        wasRunning: c.wasRunning,
        spec: () => (isSealedSpec(c.spec) ? openSpec(key(), c.spec) : c.spec),
      })),
      (name) =>
        this.deps.prefs.update((p) => {
          p.walkthrough.recreated.push(name);
        }),
    );
    if (failures.length) throw new Error(failures.join('; '));
  }
}
