// The lab itself is test infrastructure other tests trust, so it is tested too: the two modes,
// the switch that keeps pre-ECI containers, the menu restart, the Desktop personality, the
// docker-desktop plugin through the real docker CLI, and a teardown that leaves nothing behind.

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { mountsUnder } from '../lab/mounts';
import { isAlive, processesMentioning } from '../lab/processes';
import { createContainer, engineApi } from './helpers';

const exec = promisify(execFile);

async function runProbe(host: string, image: string): Promise<{ uidMap: string; runtime: string }> {
  const id = await createContainer(
    host,
    `probe-${Date.now()}`,
    { Image: image, Cmd: ['cat', '/proc/self/uid_map'] },
    true,
  );
  await engineApi(host, 'POST', `/containers/${id}/wait`);
  const logs = await engineApi(host, 'GET', `/containers/${id}/logs?stdout=1`);
  const inspect = await engineApi(host, 'GET', `/containers/${id}/json`);
  await engineApi(host, 'DELETE', `/containers/${id}?force=1`);
  // Log frames carry an 8-byte header; the uid_map line is short enough for one frame.
  const text = String(logs.json).slice(8);
  return { uidMap: text.replace(/\s+/g, ' ').trim(), runtime: inspect.json.HostConfig.Runtime };
}

describe('engine lab', () => {
  it('switches modes on one socket, keeps pre-ECI containers, and tears down completely', async () => {
    const lab = await Lab.start({ mode: 'off' });
    const root = lab.root;
    try {
      expect(await runProbe(lab.dockerHost, lab.probeImage)).toEqual({
        uidMap: expect.stringMatching(/^0 0 4294967295/),
        runtime: 'runc',
      });
      const old = await createContainer(lab.engineHost, 'pre-eci', { Image: lab.probeImage, Cmd: ['sleep', '3600'] });

      await lab.switchTo('on');
      expect(lab.mode).toBe('on');
      expect(await runProbe(lab.dockerHost, lab.probeImage)).toEqual({
        uidMap: expect.stringMatching(/^0 100000 65536/),
        runtime: 'sysbox-runc',
      });
      const inspectOld = await engineApi(lab.engineHost, 'GET', `/containers/${old}/json`);
      expect(inspectOld.json.HostConfig.Runtime).toBe('runc');

      // The engine refuses --pid=host itself; the Desktop personality answers as sysbox-runc does.
      const raw = await engineApi(lab.engineHost, 'POST', '/containers/create', {
        Image: lab.probeImage,
        Cmd: ['true'],
        HostConfig: { PidMode: 'host', NetworkMode: 'none' },
      });
      expect(raw.status).toBeGreaterThanOrEqual(400);
      const viaDesktop = await engineApi(lab.dockerHost, 'POST', '/containers/create', {
        Image: lab.probeImage,
        Cmd: ['true'],
        HostConfig: { PidMode: 'host', NetworkMode: 'none' },
      });
      expect(viaDesktop.status).toBe(201);
      const start = await engineApi(lab.dockerHost, 'POST', `/containers/${viaDesktop.json.Id}/start`);
      expect(start.json.message).toContain("sysbox containers can't share namespaces [pid] with the host");
      await engineApi(lab.dockerHost, 'DELETE', `/containers/${viaDesktop.json.Id}?force=1`);
      const sock = await engineApi(lab.dockerHost, 'POST', '/containers/create', {
        Image: 'alpine',
        HostConfig: { NetworkMode: 'none', Binds: ['/var/run/docker.sock:/var/run/docker.sock'] },
      });
      expect(sock.status).toBe(403);
      expect(sock.json.message).toContain(
        'enhanced container isolation: docker socket mount denied for container with image "docker.io/library/alpine:latest"',
      );

      // Identity: Desktop through the proxy, DefaultRuntime kept at runc; the raw engine says otherwise.
      const info = await engineApi(lab.dockerHost, 'GET', '/v1.41/info');
      const rawInfo = await engineApi(lab.engineHost, 'GET', '/info');
      expect(info.json).toMatchObject({ OperatingSystem: 'Docker Desktop', DefaultRuntime: 'runc' });
      expect(rawInfo.json.DefaultRuntime).toBe('sysbox-runc');
      const version = await engineApi(lab.dockerHost, 'GET', '/version');
      expect(version.json.Platform.Name).toMatch(/^Docker Desktop 4\.37\.1 \(\d+\)$/);

      // A menu restart keeps the mode even when the settings say otherwise.
      lab.writeAdminPolicy(false, true);
      await lab.menuRestart();
      expect(lab.mode).toBe('on');
      // A full relaunch applies them.
      expect(await lab.relaunch()).toBe('off');
    } finally {
      const pids = [...processesMentioning(root)];
      await lab.teardown();
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) expect(isAlive(pid)).toBe(false);
      expect(mountsUnder(root)).toEqual([]);
      expect(existsSync(root)).toBe(false);
    }
  });

  it('the docker-desktop plugin drives the lab through the real docker CLI', async () => {
    const lab = await Lab.start({ mode: 'off' });
    const env = { ...process.env, ...lab.env() };
    try {
      expect((await exec('docker', ['desktop', 'status'], { env })).stdout).toMatch(/Status\s+running/);
      lab.writeAdminPolicy(true, true);
      await exec('docker', ['desktop', 'restart'], { env });
      expect(lab.mode).toBe('off'); // a restart does not apply the policy
      await exec('docker', ['desktop', 'stop'], { env });
      expect(lab.mode).toBeNull();
      expect(existsSync(lab.paths.desktopSocket)).toBe(false);
      expect((await exec('docker', ['desktop', 'status'], { env })).stdout).toMatch(/Status\s+stopped/);
      await exec('docker', ['desktop', 'start'], { env });
      expect(lab.mode).toBe('on'); // a full quit and start applies it
      lab.writeAdminSettings('{ "enhancedContainerIsolation": ');
      await exec('docker', ['desktop', 'stop'], { env });
      const failed = await exec('docker', ['desktop', 'start'], { env }).catch(
        (e: { stderr: string; code: number }) => e,
      );
      expect((failed as { code: number }).code).not.toBe(0);
      expect((failed as { stderr: string }).stderr).toContain('Docker Desktop failed to start');
    } finally {
      await lab.teardown();
    }
  });

  it('a lab whose test process died is swept, leaving nothing behind', async () => {
    // A separate process starts a lab and dies without tearing it down, like a crashed test run.
    const script = `require(${JSON.stringify(join(__dirname, '../lab/lab.ts'))}).Lab.start({ mode: 'on' }).then((lab) => { process.stdout.write(lab.root); process.exit(0); });`;
    const root = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.on('error', reject);
      child.on('close', () => resolve(out.trim()));
    });
    expect(existsSync(root)).toBe(true);
    const pids = processesMentioning(root);
    expect(pids.length).toBeGreaterThan(0);
    expect(mountsUnder(root).length).toBeGreaterThan(0);
    const swept = await Lab.sweepStale();
    expect(swept).toContain(root);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(mountsUnder(root)).toEqual([]);
    expect(existsSync(root)).toBe(false);
  });
});
