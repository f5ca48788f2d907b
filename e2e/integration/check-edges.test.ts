// The edges of `eci-tray check`: no engine, allow-listed socket images, a default probe image,
// leftovers from a crashed run, and the timeout.

import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { checkJson, createContainer, engineApi, probeContainers, runCli } from './helpers';

describe('eci-tray check edges', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it('no socket: engine-unreachable within the timeout, exit 13', async () => {
    const { code, report, ms } = await checkJson([
      '--docker-host',
      `unix://${lab.root}/no-such.sock`,
      '--timeout',
      '5',
    ]);
    expect(report.verdict).toBe('engine-unreachable');
    expect(code).toBe(13);
    expect(report.engine.reachable).toBe(false);
    expect(report.engine.error).toContain('no engine socket');
    expect(ms).toBeLessThan(5_000);
  });

  it('ECI on with nothing local asking for it: protected, source "not found locally"', async () => {
    const { code, report } = await checkJson(lab.productArgs());
    expect(report.verdict).toBe('protected');
    expect(code).toBe(0);
    expect(report.desired).toEqual({ eci: null, source: 'not-found-locally' });
    expect(report.settingsFiles).toEqual([
      { role: 'admin', path: lab.paths.adminSettings, found: false },
      { role: 'user', path: lab.paths.userSettings, found: false },
    ]);
  });

  it('the default probe image (alpine:latest) is used when none is given', async () => {
    const args = lab.productArgs().slice(0, -2);
    const { report } = await checkJson(args);
    expect(report.probeImage).toBe('alpine:latest');
    expect(report.verdict).toBe('protected');
  });

  it('an allow-listed probe image mounts the socket: reported as allow-listed, still protected', async () => {
    lab.writeAdminPolicy(true, true, { dockerSocketMount: { imageList: { images: ['eci-tray-lab/probe:*'] } } });
    await lab.relaunch();
    const { report } = await checkJson(lab.productArgs());
    expect(report.checks[3]).toMatchObject({ id: 'docker-socket-mount', result: 'allow-listed' });
    expect(report.verdict).toBe('protected');
    expect(report.notes.join(' ')).toContain('eci-tray-lab/probe:*');
    // The running "Desktop" keeps the allow list it started with; without a relaunch the socket
    // check would (rightly) see a mount that the files no longer allow.
    // switchTo keeps ECI on with no local source, as a Docker Home policy would.
    rmSync(lab.paths.adminSettings);
    await lab.switchTo('on');
  });

  it("probe containers left by a crashed run are swept on start; a live run's are not", async () => {
    const dead = await createContainer(
      lab.dockerHost,
      'eci-tray-probe-leftover',
      {
        Image: lab.probeImage,
        Cmd: ['sleep', '3600'],
        Labels: { 'com.eci-tray.probe': 'isolation', 'com.eci-tray.probe.owner': `${hostname()}:999999` },
      },
      true,
    );
    const live = await createContainer(
      lab.dockerHost,
      'eci-tray-probe-live',
      {
        Image: lab.probeImage,
        Cmd: ['sleep', '3600'],
        Labels: { 'com.eci-tray.probe': 'isolation', 'com.eci-tray.probe.owner': `${hostname()}:${process.pid}` },
      },
      false,
    );
    const { report } = await checkJson(lab.productArgs());
    expect(report.verdict).toBe('protected'); // probes never count as unprotected containers
    const left = await probeContainers(lab.engineHost);
    expect(left).not.toContain(dead);
    expect(left).toEqual([live]);
    await engineApi(lab.engineHost, 'DELETE', `/containers/${live}?force=1`);
  });

  it('bad flags are usage errors (exit 2) with a specific message', async () => {
    const r = await runCli(['check', '--timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timeout must be a number of seconds');
    const u = await runCli(['frobnicate']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('unknown command "frobnicate"');
  });
});
