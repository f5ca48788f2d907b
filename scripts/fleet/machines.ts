// A small fleet on one engine lab: the states a fleet's machines are in (ECI off, a policy pending
// a full restart, protected, containers from before ECI, a broken policy file, Docker Desktop not
// running for the user, no engine), played one after another on the lab, each checked by the real
// CLI in every MDM format. Used by `npm run fleet-demo` and the fleet lab tests.

import { createContainer, removeContainer, runCli } from '../../e2e/integration/helpers';
import type { Lab } from '../../e2e/lab/lab';
import { deviceCompliant, evaluateRules, type IntuneRule, type RuleOutcome } from './intune-rules';

export interface FleetMachine {
  name: string;
  /** The state it plays, in words. */
  story: string;
  /** Puts the lab into this machine's state. */
  prepare: (lab: Lab) => Promise<void>;
  /** The check's flags for this machine (default: the lab's own). */
  args?: (lab: Lab) => string[];
}

/** The parts of `check --json` the fleet reads (the whole object is held against its schema). */
export type JsonResult = {
  verdict: string;
  effective?: { eci: boolean | null };
  engine?: { desktop: boolean };
} & Record<string, unknown>;

export interface MachineResult {
  machine: string;
  story: string;
  json: { code: number | null; value: JsonResult };
  intune: { code: number | null; line: string; value: Record<string, unknown> };
  jamf: { code: number | null; text: string; value: string | null };
  rules: RuleOutcome[];
  compliant: boolean;
}

let legacy: string | null = null;

export const FLEET_MACHINES: FleetMachine[] = [
  { name: 'laptop-ana', story: 'ECI off, no policy', prepare: async () => undefined },
  {
    name: 'laptop-ben',
    story: 'admin policy written, Docker Desktop not restarted',
    prepare: async (lab) => {
      // A container from before ECI, restarted with the engine (it is still there after the relaunch).
      legacy = await createContainer(lab.engineHost, 'legacy-db', {
        Image: lab.probeImage,
        Cmd: ['sleep', '86400'],
        HostConfig: { RestartPolicy: { Name: 'always' } },
      });
      lab.writeAdminPolicy(true, true);
    },
  },
  {
    name: 'laptop-cleo',
    story: 'relaunched with ECI on; a container from before still runs',
    prepare: async (lab) => {
      await lab.relaunch();
    },
  },
  {
    name: 'laptop-dan',
    story: 'relaunched, old containers re-created',
    prepare: async (lab) => {
      if (legacy) await removeContainer(lab.engineHost, legacy);
      legacy = null;
    },
  },
  {
    name: 'laptop-eli',
    story: 'admin-settings.json saved with a UTF-8 BOM',
    prepare: async (lab) => {
      lab.writeAdminSettings(
        '\ufeff{\n  "configurationFileVersion": 2,\n  "enhancedContainerIsolation": { "value": true, "locked": true }\n}\n',
      );
    },
  },
  {
    name: 'laptop-eve',
    story: 'admin-settings.json with a typo (a trailing comma)',
    prepare: async (lab) => {
      lab.writeAdminSettings(
        '{\n  "configurationFileVersion": 2,\n  "enhancedContainerIsolation": { "value": true, "locked": true },\n}\n',
      );
    },
  },
  {
    name: 'laptop-fay',
    story: 'checked for a user whose Docker Desktop is not running',
    prepare: async (lab) => {
      lab.writeAdminPolicy(true, true);
    },
    // `nobody` has no Docker Desktop socket and no docker context.
    args: (lab) => [
      '--for-user',
      'nobody',
      '--admin-settings',
      lab.paths.adminSettings,
      '--probe-image',
      lab.probeImage,
    ],
  },
  {
    name: 'laptop-gus',
    story: 'no Docker engine answers',
    prepare: async () => undefined,
    args: (lab) => [
      '--docker-host',
      `unix://${lab.root}/no-engine.sock`,
      '--admin-settings',
      lab.paths.adminSettings,
      '--user-settings',
      lab.paths.userSettings,
      '--timeout',
      '10',
    ],
  },
];

function parseJamf(text: string): string | null {
  return /^<result>([^<]*)<\/result>\n$/.exec(text)?.[1] ?? null;
}

/** Checks the lab as it is now, as `machine`, in the json, intune and jamf formats. */
export async function checkMachine(lab: Lab, machine: FleetMachine, rules: IntuneRule[]): Promise<MachineResult> {
  const args = machine.args ? machine.args(lab) : lab.productArgs();
  // One after another: each check sweeps leftover probe containers, a parallel one's included.
  const json = await runCli(['check', '--format', 'json', ...args], lab.env());
  const intune = await runCli(['check', '--format', 'intune', ...args], lab.env());
  const jamf = await runCli(['check', '--format', 'jamf', ...args], lab.env());
  const jsonValue = JSON.parse(json.stdout) as JsonResult;
  const intuneValue = JSON.parse(intune.stdout) as Record<string, unknown>;
  const outcomes = evaluateRules(rules, intuneValue);
  return {
    machine: machine.name,
    story: machine.story,
    json: { code: json.code, value: jsonValue },
    intune: { code: intune.code, line: intune.stdout, value: intuneValue },
    jamf: { code: jamf.code, text: jamf.stdout, value: parseJamf(jamf.stdout) },
    rules: outcomes,
    compliant: deviceCompliant(outcomes),
  };
}

/** The table an admin sees: one row per machine, with what Jamf and Intune recorded. */
export function complianceTable(results: MachineResult[]): string {
  const rows = results.map((r) => [
    r.machine,
    r.story,
    r.jamf.value ?? '(unparseable)',
    String(r.intune.code),
    r.compliant ? 'compliant' : 'NOT compliant',
    r.rules
      .filter((o) => !o.compliant)
      .map((o) => o.setting)
      .join(', '),
  ]);
  const header = ['machine', 'state', 'Jamf EA', 'exit', 'Intune', 'rules failed'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** What the Company Portal shows each non-compliant machine's user: the failed rules' titles. */
export function remediations(results: MachineResult[]): string {
  return (
    results
      .filter((r) => !r.compliant)
      .map(
        (r) => `${r.machine}:\n${r.rules.flatMap((o) => (o.remediation ? [`  - ${o.remediation}`] : [])).join('\n')}`,
      )
      .join('\n') + '\n'
  );
}
