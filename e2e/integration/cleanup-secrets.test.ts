// Container environment values are secrets, and so are command lines, labels and log-driver
// options: on the lab, containers carrying a random token in their environment, command,
// labels and log options are planned, applied (re-create; remove, then re-created by the walkthrough),
// and an apply killed mid-way is resumed, through the real CLI (plain and --json) and through the
// app's IPC handlers. The token appears in no CLI output, no IPC result, no app log line and no
// file of the state folder or the app's preferences, while every re-created container still has
// it in its environment, command, labels and log options. Only --show-values prints them.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../main/app/app-core';
import { DEFAULT_PREFERENCES } from '../../main/core/preferences/preferences';
import { dispatchInvoke } from '../../main/ipc/dispatch';
import { Lab } from '../lab/lab';
import { createContainer, engineApi, inspect, runCli, type CliResult } from './helpers';

const SECRET = `s3cr3t-${randomBytes(8).toString('hex')}`;
const KEEP_RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('environment secrets stay in the containers', () => {
  let lab: Lab;
  let state: string;
  let userData: string;
  let env: Record<string, string>;
  const outputs: Array<[string, string]> = [];
  const appLog: string[] = [];

  const cli = async (what: string, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> => {
    const r = await runCli([...args, ...lab.productArgs()], { ...env, ...extraEnv });
    outputs.push([`${what} stdout`, r.stdout], [`${what} stderr`, r.stderr]);
    return r;
  };
  const keptSecrets = async (name: string) => {
    const info = await inspect(lab.engineHost, name);
    expect(info.Config.Env).toContain(`API_TOKEN=${SECRET}`);
    expect(info.Config.Cmd).toContain(`--token=${SECRET}`);
    expect(info.Config.Labels).toMatchObject({ 'com.example.token': SECRET });
    expect(info.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { labels: SECRET } });
  };

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    state = mkdtempSync(join(tmpdir(), 'eci-secrets-'));
    userData = mkdtempSync(join(tmpdir(), 'eci-secrets-app-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    for (const name of ['sec-recreate', 'sec-resume', 'sec-app', 'sec-removed', 'sec-shown']) {
      await createContainer(lab.engineHost, name, {
        Image: lab.probeImage,
        Cmd: [...KEEP_RUNNING, `--token=${SECRET}`],
        Env: [`API_TOKEN=${SECRET}`, 'MODE=prod'],
        Labels: { 'com.example.token': SECRET },
        HostConfig: { LogConfig: { Type: 'json-file', Config: { labels: SECRET } } },
      });
    }
    lab.writeAdminPolicy(true, true);
    expect(await lab.relaunch()).toBe('on');
    for (const name of ['sec-recreate', 'sec-resume', 'sec-app', 'sec-removed', 'sec-shown'])
      await engineApi(lab.engineHost, 'POST', `/containers/${name}/start`);
  });
  afterAll(async () => {
    await lab?.teardown();
    for (const d of [state, userData]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('plan and apply (re-create) through the CLI, plain and --json', async () => {
    const planPath = join(state, 'recreate.json');
    const made = await cli('plan', [
      'cleanup',
      '--plan',
      '--strategy',
      'recreate',
      '--only',
      'sec-recreate',
      '--output',
      planPath,
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(
      (await cli('plan --json', ['cleanup', '--plan', '--json', '--strategy', 'recreate', '--only', 'sec-recreate']))
        .code,
    ).toBe(0);
    const applied = await cli('apply --json', ['cleanup', '--apply', planPath, '--yes', '--json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ items: [{ name: 'sec-recreate', outcome: 'done' }] });
    await keptSecrets('sec-recreate');
    expect((await inspect(lab.engineHost, 'sec-recreate')).HostConfig.Runtime).toBe('sysbox-runc');
  });

  it("a removed container's kept configuration in --json names the variables only", async () => {
    const planPath = join(state, 'remove.json');
    expect(
      (await cli('plan', ['cleanup', '--plan', '--strategy', 'remove', '--only', 'sec-removed', '--output', planPath]))
        .code,
    ).toBe(0);
    const applied = await cli('apply remove --json', ['cleanup', '--apply', planPath, '--yes', '--json']);
    expect(applied.code, applied.stderr).toBe(0);
    const item = (
      JSON.parse(applied.stdout) as {
        items: Array<{ removedSpec: { envNames: string[]; create: Record<string, unknown> } }>;
      }
    ).items[0]!;
    expect(item.removedSpec.envNames).toEqual(expect.arrayContaining(['API_TOKEN', 'MODE']));
    expect(item.removedSpec.create['Env']).toBeUndefined();
    expect(item.removedSpec).toMatchObject({
      labelNames: ['com.example.token'],
      logOptionNames: ['labels'],
      command: { args: 4 },
    });
    for (const k of ['Cmd', 'Labels']) expect(item.removedSpec.create[k], k).toBeUndefined();
    expect(await inspect(lab.engineHost, 'sec-removed')).toBeNull();
  });

  it('an apply killed before the new container is created resumes from the journal with the real values', async () => {
    const planPath = join(state, 'resume.json');
    expect(
      (await cli('plan', ['cleanup', '--plan', '--strategy', 'recreate', '--only', 'sec-resume', '--output', planPath]))
        .code,
    ).toBe(0);
    const steps = (
      JSON.parse(readFileSync(planPath, 'utf8')) as { items: Array<{ steps: Array<{ action: string }> }> }
    ).items[0]!.steps.map((s) => s.action);
    // Crash points: two per step, the first right after its "started" record; so the create's comes at 2j+1.
    const crashAt = 2 * steps.indexOf('create') + 1;
    const killed = await cli('apply (killed)', ['cleanup', '--apply', planPath, '--yes'], {
      ECI_TRAY_TEST_CRASH_AT: String(crashAt),
    });
    expect(killed.code, `${killed.stderr}`).toBeNull();
    const resumed = await cli('resume --json', ['cleanup', '--resume', '--yes', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('Interrupted cleanup');
    expect(JSON.parse(resumed.stdout)).toMatchObject({ items: [{ name: 'sec-resume', outcome: 'done' }] });
    await keptSecrets('sec-resume');
  });

  it('through the app: plan, apply (remove), the walkthrough re-creates it with its values', async () => {
    writeFileSync(
      join(userData, 'preferences.json'),
      JSON.stringify({
        ...DEFAULT_PREFERENCES,
        dockerHost: lab.dockerHost,
        adminSettings: lab.paths.adminSettings,
        userSettings: lab.paths.userSettings,
        probeImage: lab.probeImage,
      }),
    );
    const core = new AppCore({
      userDataDir: userData,
      stateDir: state,
      env: { ...process.env, ...lab.env() },
      ports: {
        notifier: { notify: async () => undefined },
        openWindow: () => undefined,
        confirm: async () => true,
        emit: (e, p) => void outputs.push([`event ${e}`, JSON.stringify(p)]),
        setStartAtLogin: async () => undefined,
        log: (m) => void appLog.push(m),
      },
      monitor: { graceMs: 3000 },
    });
    try {
      await core.start();
      const call = async (channel: string, request?: unknown) => {
        const r = await dispatchInvoke(core.handlers(), channel, request);
        outputs.push([`ipc ${channel}`, JSON.stringify(r)]);
        expect(r, channel).toMatchObject({ ok: true });
        return (r as { ok: true; value: any }).value;
      };
      const id = (await inspect(lab.engineHost, 'sec-app')).Id as string;
      await call('containers:audit');
      const plan = await call('cleanup:plan', { only: [id], strategies: [{ id, strategy: 'remove' }] });
      const result = await call('cleanup:apply', { planId: plan.id });
      expect(result.items).toMatchObject([
        { name: 'sec-app', outcome: 'done', removedSpec: { envNames: expect.arrayContaining(['API_TOKEN', 'MODE']) } },
      ]);
      expect(await inspect(lab.engineHost, 'sec-app')).toBeNull();
      await call('cleanup:interrupted');
      await call('walkthrough:get');
      await call('walkthrough:recreate');
      await keptSecrets('sec-app');
      await call('state:get');
    } finally {
      await core.stop();
    }
  });

  it('--show-values prints them, when asked', async () => {
    const name = 'sec-shown';
    const planPath = join(state, 'shown.json');
    expect(
      (await cli('plan shown', ['cleanup', '--plan', '--strategy', 'remove', '--only', name, '--output', planPath]))
        .code,
    ).toBe(0);
    // Not kept in `outputs`: this one is asked to show the values.
    const shown = await runCli(
      ['cleanup', '--apply', planPath, '--yes', '--json', '--show-values', ...lab.productArgs()],
      env,
    );
    expect(shown.code, shown.stderr).toBe(0);
    const spec = (JSON.parse(shown.stdout) as { items: Array<{ removedSpec: { create: Record<string, unknown> } }> })
      .items[0]!.removedSpec;
    expect(spec.create['Cmd']).toContain(`--token=${SECRET}`);
    expect(spec.create['Labels']).toMatchObject({ 'com.example.token': SECRET });
  });

  it('the value appears nowhere: CLI output, IPC results and events, app log, state folder, preferences', () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const [what, text] of outputs) expect(text.includes(SECRET), what).toBe(false);
    // The names are shown: the check above is not passing for want of output.
    expect(outputs.some(([, t]) => t.includes('API_TOKEN'))).toBe(true);
    expect(outputs.some(([, t]) => t.includes('com.example.token'))).toBe(true);
    for (const line of appLog) expect(line.includes(SECRET), line).toBe(false);
    const files = [...filesUnder(state), ...filesUnder(userData)];
    expect(files.some((f) => f.endsWith('.journal.jsonl'))).toBe(true);
    expect(files.some((f) => f.endsWith('preferences.json'))).toBe(true);
    for (const f of files) expect(readFileSync(f).includes(SECRET), f).toBe(false);
  });
});
