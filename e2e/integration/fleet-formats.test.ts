// The MDM formats on the lab's real verdicts: for each machine state of the small fleet
// (scripts/fleet/machines.ts), `check --format json|intune|jamf` each match their schema, say the
// same verdict with its exit code, and the shipped Intune rules mark the machine compliant only
// when it is protected and nothing will keep Docker Desktop from starting. Also: `watch --json`
// lines against their schema, and the Jamf extension attribute script around the CLI.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from '../../main/app/launch';
import { FakeApp } from '../../main/app/testing/fake-electron';
import { FLEET_EXIT_CODES } from '../../main/cli/exit-codes';
import { runCli as runCliInProcess } from '../../main/cli/run';
import type { IntuneRule } from '../../scripts/fleet/intune-rules';
import { checkMachine, FLEET_MACHINES, type MachineResult } from '../../scripts/fleet/machines';
import { Lab } from '../lab/lab';
import { REPO_ROOT } from '../lab/lab-paths';
import { schemaErrors } from '../support/fleet-schemas';
import { assertRootOnlyPath, installBundle, jamfScriptFor } from '../support/jamf-sandbox';
import { CLI, runCli } from './helpers';
import { WatchProcess } from './watch-process';

const RULES = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'fleet', 'intune', 'rules.json'), 'utf8')) as { Rules: IntuneRule[] }
).Rules;

/** What each machine of the fleet must come out as, and which rules it must fail. */
const EXPECTED: Record<string, { verdict: string; failed: string[]; blocking?: number }> = {
  'laptop-ana': { verdict: 'off', failed: ['verdict', 'eciVerified'] },
  'laptop-ben': { verdict: 'pending-restart', failed: ['verdict', 'eciVerified', 'pending'] },
  'laptop-cleo': { verdict: 'unprotected-containers', failed: ['verdict', 'unprotectedContainers'] },
  'laptop-dan': { verdict: 'protected', failed: [] },
  'laptop-eli': { verdict: 'protected', failed: ['blockingSettingsErrors'], blocking: 1 },
  'laptop-eve': { verdict: 'protected', failed: ['blockingSettingsErrors'], blocking: 1 },
  'laptop-fay': { verdict: 'desktop-not-running', failed: ['verdict', 'eciVerified'] },
  'laptop-gus': { verdict: 'engine-unreachable', failed: ['verdict', 'eciVerified'] },
};

