// The containers window's channels: the audit, cleanup plans (kept here by id, so a page names a
// plan and never hands one in), applying one after the native confirmation, and resuming or
// discarding (setting its journal aside, touching no container) an interrupted cleanup. What a cleanup removed goes to the walkthrough, to re-create later.

import type { Auditor } from '../core/cleanup/audit';
import type { ApplyProgress, ApplyResult } from '../core/cleanup/apply-result';
import { CleanupService } from '../core/cleanup/cleanup-service';
import type { CleanupPlan, Strategy } from '../core/cleanup/plan';
import { cleanupConfirmation } from '../core/cleanup/plan-summary';
import { publicResult } from '../core/cleanup/spec-secrets';
import { desktopContextOf } from '../core/verify/desktop-owned';
import { isEciVerifiedInEffect } from '../core/verify/settle';
import type { InvokeHandlers } from '../ipc/contract';
import type { DeskPorts, Verification } from './desk-context';

export type CleanupHandlers = Pick<
  InvokeHandlers,
  'containers:audit' | 'cleanup:plan' | 'cleanup:apply' | 'cleanup:interrupted' | 'cleanup:resume' | 'cleanup:discard'
>;

export class CleanupDesk {
  /** Shared with the walkthrough, whose re-create runs under the same cleanup lock. */
  readonly service: CleanupService;
  private readonly plans = new Map<string, CleanupPlan>();

  constructor(
    stateDir: string,
    private readonly ports: DeskPorts,
    private readonly verification: Verification,
    private readonly onRemoved: (result: ApplyResult, plan: CleanupPlan) => void,
  ) {
    this.service = new CleanupService(stateDir, (m) => ports.log(m));
  }

  private engineAuditor(): Auditor {
    const auditor = this.verification.auditor();
    if (!auditor) throw new Error('No Docker engine is configured.');
    return auditor;
  }

  handlers(): CleanupHandlers {
    const v = this.verification;
    const progress = (p: ApplyProgress) => this.ports.emit('cleanup:progress', p);
    return {
      'containers:audit': async () => {
        const auditor = v.auditor();
        if (!auditor || (await v.checker().ping()) !== null)
          throw new Error('No Docker engine answers: start Docker Desktop, then try again.');
        return auditor.audit(desktopContextOf(await v.checker().readSettings()));
      },
      'cleanup:plan': async ({ strategies, only }) => {
        const choices = new Map((strategies ?? []).map((x) => [x.id, x.strategy as Strategy]));
        const report = v.current()?.report;
        const plan = await this.service.plan(v.checker(), this.engineAuditor(), {
          only: only ?? null,
          choices,
          eciEffective: !!report && isEciVerifiedInEffect(report),
        });
        this.plans.set(plan.id, plan);
        return plan;
      },
      'cleanup:apply': async ({ planId }) => {
        const plan = this.plans.get(planId);
        if (!plan) throw new Error('This plan is no longer available: make a new plan.');
        const ok = await this.ports.confirm(cleanupConfirmation(plan));
        if (!ok) return { confirmed: false as const };
        const result = await this.service.apply(v.checker(), plan, progress);
        this.onRemoved(result, plan);
        void v.checkNow();
        return publicResult(result);
      },
      'cleanup:interrupted': async () => this.service.interrupted(),
      'cleanup:resume': async () => {
        const run = await this.service.confirmAndResume(v.checker(), (r) => this.ports.confirm(r), progress);
        if (run.kind === 'declined') return { confirmed: false as const };
        this.onRemoved(run.result, run.journal.plan);
        void v.checkNow();
        return publicResult(run.result);
      },
      'cleanup:discard': async ({ planId }) => {
        const run = await this.service.confirmAndDiscard(planId, (r) => this.ports.confirm(r));
        return run.kind === 'declined' ? { confirmed: false as const } : { discarded: true as const };
      },
    };
  }
}
