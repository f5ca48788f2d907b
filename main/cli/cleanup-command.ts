// `eci-tray cleanup --plan | --apply PLANFILE | --resume`: plan what to do with the containers
// created before ECI, apply a plan after confirmation, resume an interrupted one.

import { join } from 'node:path';
import { CleanupError } from '../core/cleanup/apply';
import type { ApplyProgress } from '../core/cleanup/apply-result';
import { Auditor } from '../core/cleanup/audit';
import { CleanupLockedError } from '../core/cleanup/cleanup-lock';
import { CleanupService, type CleanupRun } from '../core/cleanup/cleanup-service';
import { JournalError } from '../core/cleanup/journal';
import { STRATEGIES, type CleanupPlan, type Strategy } from '../core/cleanup/plan';
import { PlanSelectionError } from '../core/cleanup/plan-input';
import { cleanupConfirmation } from '../core/cleanup/plan-summary';
import { PlanFileError, signedPlan, writePlanFile } from '../core/cleanup/plan-file';
import type { ConfirmRequest } from '../core/confirm';
import { errorText } from '../core/error-text';
import { publicResult } from '../core/cleanup/spec-secrets';
import { installKey, InstallKeyError } from '../core/store/install-key';
import { EciChecker } from '../core/verify/check';
import { isEciVerifiedInEffect } from '../core/verify/settle';
import { stateDir } from '../core/store/state-dir';
import { CHECK_FLAGS, CHECK_FLAGS_HELP, checkConfigFrom, parseFlags } from './check-options';
import { confirmOrRefuse } from './confirm';
import {
  EXIT_CLEANUP_BUSY,
  EXIT_CLEANUP_FAILED,
  EXIT_CLEANUP_INTERRUPTED,
  EXIT_ENGINE_UNREACHABLE,
  EXIT_OK,
  EXIT_PLAN_REFUSED,
} from './exit-codes';
import { formatPlan, formatResult } from './format-cleanup';
import type { CliIO } from './io';
import { oneLine } from '../core/text/terminal-text';
import { UsageError } from './usage-error';

export const CLEANUP_HELP = `Usage:
  eci-tray cleanup --plan [--strategy remove|snapshot|recreate] [--only NAME]... [--output FILE] [--json]
  eci-tray cleanup --apply PLANFILE [--yes]
  eci-tray cleanup --resume [--yes]

Plans, then applies, the cleanup of containers created before ECI was on. A plan says for every
container what will be kept and what lost before anything runs. Strategies:
  remove     stop and remove the container (volumes are always kept)
  snapshot   commit its filesystem to an image (eci-tray-snapshot/<name>:<time>), then remove it
  recreate   snapshot if it has changes, remove, then create and start it again with the same
             configuration so it runs under ECI (only when ECI is verified in effect)
Without --strategy each container gets a sensible default (recreate where possible).

Options:
  --plan                 make a plan (saved to --output FILE, or under the state folder)
  --apply PLANFILE       apply a plan; asks for confirmation unless --yes
  --resume               resume the last interrupted cleanup
  --only NAME            limit the plan to these containers (repeatable)
${CHECK_FLAGS_HELP}
  -y, --yes              do not ask for confirmation
  --show-values          with --json: print removed containers' environment, command, entrypoint,
                         healthcheck, labels and log options in full (they can hold tokens)
  -h, --help             show this help

Plans are signed with this installation's key (in the state folder): a plan edited by hand or
made by another installation is refused. Environment values, command lines, labels and log
options are printed by name and size only, unless --show-values asks for them.

Exit codes: 0 done (skipped containers are listed with the reason), 21 a container failed,
22 the plan file or journal was refused, 23 interrupted (the engine went away; resume later),
24 another cleanup is running (apply, resume or re-create, from the app or another CLI).

Examples:
  eci-tray cleanup --plan --output plan.json
  eci-tray cleanup --apply plan.json
  eci-tray cleanup --resume
`;

const CLEANUP_FLAGS = {
  ...CHECK_FLAGS,
  plan: { type: 'boolean' },
  apply: { type: 'string' },
  resume: { type: 'boolean' },
  strategy: { type: 'string' },
  only: { type: 'string', multiple: true },
  output: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'show-values': { type: 'boolean' },
} as const;

function progressLine(p: ApplyProgress): string {
  return `[${p.index + 1}/${p.total}] ${oneLine(p.name)}: ${oneLine(p.message)}\n`;
}

