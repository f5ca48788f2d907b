// Security property: ECI Tray never runs a container with the Docker socket mounted. The only
// container it creates with the socket is the socket-mount check: the probe image, no network, a
// fixed command, never started, removed at once. Every container create the product sends is
// recorded by a proxy during a check, a watch, a relaunch and a cleanup, with ECI off (where the
// engine would accept the mount) and on.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../lab/fault-proxy';
import { Lab } from '../lab/lab';
import { checkJson, createContainer, runCli } from './helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const mountsSocket = (spec: any) =>
  [...(spec.HostConfig?.Binds ?? []).map((b: string) => b.split(':')[0]), ...(spec.HostConfig?.Mounts ?? []).map((m: { Source?: string }) => m.Source ?? '')].some((src: string) => /docker\.sock$/.test(src));

describe('the Docker socket is never mounted in a running container', () => {
  let lab: Lab;
  let proxy: FaultProxy;
  let state: string;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    proxy = new FaultProxy(join(lab.root, 'recording.sock'), lab.paths.desktopSocket);
    await proxy.start();
    state = mkdtempSync(join(tmpdir(), 'eci-sock-'));
  });
  afterAll(async () => {
    await proxy?.stop();
    await lab?.teardown();
    rmSync(state, { recursive: true, force: true });
  });

  it('across check, cleanup and relaunch, only the socket-mount probe mounts it, and it never starts', async () => {
    const args = ['--docker-host', proxy.url, '--admin-settings', lab.paths.adminSettings, '--user-settings', lab.paths.userSettings, '--probe-image', lab.probeImage];
    const env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    expect((await checkJson(args)).report.verdict).toBe('off');
    await createContainer(lab.engineHost, 'user-app', { Image: lab.probeImage, Cmd: ['true'] }, false);
    lab.writeAdminPolicy(true, true);
    const relaunched = await runCli(['relaunch', '--yes', ...args], env);
    expect(relaunched.code).toBe(10); // ECI on; the user's old container is reported
    const plan = join(state, 'plan.json');
    expect((await runCli(['cleanup', '--plan', '--strategy', 'recreate', '--output', plan, ...args], env)).code).toBe(0);
    expect((await runCli(['cleanup', '--apply', plan, '--yes', ...args], env)).code).toBe(0);
    expect((await checkJson(args)).report.verdict).toBe('protected');

    const withSocket = proxy.creates.filter((c) => mountsSocket(c.spec));
    expect(withSocket.length).toBeGreaterThanOrEqual(3); // one per check that got that far
    for (const c of withSocket) {
      expect(c.spec['Image']).toBe(lab.probeImage);
      expect(c.spec['Entrypoint']).toEqual(['true']);
      expect(c.spec['NetworkDisabled']).toBe(true);
      expect((c.spec['HostConfig'] as { NetworkMode: string }).NetworkMode).toBe('none');
      expect((c.spec['Labels'] as Record<string, string>)['com.eci-tray.probe']).toBe('socket-mount');
      if (c.id) {
        // Never started; removed right after it was created.
        expect(proxy.seen.filter((r) => r.startsWith('POST') && r.endsWith(`/containers/${c.id}/start`))).toEqual([]);
        expect(proxy.seen.filter((r) => r.startsWith('DELETE') && r.includes(c.id!))).toHaveLength(1);
        expect(proxy.seen.some((r) => r.startsWith('POST') && r.endsWith('/start'))).toBe(true); // starts are seen at all
      }
    }
    // Every other container the product made (probes, the re-created user container) has no socket.
    expect(proxy.creates.filter((c) => !mountsSocket(c.spec)).length).toBeGreaterThan(3);
    expect(proxy.creates.some((c) => c.name === 'user-app')).toBe(true);
  });
});