describe('the MDM formats on the lab', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it('plays every machine the test expects', () => {
    expect(FLEET_MACHINES.map((m) => m.name)).toEqual(Object.keys(EXPECTED));
  });

  it.each(FLEET_MACHINES.map((m) => [m.name, m] as const))(
    '%s: each format matches its schema, the verdict and the rules',
    async (name, machine) => {
      await machine.prepare(lab);
      const r: MachineResult = await checkMachine(lab, machine, RULES);
      const expected = EXPECTED[name]!;
      const verdict = expected.verdict as keyof typeof FLEET_EXIT_CODES;

      expect(schemaErrors('check-report', r.json.value)).toEqual([]);
      expect(r.json.value.verdict).toBe(verdict);
      expect(r.intune.line).toMatch(/^\{[^\n]*\}\n$/);
      expect(schemaErrors('intune-result', r.intune.value)).toEqual([]);
      expect(r.intune.value).toMatchObject({ verdict, blockingSettingsErrors: expected.blocking ?? 0 });
      expect(r.jamf.text).toBe(
        `<result>${verdict}${expected.blocking ? ` blocking-settings-errors=${expected.blocking}` : ''}</result>\n`,
      );
      for (const code of [r.json.code, r.intune.code, r.jamf.code]) expect(code).toBe(FLEET_EXIT_CODES[verdict]);

      expect(r.rules.filter((o) => !o.compliant).map((o) => o.setting)).toEqual(expected.failed);
      expect(r.compliant).toBe(expected.failed.length === 0);
      // The evidence behind the flat keys is the report's own.
      expect(r.intune.value.eciVerified).toBe(r.json.value.effective?.eci === true);
      if (r.json.value.engine?.desktop) expect(r.intune.value.desktopVersion).toBe(lab.desktopVersion);
    },
  );

  it('watch --json: each line matches its schema', async () => {
    lab.writeAdminPolicy(true, true);
    const watch = new WatchProcess(['--no-notify', ...lab.productArgs()], lab.env());
    try {
      const first = (await watch.waitFor((s) => s.verdict === 'protected', 120_000)).state;
      expect(schemaErrors('watch-line', first)).toEqual([]);
      expect(schemaErrors('watch-line', { ...first, trigger: 'whenever' })).not.toEqual([]);
    } finally {
      await watch.stop();
    }
  });

  it('the app launched with a command checks headless, as the eci-tray process does', async () => {
    const args = ['check', '--format', 'intune', ...lab.productArgs()];
    const app = new FakeApp();
    const out: string[] = [];
    let trays = 0;
    const launched = launch({
      app,
      argv: ['/opt/ECI Tray/eci-tray', '--no-sandbox', ...args],
      defaultApp: false,
      platform: 'linux',
      runCli: runCliInProcess,
      io: { out: (t) => void out.push(t), err: () => undefined },
      flush: async () => undefined,
      startTray: () => void trays++,
    });
    expect(launched.kind).toBe('cli');
    const code = await (launched as { done: Promise<number> }).done;
    const viaProcess = await runCli(args, lab.env());
    expect(app.exits).toEqual([code]);
    expect(code).toBe(viaProcess.code);
    expect(JSON.parse(out.join(''))).toMatchObject({ ...JSON.parse(viaProcess.stdout), checkedAt: expect.any(String) });
    expect(JSON.parse(out.join('')).verdict).toBe('protected');
    expect([trays, app.lockRequests]).toEqual([0, 0]);
  });

  describe('the Jamf extension attribute script', () => {
    // The script runs only a root-owned bundle under the applications folder, in a tree only root
    // can write (scripts/fleet/jamf-script.test.ts tests what it refuses); each app here is one.
    let dir: string;
    let apps: string;
    let script: string;
    beforeAll(() => {
      dir = mkdtempSync(join(homedir(), '.eci-tray-jamf-'));
      assertRootOnlyPath(dir);
      apps = join(dir, 'Applications');
      mkdirSync(apps);
      script = jamfScriptFor(dir, apps, 'unsigned');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** An "app" that records its arguments, then runs the real CLI with them plus `extra`. */
    function app(extra: string[], body?: string): string {
      const name = `app-${Math.random().toString(36).slice(2)}`;
      const record = join(dir, `${name}.args`);
      const run = body ?? `exec "${process.execPath}" "${CLI}" "$@" ${extra.map((a) => `'${a}'`).join(' ')}`;
      installBundle(apps, `${name}.app`, `printf '%s\\n' "$@" > "${record}"\n${run}`);
      return join(apps, `${name}.app`);
    }
    const argsOf = (bundle: string) => join(dir, `${bundle.slice(apps.length + 1, -'.app'.length)}.args`);
    const runScript = (bundle: string) =>
      spawnSync('sh', [script], { encoding: 'utf8', env: { ...process.env, ...lab.env(), ECI_TRAY_APP: bundle } });

    it('runs the app for the console user in the jamf format and passes its <result> on', () => {
      // --for-user overrides nothing here: the script asks for the console user; this machine has
      // no logind, so the app's answer is its own parseable error.
      const path = app([]);
      const r = runScript(path);
      expect(r.status).toBe(0);
      expect(readFileSync(argsOf(path), 'utf8').split('\n').slice(0, 4)).toEqual([
        'check',
        '--for-console-user',
        '--format',
        'jamf',
      ]);
      expect(r.stdout).toMatch(/^<result>(error|no-user-logged-in|desktop-not-running|protected)<\/result>\n$/);
    });

    it("passes a real verdict on: the lab's protected Desktop", () => {
      const path = app(
        [],
        `exec "${process.execPath}" "${CLI}" check --format jamf ${lab
          .productArgs()
          .map((a) => `'${a}'`)
          .join(' ')}`,
      );
      expect(runScript(path).stdout).toBe('<result>protected</result>\n');
    });

    it('an app that dies before printing gives <result>error</result>, a missing app not-installed', () => {
      expect(runScript(app([], 'echo half-written; kill -9 $$')).stdout).toBe('<result>error</result>\n');
      expect(runScript(join(apps, 'nowhere.app')).stdout).toBe('<result>not-installed</result>\n');
    });
  });
});
