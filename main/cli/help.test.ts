// Every command's --help: examples to copy, the engine options described once (the same words in
// each), and check's exit codes made from the table in exit-codes.ts.

import { describe, expect, it } from 'vitest';
import { CHECK_HELP } from './check-command';
import { engineFlagsHelp } from './check-options';
import { CLEANUP_HELP } from './cleanup-command';
import { CONTAINERS_HELP } from './containers-command';
import { DOCTOR_HELP } from './doctor-command';
import { EXIT_USAGE, FLEET_EXIT_CODES } from './exit-codes';
import { HISTORY_HELP } from './history-command';
import { POLICY_HELP } from './policy-command';
import { POLICY_EXPLAIN_HELP } from './policy-explain-command';
import { POLICY_SET_ECI_HELP } from './policy-set-eci-command';
import { POLICY_VALIDATE_HELP } from './policy-validate-command';
import { RELAUNCH_HELP } from './relaunch-command';
import { usage } from './run';
import { WATCH_HELP } from './watch-command';

const HELPS: [string, string][] = [
  ['check', CHECK_HELP],
  ['watch', WATCH_HELP],
  ['containers', CONTAINERS_HELP],
  ['cleanup', CLEANUP_HELP],
  ['relaunch', RELAUNCH_HELP],
  ['doctor', DOCTOR_HELP],
  ['history', HISTORY_HELP],
  ['policy', POLICY_HELP],
  ['policy validate', POLICY_VALIDATE_HELP],
  ['policy explain', POLICY_EXPLAIN_HELP],
  ['policy set-eci', POLICY_SET_ECI_HELP],
];

describe('--help', () => {
  it('lists every command that has a help here', () => {
    const listed = [...usage().matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(
      HELPS.map(([n]) => n)
        .filter((n) => !n.includes(' '))
        .sort(),
    );
  });

  it.each(HELPS)('%s ends with examples of itself', (name, help) => {
    const examples = help.split('\nExamples:\n')[1];
    expect(examples).toBeDefined();
    const lines = examples!.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(new RegExp(`^ {2}(sudo )?eci-tray ${name}( |$)`));
  });

  it.each(HELPS.filter(([, h]) => h.includes('--docker-host')))(
    '%s describes the engine options in the shared words',
    (_, help) => {
      for (const line of engineFlagsHelp(['timeout']).split('\n')) expect(help).toContain(line);
    },
  );

  it('check lists every exit code of the table, in order, with the usage error', () => {
    const section = CHECK_HELP.split('\nExit codes:\n')[1]!.split('\n\n')[0]!;
    const rows = section.split('\n').map((l) => /^ {2}(\d+) +(\S+)/.exec(l)!.slice(1));
    const expected = Object.entries(FLEET_EXIT_CODES).map(([v, c]) => [String(c), v === 'error' ? 'error:' : v]);
    expected.push([String(EXIT_USAGE), 'usage']);
    expect(rows).toEqual(expected.sort((a, b) => Number(a[0]) - Number(b[0])));
  });
});
