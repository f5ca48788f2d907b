// Pending or not applied, decided from Docker Desktop's processes on the host, on the lab: its
// proxy plays Desktop's process (a menu restart keeps it, a full quit through the `docker
// desktop` plugin starts a new one). Each row of the rule runs through the real CLI.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { checkJson } from './helpers';

const exec = promisify(execFile);

describe('pending-restart or not-applied, from when Docker Desktop started', () => {
  let lab: Lab;
  const desktop = (command: string) =>
    exec('docker', ['desktop', command], { env: { ...process.env, ...lab.env() }, timeout: 120_000 });
  const check = () => checkJson(lab.productArgs(), lab.env());

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it('a policy written after Desktop started is pending; a menu restart keeps Desktop running, so it stays pending', async () => {
    lab.writeAdminPolicy(true, true);
    const first = await check();
    expect(first.report.verdict).toBe('pending-restart');
    expect(first.code).toBe(11);
    expect(first.report.restart).toMatchObject({ relation: 'started-before-change', visible: true });
    expect(Date.parse(first.report.restart.desktopStartedAt)).toBeLessThan(Date.parse(first.report.restart.changedAt));
    expect(first.report.reason).toContain('quit and reopen Docker Desktop');

    await desktop('restart');
    const afterMenu = await check();
    expect(afterMenu.report.verdict).toBe('pending-restart');
    expect(afterMenu.report.restart).toEqual(first.report.restart);
  });

  it('Desktop started after the policy and ECI is still off: not-applied, a relaunch will not help, the cause is named', async () => {
    // A full quit after which "Desktop" still runs without ECI (the lab starts it off on purpose).
    await lab.switchTo('off');
    const r = await check();
    expect(r.report.verdict).toBe('not-applied');
    expect(r.code).toBe(19);
    expect(r.report.notAppliedCause).toBe('unknown');
    expect(r.report.restart).toMatchObject({ relation: 'started-after-change', visible: true });
    expect(r.report.reason).toContain('A relaunch will not help');
    expect(r.report.reason).not.toContain('Restart from the Docker menu did not apply');
  });

  it("the user's stored value against an unlocked policy: pending until Desktop starts again, then not-applied with that cause", async () => {
    lab.writeUserSettings({ EnhancedContainerIsolation: false });
    lab.writeAdminPolicy(true, false);
    const pending = await check();
    expect(pending.report.verdict).toBe('pending-restart');
    expect(pending.report.restart.relation).toBe('started-before-change');

    await desktop('stop');
    await desktop('start');
    const r = await check();
    expect(lab.mode).toBe('off');
    expect(r.report.verdict).toBe('not-applied');
    expect(r.code).toBe(19);
    expect(r.report.notAppliedCause).toBe('user-value-wins');
    expect(r.report.reason).toMatch(/your own stored setting \(ECI off\) outranks an unlocked admin policy \(ECI on\)/);
  });

  it('a locked policy and a full quit: applied and verified, nothing pending', async () => {
    lab.writeAdminPolicy(true, true);
    expect((await check()).report.verdict).toBe('pending-restart');
    await desktop('stop');
    await desktop('start');
    const r = await check();
    expect(r.report.verdict).toBe('protected');
    expect(r.code).toBe(0);
    expect(r.report.restart).toBeUndefined();
  });

  it('on the WSL 2 backend a Desktop older than 4.20 started after the policy: not-applied, too old for the backend', async () => {
    // The lab plays the WSL 2 backend by its VM's kernel, and a Desktop of 4.19 (4.13 or later is
    // enough elsewhere); both take effect at the next full quit and start, as with a real Desktop.
    lab.setDesktopVersion('4.19.0', '5.15.153.1-microsoft-standard-WSL2');
    lab.writeAdminPolicy(true, true);
    await lab.switchTo('off');
    const r = await check();
    expect(r.report.engine.version).toBe('4.19.0');
    expect(r.report.verdict).toBe('not-applied');
    expect(r.code).toBe(19);
    expect(r.report.notAppliedCause).toBe('too-old-for-backend');
    expect(r.report.restart).toMatchObject({ relation: 'started-after-change', visible: true });
  });
});