/** The cleanup's refusals and failures, each with its exit code (exit-codes.ts); null: not one of them. */
function refusalExit(err: unknown): { code: number; prefix: string } | null {
  if (err instanceof CleanupLockedError) return { code: EXIT_CLEANUP_BUSY, prefix: 'refused: ' };
  if (err instanceof PlanFileError || err instanceof JournalError || err instanceof InstallKeyError)
    return { code: EXIT_PLAN_REFUSED, prefix: 'refused: ' };
  if (err instanceof CleanupError) return { code: EXIT_CLEANUP_INTERRUPTED, prefix: '' };
  return null;
}

export async function cleanupCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(args, CLEANUP_FLAGS);
  if (values.help) {
    io.out(CLEANUP_HELP);
    return EXIT_OK;
  }
  const modes = [values.plan, values.apply !== undefined, values.resume].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('choose exactly one of --plan, --apply PLANFILE or --resume');
  if (values.strategy !== undefined && !(STRATEGIES as readonly string[]).includes(values.strategy)) {
    throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}, not "${values.strategy}"`);
  }
  if (!values.plan && (values.strategy || values.only || values.output))
    throw new UsageError('--strategy, --only and --output go with --plan');

  const checker = new EciChecker(checkConfigFrom(values));
  const dir = stateDir();
  const service = new CleanupService(dir);
  const onProgress = (p: ApplyProgress) => io.err(progressLine(p));
  const ask = (question: string) =>
    confirmOrRefuse(
      `${question} [y/N] `,
      !!values.yes,
      'refusing to change containers without confirmation: pass --yes',
    );
  const finished = (run: CleanupRun): number => {
    if (run.kind === 'declined') {
      io.err('Nothing done.\n');
      return EXIT_OK;
    }
    // Names and sizes only unless asked: a re-created container's values can hold tokens.
    io.out(
      values.json
        ? JSON.stringify(values['show-values'] ? run.result : publicResult(run.result), null, 2) + '\n'
        : formatResult(run.result),
    );
    return run.result.items.some((i) => i.outcome === 'failed') ? EXIT_CLEANUP_FAILED : EXIT_OK;
  };
  try {
    const down = await checker.ping();
    if (down) {
      io.err(`eci-tray cleanup: no Docker engine answers: ${down}\n`);
      return EXIT_ENGINE_UNREACHABLE;
    }
    if (values.plan) {
      const eciEffective = isEciVerifiedInEffect(await checker.check());
      const plan = await service
        .plan(checker, new Auditor(checker.engine()), {
          only: values.only ?? null,
          ...(values.strategy ? { strategy: values.strategy as Strategy } : {}),
          eciEffective,
        })
        .catch((err: unknown) => {
          throw err instanceof PlanSelectionError ? new UsageError(err.message) : err;
        });
      const path = values.output ?? join(dir, 'plans', `${plan.id}.json`);
      const key = installKey(dir);
      // A folder the user chose with --output is left as it is; the state folder is made private.
      writePlanFile(path, plan, key, { privateDir: values.output === undefined });
      io.out(values.json ? JSON.stringify(signedPlan(plan, key), null, 2) + '\n' : formatPlan(plan, path));
      return EXIT_OK;
    }
    if (values.apply !== undefined) {
      const confirmPlan = (plan: CleanupPlan) => {
        io.err(formatPlan(plan, null));
        return ask(cleanupConfirmation(plan).message);
      };
      return finished(await service.applyFile(checker, values.apply, installKey(dir), confirmPlan, onProgress));
    }
    // A cleanup that is running (here or in the app) is not an interrupted one: refused.
    const { unfinished, refused } = service.scan();
    for (const r of refused) io.err(`eci-tray cleanup: refused: ${r.reason}\n`);
    if (!unfinished) {
      if (refused.length) return EXIT_PLAN_REFUSED;
      io.out('No interrupted cleanup to resume.\n');
      return EXIT_OK;
    }
    const confirmResume = (request: ConfirmRequest) => {
      if (unfinished.notice) io.err(`eci-tray cleanup: notice: ${unfinished.notice}\n`);
      io.err(`Interrupted cleanup ${unfinished.plan.id} (journal ${unfinished.path}):\n`);
      for (const x of unfinished.summary())
        io.err(
          oneLine(
            `  ${x.status.padEnd(11)} ${x.name} (${x.stepsDone}/${x.steps} steps done)${x.reason ? `: ${x.reason}` : ''}`,
          ) + '\n',
        );
      return ask(request.message);
    };
    return finished(await service.confirmAndResume(checker, confirmResume, onProgress));
  } catch (err) {
    const refusal = refusalExit(err);
    if (!refusal) throw err;
    io.err(`eci-tray cleanup: ${refusal.prefix}${errorText(err)}\n`);
    return refusal.code;
  } finally {
    checker.close();
  }
}
