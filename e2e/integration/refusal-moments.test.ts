// Docker Desktop may refuse a host namespace or the Docker socket mount when the container is
// created, or only when it is started. Every verdict the probe decides (off, pending-restart,
// unprotected-containers, protected, protected with an allow-listed probe image) is established
// here under both moments, on one lab whose Desktop proxy is switched between them. And the real
// `docker run --rm` against a Desktop refusing at start: the container is gone, the CLI returned.

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefusalMoment } from '../lab/desktop-refusals';
import { Lab } from '../lab/lab';
import { checkJson, createContainer, engineApi, inspect, probeContainers, removeContainer } from './helpers';
import { spawn } from 'node:child_process';

const HOST_SOCKET = '/var/run/docker.sock';

function dockerCli(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    // The CLI must return by itself: a refused start ends its attach stream and --rm removes the container.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

describe.each<RefusalMoment>(['create', 'start'])('Docker Desktop refusing at %s', (moment) => {
  let lab: Lab;
  let args: string[];
  // This machine has no Docker socket at Desktop's path; no probe may create one.
  const hostSocketBefore = existsSync(HOST_SOCKET);

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off', refuseAt: moment });
    args = lab.productArgs();
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  const checkOf = (report: any, id: string) => report.checks.find((c: { id: string }) => c.id === id);

  it('ECI off: off; both refusal probes were accepted, created and started with nothing run', async () => {
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('off');
    expect(code).toBe(12);
    for (const id of ['host-pid-namespace', 'docker-socket-mount']) {
      expect(checkOf(report, id)).toEqual({
        id,
        result: 'not-isolated',
        observation: expect.stringContaining('does not exist, so nothing ran'),
      });
    }
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('policy written, Desktop not relaunched: pending-restart', async () => {
    lab.writeAdminPolicy(true, true);
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('pending-restart');
    expect(code).toBe(11);
  });

  it(`after a full relaunch, a container from before: unprotected-containers, both refusals seen at ${moment}`, async () => {
    const old = await createContainer(
      lab.engineHost,
      `pre-eci-${moment}`,
      { Image: lab.probeImage, Cmd: ['true'] },
      false,
    );
    await lab.relaunch();
    expect(lab.mode).toBe('on');
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('unprotected-containers');
    expect(code).toBe(10);
    expect(checkOf(report, 'host-pid-namespace')).toEqual({
      id: 'host-pid-namespace',
      result: 'isolated',
      observation: expect.stringMatching(
        new RegExp(`^refused at ${moment}: .*can't share namespaces \\[pid\\] with the host`),
      ),
    });
    expect(checkOf(report, 'docker-socket-mount')).toEqual({
      id: 'docker-socket-mount',
      result: 'isolated',
      observation: expect.stringMatching(
        new RegExp(`^refused at ${moment}: enhanced container isolation: docker socket mount denied`),
      ),
    });
    await removeContainer(lab.engineHost, old);
  });

  it('nothing old left: protected; no probe container left behind', async () => {
    const { code, report } = await checkJson(args);
    expect(report.verdict).toBe('protected');
    expect(code).toBe(0);
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('the probe image on the admin socket-mount allow list: allow-listed, still protected', async () => {
    lab.writeAdminPolicy(true, true, { dockerSocketMount: { imageList: { images: [lab.probeImage] } } });
    await lab.relaunch();
    const { report } = await checkJson(args);
    expect(report.verdict).toBe('protected');
    expect(checkOf(report, 'docker-socket-mount')).toMatchObject({
      result: 'allow-listed',
      observation: expect.stringContaining('does not exist, so nothing ran'),
    });
    expect(checkOf(report, 'host-pid-namespace')).toMatchObject({
      result: 'isolated',
      observation: expect.stringContaining(`refused at ${moment}`),
    });
    expect(existsSync(HOST_SOCKET)).toBe(hostSocketBefore);
  });

  it(`the real \`docker run --rm\` refused at ${moment}: the CLI returns with Desktop's words, no container is left`, async () => {
    lab.writeAdminPolicy(true, true);
    await lab.relaunch();
    const env = lab.env();
    const since = Math.floor(Date.now() / 1000) - 1;
    for (const [name, flags, words] of [
      ['socket-run', ['-v', `${HOST_SOCKET}:${HOST_SOCKET}`], 'docker socket mount denied'],
      ['hostpid-run', ['--pid', 'host'], "can't share namespaces [pid] with the host"],
    ] as const) {
      const r = await dockerCli(env, [
        'run',
        '--rm',
        '--name',
        name,
        '--network',
        'none',
        ...flags,
        lab.probeImage,
        'true',
      ]);
      expect(r.code).toBe(125);
      expect(r.stderr).toContain(words);
      expect(await inspect(lab.engineHost, name)).toBeNull();
      // Refused at start: the engine created it and destroyed it (--rm). Refused at create: the
      // engine never saw it. Either way it never started.
      const filters = encodeURIComponent(JSON.stringify({ type: ['container'], container: [name] }));
      const events = await engineApi(
        lab.engineHost,
        'GET',
        `/events?since=${since}&until=${Math.floor(Date.now() / 1000) + 1}&filters=${filters}`,
      );
      const text = typeof events.json === 'string' ? events.json : JSON.stringify(events.json ?? '');
      if (moment === 'start') {
        expect(text).toContain('"status":"create"');
        expect(text).toContain('"status":"destroy"');
      } else {
        expect(text).not.toContain('"status":"create"');
      }
      expect(text).not.toContain('"status":"start"');
    }
  });
});
