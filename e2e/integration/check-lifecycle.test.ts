// `eci-tray check` through the product's whole story, on a real engine: ECI off, an admin policy
// lands, a full quit and relaunch, a pre-ECI container, cleanup, a policy turning ECI off again.

import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { checkJson, createContainer, probeContainers, removeContainer, runCli } from './helpers';

describe('eci-tray check on the lab, through the ECI lifecycle', () => {
  let lab: Lab;
  let args: string[];
  let preEci: string;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    args = lab.productArgs();
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it('ECI off: verdict off, every check shows no isolation, exit 12', async () => {
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('off');
    expect(code).toBe(12);
    expect(report.engine).toMatchObject({ reachable: true, desktop: true, version: '4.37.1' });
    expect(report.desired).toEqual({ eci: false, source: 'default' });
    expect(report.effective).toEqual({ eci: false });
    expect(report.checks).toEqual([
      { id: 'uid-map', result: 'not-isolated', observation: '0 0 4294967295' },
      { id: 'runtime', result: 'not-isolated', observation: 'runc' },
      { id: 'host-pid-namespace', result: 'not-isolated', observation: expect.stringContaining('started') },
      {
        id: 'docker-socket-mount',
        result: 'not-isolated',
        observation: expect.stringContaining('/var/run/docker.sock'),
      },
    ]);
    expect(report.unprotectedContainers).toEqual([]);
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('admin policy written while off: pending-restart, exit 11', async () => {
    preEci = await createContainer(lab.engineHost, 'pre-eci-app', { Image: lab.probeImage, Cmd: ['sleep', '3600'] });
    lab.writeAdminPolicy(true, true);
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('pending-restart');
    expect(code).toBe(11);
    expect(report.desired).toEqual({ eci: true, source: 'admin-locked', file: lab.paths.adminSettings });
    expect(report.effective).toEqual({ eci: false });
    expect(report.nextSteps.join(' ')).toMatch(
      /Quit and reopen Docker Desktop.*Restart from the Docker menu is not enough/,
    );
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('the human output leads with the verdict and says what to do', async () => {
    const r = await runCli(['check', ...args]);
    expect(r.code).toBe(11);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('✗ Pending: quit and reopen Docker Desktop (pending-restart)');
    expect(r.stdout).toContain('Desired    on (admin policy, locked:');
    expect(r.stdout).toMatch(/NO\s+uid-map\s+0 0 4294967295/);
    expect(r.stdout).toContain(
      'Quit and reopen Docker Desktop to apply the ECI setting ("eci-tray relaunch" does it and verifies)',
    );
    expect(r.stdout).not.toMatch(/quit fully|full restart/i);
  });

  it('after a full relaunch, the container created before it is unprotected (exit 10)', async () => {
    expect(await lab.relaunch()).toBe('on');
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('unprotected-containers');
    expect(code).toBe(10);
    expect(report.effective).toEqual({ eci: true });
    expect(report.checks.map((c: { result: string }) => c.result)).toEqual([
      'isolated',
      'isolated',
      'isolated',
      'isolated',
    ]);
    expect(report.checks[0].observation).toBe('0 100000 65536');
    expect(report.checks[1].observation).toBe('sysbox-runc');
    expect(report.checks[2].observation).toContain("sysbox containers can't share namespaces [pid] with the host");
    expect(report.checks[3].observation).toContain('docker socket mount denied');
    expect(report.unprotectedContainers).toEqual([
      {
        id: preEci,
        name: 'pre-eci-app',
        image: lab.probeImage,
        state: 'exited',
        created: expect.any(String),
        runtime: 'runc',
      },
    ]);
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('a container created under ECI is protected; once the old one is gone: protected, exit 0', async () => {
    const fresh = await createContainer(lab.dockerHost, 'new-under-eci', {
      Image: lab.probeImage,
      Cmd: ['sleep', '3600'],
    });
    let { report } = await checkJson(args);
    expect(report.unprotectedContainers.map((c: { name: string }) => c.name)).toEqual(['pre-eci-app']);
    await removeContainer(lab.engineHost, preEci);
    const result = await checkJson(args);
    report = result.report;
    expect(report.verdict).toBe('protected');
    expect(result.code).toBe(0);
    expect(report.desired.source).toBe('admin-locked');
    await removeContainer(lab.engineHost, fresh);
  });

  it('a policy locked off while ECI is on: pending-restart in the other direction', async () => {
    lab.writeAdminPolicy(false, true);
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('pending-restart');
    expect(code).toBe(11);
    expect(report.desired).toMatchObject({ eci: false, source: 'admin-locked' });
    expect(report.effective).toEqual({ eci: true });
    expect(report.nextSteps.join(' ')).not.toMatch(/Turn ECI on/);
  });

  it('invalid admin-settings.json is reported with line and column, and the check still answers', async () => {
    writeFileSync(
      lab.paths.adminSettings,
      '{\n  "enhancedContainerIsolation": {\n    "value": true,\n    "locked": true,\n  }\n}\n',
    );
    const { report } = await checkJson(args);
    expect(report.settingsProblems).toEqual([
      expect.objectContaining({
        file: lab.paths.adminSettings,
        kind: 'invalid-json',
        line: 5,
        column: 3,
        blocksDockerDesktop: true,
      }),
    ]);
    expect(report.nextSteps[0]).toContain('Docker Desktop will not start');
    // Nothing local asks for ECI any more and it is verified on: protected, source not found locally.
    expect(report.verdict).toBe('protected');
    expect(report.desired).toEqual({ eci: null, source: 'not-found-locally' });
  });

  it('the raw engine without the Desktop personality: not-docker-desktop, checks still reported', async () => {
    const { code, report } = await checkJson([...args.slice(2), '--docker-host', lab.engineHost]);
    expect(report.verdict).toBe('not-docker-desktop');
    expect(code).toBe(14);
    expect(report.engine.desktop).toBe(false);
    expect(report.checks).toHaveLength(4);
    expect(report.checks[0]).toMatchObject({ id: 'uid-map', result: 'isolated' });
    // The plain engine refuses host PID sharing in its own words; still recognised as isolation.
    expect(report.checks[2]).toMatchObject({
      result: 'isolated',
      observation: expect.stringContaining('user namespaces are enabled'),
    });
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('a probe image that cannot be had: unknown, with the reason', async () => {
    const { code, report } = await checkJson([...args, '--probe-image', 'eci-tray-lab/missing:1']);
    expect(report.verdict).toBe('unknown');
    expect(code).toBe(16);
    expect(report.reason).toContain('eci-tray-lab/missing:1');
    expect(report.reason).toContain('could not be pulled');
    expect(report.nextSteps.join(' ')).toContain('docker pull eci-tray-lab/missing:1');
  });

  it('Docker Desktop 4.12 (ECI off, as a real 4.12 is): unsupported-version', async () => {
    lab.writeAdminPolicy(true, true);
    lab.setDesktopVersion('4.12.0');
    await lab.switchTo('off');
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('unsupported-version');
    expect(code).toBe(15);
    expect(report.engine.version).toBe('4.12.0');
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('a 4.12 version string against a probe that shows ECI on: the evidence decides, the note says so', async () => {
    await lab.switchTo('on');
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('protected');
    expect(code).toBe(0);
    expect(report.engine.version).toBe('4.12.0');
    expect(report.notes.join(' ')).toMatch(/reports version 4\.12\.0, older than 4\.13\.0 .*not trusted/);
  });

  it('the placeholder "Docker Desktop 4.0.0 ()" (WSL distros): version unknown, never unsupported-version', async () => {
    lab.setDesktopVersion('4.0.0 ()');
    await lab.switchTo('off');
    const { code, report } = await checkJson(args);
    expect(report.engine.platformName).toBe('Docker Desktop 4.0.0 ()');
    expect(report.engine.version).toBeNull();
    expect(report.engine.versionUnknownBecause).toMatch(/placeholder/);
    // Decided on evidence: the locked policy asks for ECI on, the probe shows it off, and "Desktop"
    // was started (off, on purpose) after the policy was written: not applied, never too old.
    expect(report.verdict).toBe('not-applied');
    expect(code).toBe(19);
    expect(report.notes.join(' ')).toMatch(/version is unknown/);
  });
});
