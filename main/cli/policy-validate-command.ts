// `eci-tray policy validate [FILE]`: whether Docker Desktop will accept an admin-settings.json,
// each finding as file:line:column, and an exit code a script can branch on.

import {
  OUTCOME_SUMMARY,
  type PolicyFinding,
  type PolicyOutcome,
  type PolicyValidation,
} from '../core/policy/policy-findings';
import { validateParsed } from '../core/policy/validate-policy';
import { settingsPaths } from '../core/settings/load-settings';
import { readSettingsFile } from '../core/settings/settings-file';
import {
  EXIT_OK,
  EXIT_POLICY_IGNORED_PARTS,
  EXIT_POLICY_NO_FILE,
  EXIT_POLICY_REJECTED,
  EXIT_POLICY_UNCERTAIN,
} from './exit-codes';
import type { CliIO } from './io';
import { parseFlags } from './check-options';
import { oneLine } from '../core/text/terminal-text';
import { UsageError } from './usage-error';

export const POLICY_EXIT_CODES: Record<PolicyOutcome, number> = {
  valid: EXIT_OK,
  rejected: EXIT_POLICY_REJECTED,
  uncertain: EXIT_POLICY_UNCERTAIN,
  'ignored-parts': EXIT_POLICY_IGNORED_PARTS,
  missing: EXIT_POLICY_NO_FILE,
  unreadable: EXIT_POLICY_NO_FILE,
};

export const POLICY_VALIDATE_HELP = `Usage: eci-tray policy validate [FILE] [--json]

Checks an admin-settings.json the way Docker Desktop reads it: strict JSON in UTF-8 (no comments,
no trailing commas, no byte order mark), configurationFileVersion, every documented setting's
shape, the Enhanced Container Isolation section in depth, and unknown keys ("did you mean").
FILE defaults to this machine's admin-settings.json.

Exit codes: 0 Docker Desktop will accept it; 30 it will not; 31 Docker's docs do not say whether
it will (e.g. a BOM); 32 accepted, but parts have no effect (unknown keys); 33 no file or unreadable.

Options:
  --json       print one JSON object instead of text
  -h, --help   show this help

Examples:
  eci-tray policy validate
  eci-tray policy validate ./admin-settings.json --json
`;

const LABEL: Record<PolicyFinding['level'], string> = {
  rejected: 'error',
  uncertain: 'warning',
  ignored: 'ignored',
  note: 'note',
};

export function formatValidation(v: PolicyValidation): string {
  const lines = [`${v.file}: ${v.outcome} - ${OUTCOME_SUMMARY[v.outcome]}`];
  for (const f of v.findings) {
    const at = f.line !== undefined ? `${v.file}:${f.line}:${f.column ?? 1}` : v.file;
    lines.push(`  ${at}: ${LABEL[f.level]}: ${f.message}`);
  }
  return lines.map(oneLine).join('\n') + '\n';
}

export async function policyValidateCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (parsed.values.help) {
    io.out(POLICY_VALIDATE_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length > 1) throw new UsageError('give one file at a time');
  const file = parsed.positionals[0] ?? settingsPaths({}).admin;
  const validation = validateParsed(await readSettingsFile(file, 'admin'));
  const exitCode = POLICY_EXIT_CODES[validation.outcome];
  io.out(
    parsed.values.json ? JSON.stringify({ ...validation, exitCode }, null, 2) + '\n' : formatValidation(validation),
  );
  return exitCode;
}
