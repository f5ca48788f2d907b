// `npm run fleet-demo`: what an admin's MDM sees across a small fleet. Brings up the engine lab,
// plays each machine's state on it (scripts/fleet/machines.ts), checks it with the real CLI in the
// intune and jamf formats, holds the intune line against the shipped fleet/intune/rules.json and
// prints the compliance table. Cleans up after itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from '../e2e/lab/lab';
import { REPO_ROOT } from '../e2e/lab/lab-paths';
import type { IntuneRule } from './fleet/intune-rules';
import { checkMachine, complianceTable, FLEET_MACHINES, remediations, type MachineResult } from './fleet/machines';

async function main(): Promise<void> {
  const rules = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'fleet', 'intune', 'rules.json'), 'utf8')) as { Rules: IntuneRule[] }
  ).Rules;
  process.stdout.write('Starting the engine lab (a real dockerd behind a Docker Desktop personality), ECI off\n\n');
  const lab = await Lab.start({ mode: 'off' });
  process.once('SIGINT', () => void lab.teardown().then(() => process.exit(130)));
  const results: MachineResult[] = [];
  try {
    for (const machine of FLEET_MACHINES) {
      await machine.prepare(lab);
      const r = await checkMachine(lab, machine, rules);
      results.push(r);
      process.stdout.write(
        `${machine.name} (${machine.story})\n  intune: ${r.intune.line}  jamf:   ${r.jamf.text}  exit:   ${r.intune.code}\n`,
      );
    }
  } finally {
    await lab.teardown();
  }
  process.stdout.write(
    `\nCompliance, as the MDM shows it (Intune: fleet/intune/rules.json; Jamf: the extension attribute)\n\n${complianceTable(results)}`,
  );
  process.stdout.write(
    `\nWhat the Company Portal tells each user (the failed rules' remediation titles)\n\n${remediations(results)}`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`fleet-demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
