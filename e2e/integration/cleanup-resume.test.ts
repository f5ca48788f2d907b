// Cleanup under interruption and change: an apply killed midway resumes without repeating
// finished steps; a container removed or changed between plan and apply is skipped with a reason.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { CLI, createContainer, engineApi, inspect, runCli } from './helpers';

const RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

describe('cleanup interrupted, resumed, and racing with others', () => {
  let lab: Lab;
  let env: Record<string, string>;
  let state: string;
  const cli = (args: string[]) => runCli([...args, ...lab.productArgs()], env);
  const names = ['app-1', 'app-2', 'app-3', 'app-4', 'app-5', 'app-6', 'gone-soon', 'changes-soon'];

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    state = mkdtempSync(join(tmpdir(), 'eci-state-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    for (const name of names) await createContainer(lab.engineHost, name, { Image: lab.probeImage, Cmd: RUNNING });
    await lab.switchTo('on');
    // The relaunch stopped them; like a user, start them again (under runc, without ECI).
    for (const name of names) await engineApi(lab.engineHost, 'POST', `/containers/${name}/start`);
  });
  afterAll(async () => {
    await lab?.teardown();
    rmSync(state, { recursive: true, force: true });
  });

  it('a container removed or changed after the plan is skipped with the reason, not forced', async () => {
    const planPath = join(state, 'race.json');
    expect(
      (
        await cli([
          'cleanup',
          '--plan',
          '--strategy',
          'remove',
          '--only',
          'gone-soon',
          '--only',
          'changes-soon',
          '--output',
          planPath,
        ])
      ).code,
    ).toBe(0);
    await engineApi(lab.engineHost, 'DELETE', `/containers/gone-soon?force=1`);
    await engineApi(lab.engineHost, 'POST', `/containers/changes-soon/update`, { RestartPolicy: { Name: 'always' } });
    const r = await cli(['cleanup', '--apply', planPath, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped gone-soon: it no longer exists: it was removed after the plan was made/);
    expect(r.stdout).toMatch(/skipped changes-soon: it changed since the plan was made; make a new plan/);
    expect(await inspect(lab.engineHost, 'changes-soon')).not.toBeNull();
  });

  it('an apply killed midway resumes and finishes without repeating finished steps', async () => {
    const planPath = join(state, 'six.json');
    const only = names.slice(0, 6).flatMap((n) => ['--only', n]);
    const made = await cli(['cleanup', '--plan', '--strategy', 'recreate', ...only, '--output', planPath]);
    expect(made.code).toBe(0);
    const plan = JSON.parse(readFileSync(planPath, 'utf8'));
    const journalPath = join(state, 'cleanup', `${plan.id}.journal.jsonl`);
    const records = () =>
      existsSync(journalPath)
        ? readFileSync(journalPath, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [];

    // Kill it once two containers are done and the third is under way.
    const child = spawn(process.execPath, [CLI, 'cleanup', '--apply', planPath, '--yes', ...lab.productArgs()], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.on('exit', r));
    for (;;) {
      const recs = records();
      if (recs.filter((x) => x.type === 'item-end').length >= 2 && recs.some((x) => x.type === 'step' && x.index === 2))
        break;
      if (child.exitCode !== null) throw new Error('the apply finished before it could be interrupted');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = records();
    expect(atKill.some((x) => x.type === 'end')).toBe(false);

    const resumed = await runCli(['cleanup', '--resume', '--yes', ...lab.productArgs()], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/done\s+app-1/);
    expect(resumed.stderr).toMatch(/(in progress|not started)\s+app-3/);
    const all = records();
    expect(all.at(-1).type).toBe('end');
    // No finished step ran again: one "done" per step, and no step started after it was done.
    for (const [index, item] of plan.items.entries()) {
      for (const [step] of item.steps.entries()) {
        const recs = all.filter((x) => x.type === 'step' && x.index === index && x.step === step);
        expect(
          recs.filter((x) => x.status === 'done'),
          `item ${index} step ${step}`,
        ).toHaveLength(1);
        const doneAt = recs.findIndex((x) => x.status === 'done');
        expect(recs.slice(doneAt + 1), `item ${index} step ${step} after done`).toEqual([]);
      }
      expect(all.filter((x) => x.type === 'item-end' && x.index === index)).toHaveLength(1);
    }
    for (const name of names.slice(0, 6)) {
      const now = await inspect(lab.engineHost, name);
      expect(now.HostConfig.Runtime, name).toBe('sysbox-runc');
      expect(now.State.Running, name).toBe(true);
    }
    // Nothing left to resume.
    const nothing = await runCli(['cleanup', '--resume', '--yes', ...lab.productArgs()], env);
    expect(nothing.stdout).toContain('No interrupted cleanup to resume.');
  });
});
