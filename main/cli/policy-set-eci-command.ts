// `eci-tray policy set-eci on|off [--locked] [--allow-socket-image IMAGE]... [--file PATH] [--create]`:
// edits the admin settings file in place (see main/core/policy/set-eci.ts) and says what changed
// and that Docker Desktop applies it only after a full quit.

import { checkImagePattern } from '../core/settings/image-pattern-syntax';
import { setEci, type SetEciResult } from '../core/policy/set-eci';
import { settingsPaths } from '../core/settings/load-settings';
import {
  EXIT_OK,
  EXIT_POLICY_CHANGED,
  EXIT_POLICY_NO_FILE,
  EXIT_POLICY_NO_RIGHTS,
  EXIT_POLICY_REJECTED,
} from './exit-codes';
import type { CliIO } from './io';
import { parseFlags } from './check-options';
import { formatValidation, POLICY_EXIT_CODES } from './policy-validate-command';
import { UsageError } from './usage-error';
import { FULL_QUIT, MENU_RESTART_NOT_ENOUGH, SIGN_IN_APPLIES } from '../core/words';

export const POLICY_SET_ECI_HELP = `Usage: eci-tray policy set-eci on|off [--locked] [--allow-socket-image IMAGE]... [--file PATH] [--create]

Sets Enhanced Container Isolation in admin-settings.json, keeping every other key and the file's
indentation and line endings. "locked" is written as given: with --locked users cannot change it,
without it the value is a default they may change. --allow-socket-image adds an image pattern to
the Docker socket mount allow list (repeatable; existing entries are kept). The result is validated
before it is written; the old file is kept as PATH.<time>.bak; owner and mode are kept.
Docker Desktop applies the change only after a full quit: ${FULL_QUIT} (or run
"eci-tray relaunch").

Options:
  --locked                    lock the setting (users cannot change it)
  --allow-socket-image IMAGE  also allow IMAGE to mount the Docker socket (name[:tag], name:*, name@digest, *)
  --file PATH                 the admin settings file (default: this machine's admin-settings.json)
  --create                    create the file when it does not exist (it makes Docker Desktop require sign-in)
  --json                      print one JSON object instead of text
  -h, --help                  show this help

Exit codes: 0 written (or already so); 30 the file (or the result) would not be accepted; 33 no file
(pass --create); 34 this user may not write there (or no such folder, or the disk is full); 35 it changed meanwhile, or
another edit held it for 10 s.

Examples:
  sudo eci-tray policy set-eci on --locked
  sudo eci-tray policy set-eci on --allow-socket-image docker.io/testcontainers/ryuk
  eci-tray policy set-eci off --file ./admin-settings.json --create
`;

const NEXT = `Docker Desktop applies this only after a full quit: ${FULL_QUIT} (${MENU_RESTART_NOT_ENOUGH}), or run "eci-tray relaunch". ${SIGN_IN_APPLIES}.`;

export async function policySetEciCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(
    args,
    {
      locked: { type: 'boolean' },
      'allow-socket-image': { type: 'string', multiple: true },
      file: { type: 'string' },
      create: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(POLICY_SET_ECI_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1 || (positionals[0] !== 'on' && positionals[0] !== 'off'))
    throw new UsageError('say "on" or "off"');
  const images = values['allow-socket-image'] ?? [];
  for (const image of images) {
    const verdict = checkImagePattern(image);
    if (!verdict.ok)
      throw new UsageError(
        `--allow-socket-image "${image}" is not an image pattern Docker documents: ${verdict.reason}`,
      );
  }
  if (values.file !== undefined && values.file.trim() === '') throw new UsageError('--file needs a path');
  const path = values.file ?? settingsPaths({}).admin;

  const result = setEci({
    path,
    create: !!values.create,
    edit: { on: positionals[0] === 'on', locked: !!values.locked, allowImages: images },
  });
  const code = exitCodeOf(result);
  if (values.json)
    io.out(
      JSON.stringify({ ...result, exitCode: code, ...(result.status === 'written' ? { next: NEXT } : {}) }, null, 2) +
        '\n',
    );
  else io[code === EXIT_OK ? 'out' : 'err'](describe(result));
  return code;
}

function exitCodeOf(result: SetEciResult): number {
  switch (result.status) {
    case 'written':
    case 'unchanged':
      return EXIT_OK;
    case 'missing':
      return EXIT_POLICY_NO_FILE;
    case 'refused-rights':
    case 'write-failed':
      return EXIT_POLICY_NO_RIGHTS;
    case 'changed-meanwhile':
    case 'busy':
      return EXIT_POLICY_CHANGED;
    case 'refused-invalid':
      return POLICY_EXIT_CODES[result.validation.outcome] || EXIT_POLICY_REJECTED;
  }
}

function describe(result: SetEciResult): string {
  switch (result.status) {
    case 'written':
      return [
        `${result.created ? 'Created' : 'Updated'} ${result.path}${result.backup ? ` (the previous file is kept as ${result.backup})` : ''}:`,
        ...result.changes.map((c) => `  ${c}`),
        ...(result.created
          ? ['The presence of admin-settings.json makes Docker Desktop require sign-in (Docker docs).']
          : []),
        NEXT,
        '',
      ].join('\n');
    case 'unchanged':
      return `${result.path} already says so; nothing written.\n`;
    case 'missing':
      return `eci-tray policy set-eci: there is no ${result.path}. Pass --create to create it (it makes Docker Desktop require sign-in), or --file for another path.\n`;
    case 'refused-rights':
      return `eci-tray policy set-eci: refused, nothing written: ${result.reason}\n`;
    case 'write-failed':
      return `eci-tray policy set-eci: nothing written: ${result.reason}\n`;
    case 'changed-meanwhile':
      return `eci-tray policy set-eci: ${result.path} changed while it was being edited; nothing written. Run the command again.\n`;
    case 'busy':
      return `eci-tray policy set-eci: ${result.reason}; nothing written. Run the command again when it has finished.\n`;
    case 'refused-invalid':
      return `eci-tray policy set-eci: ${result.reason}\n${formatValidation(result.validation)}`;
  }
}
