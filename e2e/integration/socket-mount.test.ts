// Security property: ECI Tray never runs a process with the Docker socket mounted. The only
// container it creates with the socket is the socket-mount check: the probe image, no network, an
// entrypoint that exists in no image, removed at once (with its anonymous volumes). It may be
// started (Docker Desktop may refuse the mount only at start), but its process can never run: the
// engine records no successful start of it. Every container create the product sends is recorded
// by a proxy during a check, a relaunch and a cleanup, with ECI off (where the engine accepts the
// mount) and on.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../lab/fault-proxy';
import { Lab } from '../lab/lab';
import { NEVER_RUNS_ENTRYPOINT } from '../../main/core/verify/evidence';
import { checkJson, createContainer, engineApi, runCli } from './helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const mountsSocket = (spec: any) =>
  [
    ...(spec.HostConfig?.Binds ?? []).map((b: string) => b.split(':')[0]),
    ...(spec.HostConfig?.Mounts ?? []).map((m: { Source?: string }) => m.Source ?? ''),
  ].some((src: string) => /docker\.sock$/.test(src));

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

  it('across check, cleanup and relaunch, only the socket-mount probe mounts it, and its process never runs', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const args = [
      '--docker-host',
      proxy.url,
      '--admin-settings',
      lab.paths.adminSettings,
      '--user-settings',
      lab.paths.userSettings,
      '--probe-image',
      lab.probeImage,
    ];
    const env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    expect((await checkJson(args)).report.verdict).toBe('off');
    await createContainer(lab.engineHost, 'user-app', { Image: lab.probeImage, Cmd: ['true'] }, false);
    lab.writeAdminPolicy(true, true);
    const relaunched = await runCli(['relaunch', '--yes', ...args], env);
    expect(relaunched.code).toBe(10); // ECI on; the user's old container is reported
    const plan = join(state, 'plan.json');
    expect((await runCli(['cleanup', '--plan', '--strategy', 'recreate', '--output', plan, ...args], env)).code).toBe(
      0,
    );
    expect((await runCli(['cleanup', '--apply', plan, '--yes', ...args], env)).code).toBe(0);
    expect((await checkJson(args)).report.verdict).toBe('protected');

    const withSocket = proxy.creates.filter((c) => mountsSocket(c.spec));
    expect(withSocket.length).toBeGreaterThanOrEqual(3); // one per check that got that far
    for (const c of withSocket) {
      expect(c.spec['Image']).toBe(lab.probeImage);
      expect(c.spec['Entrypoint']).toEqual([NEVER_RUNS_ENTRYPOINT]);
      expect(c.spec['NetworkDisabled']).toBe(true);
      expect((c.spec['HostConfig'] as { NetworkMode: string }).NetworkMode).toBe('none');
      expect((c.spec['Labels'] as Record<string, string>)['com.eci-tray.probe']).toBe('socket-mount');
      if (c.id) {
        // At most one start attempt (with the missing entrypoint); removed once, volumes too.
        expect(
          proxy.seen.filter((r) => r.startsWith('POST') && r.endsWith(`/containers/${c.id}/start`)).length,
        ).toBeLessThanOrEqual(1);
        const deletes = proxy.seenUrls.filter((r) => r.startsWith('DELETE') && r.includes(c.id!));
        expect(deletes).toHaveLength(1);
        expect(deletes[0]).toMatch(/[?&]v=true/);
      }
    }
    // With ECI off the engine accepted the mount and the probe was started: no start succeeded.
    const created = withSocket.filter((c) => c.id).map((c) => c.id!);
    expect(
      created.some((id) => proxy.seen.some((r) => r.startsWith('POST') && r.endsWith(`/containers/${id}/start`))),
    ).toBe(true);
    const filters = encodeURIComponent(
      JSON.stringify({ type: ['container'], event: ['start'], label: ['com.eci-tray.probe=socket-mount'] }),
    );
    const events = await engineApi(
      lab.engineHost,
      'GET',
      `/events?since=${since}&until=${Math.floor(Date.now() / 1000) + 1}&filters=${filters}`,
    );
    expect(events.status).toBe(200);
    // The answer is one JSON object per line: parsed when there is exactly one, text otherwise.
    const text = (json: unknown) => (typeof json === 'string' ? json : JSON.stringify(json ?? ''));
    expect(text(events.json)).not.toContain('"status":"start"');
    // The engine does record starts: the uid_map probes ran.
    const uidFilters = encodeURIComponent(
      JSON.stringify({ type: ['container'], event: ['start'], label: ['com.eci-tray.probe=isolation'] }),
    );
    const uidEvents = await engineApi(
      lab.engineHost,
      'GET',
      `/events?since=${since}&until=${Math.floor(Date.now() / 1000) + 1}&filters=${uidFilters}`,
    );
    expect(text(uidEvents.json)).toContain('"status":"start"');
    // Every other container the product made (probes, the re-created user container) has no socket.
    expect(proxy.creates.filter((c) => !mountsSocket(c.spec)).length).toBeGreaterThan(3);
    expect(proxy.creates.some((c) => c.name === 'user-app')).toBe(true);
  });
});
