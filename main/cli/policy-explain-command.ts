// `eci-tray policy explain [--json] [--no-probe]`: the ECI setting from every source, which one wins
// and why, and (by probe, as "check" runs it) whether it is in effect.

import { runCheck } from '../core/verify/check';
import { explainPolicy, type PolicyExplanation } from '../core/policy/explain-policy';
import { loadSettings } from '../core/settings/load-settings';
import { CHECK_FLAGS, CHECK_FLAGS_HELP, checkConfigFrom, parseFlags } from './check-options';
import { EXIT_OK, EXIT_POLICY_REJECTED, VERDICT_EXIT_CODES } from './exit-codes';
import type { CliIO } from './io';
import { oneLine } from '../core/text/terminal-text';

export const POLICY_EXPLAIN_HELP = `Usage: eci-tray policy explain [--json] [--no-probe] [options]

Shows what each source asks for Enhanced Container Isolation (admin-settings.json, the user's
settings file, what a Docker Home policy left locally), which one wins and why, the Docker socket
mount allow list, and whether the setting is in effect, verified with probe containers.
A setting file Docker Desktop will not start with is said first, and the exit code is then 30.
Otherwise the exit code is as for "check" (0 when protected); 0 with --no-probe.

Options:
  --no-probe             only read the files; do not start probe containers
${CHECK_FLAGS_HELP}
  -h, --help             show this help

Examples:
  eci-tray policy explain
  eci-tray policy explain --no-probe --json
`;

const NAMES = { 'admin-file': 'Admin file', 'user-file': 'User file', 'docker-home': 'Docker Home' } as const;

/** The problems that keep Docker Desktop from starting: said first, and they decide the exit code. */
export const blockingProblems = (e: PolicyExplanation) => e.problems.filter((p) => p.blocksDockerDesktop);

const where = (p: PolicyExplanation['problems'][number]) => `${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ''}`;

export function formatExplanation(e: PolicyExplanation): string {
  const lines: string[] = [];
  for (const p of blockingProblems(e)) lines.push(`✗ Docker Desktop will not start: ${where(p)}: ${p.message}`);
  if (lines.length) lines.push('');
  lines.push('Sources of the ECI setting:');
  for (const s of e.sources) lines.push(`  ${NAMES[s.source].padEnd(12)} ${s.says}${s.file ? `  [${s.file}]` : ''}`);
  lines.push(
    '',
    `Wins: ${e.desired.eci === null ? 'unknown' : e.desired.eci ? 'ECI on' : 'ECI off'} (${e.desired.source}). ${e.why}`,
  );
  lines.push(
    '',
    e.socketMountAllowList.length
      ? `Images allowed to mount the Docker socket: ${e.socketMountAllowList.map((a) => `${a.image} (${NAMES[a.from].toLowerCase()})`).join(', ')}`
      : 'Images allowed to mount the Docker socket: none',
  );
  lines.push('', `In effect: ${e.effect.says}`);
  for (const p of e.problems) if (!p.blocksDockerDesktop) lines.push(`  ${where(p)}: ${p.severity}: ${p.message}`);
  return lines.map(oneLine).join('\n') + '\n';
}

export async function policyExplainCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(args, { ...CHECK_FLAGS, 'no-probe': { type: 'boolean' } });
  if (values.help) {
    io.out(POLICY_EXPLAIN_HELP);
    return EXIT_OK;
  }
  const config = checkConfigFrom(values);
  const snapshot = await loadSettings(config);
  const report = values['no-probe']
    ? null
    : await runCheck({ ...config, onProgress: (m) => io.err(`eci-tray policy explain: ${m}\n`) });
  const explanation = explainPolicy(snapshot, report);
  io.out(values.json ? JSON.stringify(explanation, null, 2) + '\n' : formatExplanation(explanation));
  // A file Docker Desktop will not start with outweighs the verdict: it is what to fix first.
  if (blockingProblems(explanation).length) return EXIT_POLICY_REJECTED;
  return report ? VERDICT_EXIT_CODES[report.verdict] : EXIT_OK;
}
