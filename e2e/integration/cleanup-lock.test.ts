// Two cleanups at once on the lab, as two real CLI processes: the second is refused (exit 24,
// naming the first's process) while the first runs, and the first completes. The first is kept
// busy by a container whose main process ignores SIGTERM, so its stop takes the engine's full
// stop timeout; the second starts only once the lock file shows the first holds it.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupLockPath } from '../../main/core/cleanup/cleanup-lock';
import { Lab } from '../lab/lab';
import { CLI, createContainer, inspect, runCli, type CliResult } from './helpers';

function startCli(args: string[], env: Record<string, string>): { pid: number; done: Promise<CliResult> } {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })),
  );
  return { pid: child.pid!, done };
}

describe('one cleanup at a time, across processes', () => {
  let lab: Lab;
  let state: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    state = mkdtempSync(join(tmpdir(), 'eci-lock-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    // PID 1 without a TERM handler: the stop waits for the engine's timeout, then kills.
    await createContainer(lab.engineHost, 'slow-stopper', { Image: lab.probeImage, Cmd: ['sleep', '3600'] });
    await createContainer(lab.engineHost, 'other-one', { Image: lab.probeImage, Cmd: ['sleep', '3600'] });
  });
  afterAll(async () => {
    await lab?.teardown();
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it('a second apply while one runs is refused naming the first; the first completes', async () => {
    const plan = (name: string) => join(state, `${name}.json`);
    for (const name of ['slow-stopper', 'other-one']) {
      const made = await runCli(
        ['cleanup', '--plan', '--strategy', 'remove', '--only', name, '--output', plan(name), ...lab.productArgs()],
        env,
      );
      expect(made.code, made.stderr).toBe(0);
    }
    const first = startCli(['cleanup', '--apply', plan('slow-stopper'), '--yes', ...lab.productArgs()], env);
    // Wait for the state asserted: the lock file names the first CLI process.
    const lock = cleanupLockPath(state);
    await expect
      .poll(() => (existsSync(lock) ? (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid : null), {
        timeout: 60_000,
        interval: 50,
      })
      .toBe(first.pid);

    const second = await runCli(['cleanup', '--apply', plan('other-one'), '--yes', ...lab.productArgs()], env);
    const resume = await runCli(['cleanup', '--resume', '--yes', ...lab.productArgs()], env);
    expect(second.code, second.stderr).toBe(24);
    expect(second.stderr).toContain(`refused: another cleanup is running (process ${first.pid}`);
    // A running cleanup is not an interrupted one: --resume is refused too, it does not pick it up.
    expect(resume.code, resume.stderr).toBe(24);
    expect((await inspect(lab.engineHost, 'other-one'))?.State?.Running).toBe(true);
    // The first was still running when the others were refused.
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: first.pid });

    const r = await first.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/done\s+slow-stopper/);
    expect(await inspect(lab.engineHost, 'slow-stopper')).toBeNull();
    expect(existsSync(lock)).toBe(false);

    // Free again: the second plan applies now.
    const again = await runCli(['cleanup', '--apply', plan('other-one'), '--yes', ...lab.productArgs()], env);
    expect(again.code, again.stderr).toBe(0);
    expect(await inspect(lab.engineHost, 'other-one')).toBeNull();
  });
});
