// Docker Desktop's own containers on the lab: with "Show system containers" on, Desktop's
// Kubernetes and Extension containers are in the container list and run without ECI (runc), like
// containers created before ECI. With ECI on they are listed apart as not covered, with why, never
// counted as the user's unprotected containers, and never offered for cleanup. A kind node of
// Desktop's cluster is the exception that counts: ECI does cover kind nodes created with it on.
//
// Labels alone prove nothing: an image's LABEL lines put Desktop's labels on any container. An
// impostor made from such an image before ECI, with the host's PID namespace and the Docker
// socket, is the user's: it counts, and cleanup offers it. Desktop's own are corroborated by the
// names their creators give them (kubelet, Compose, kind) and by Kubernetes on in Desktop's settings.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { checkJson, createContainer, engineApi, removeContainer, runCli } from './helpers';

// Labels and names as Docker Desktop's creators set them on its own containers.
const POD_UID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const KUBEADM = {
  'io.kubernetes.container.name': 'kube-apiserver',
  'io.kubernetes.pod.name': 'kube-apiserver-docker-desktop',
  'io.kubernetes.pod.namespace': 'kube-system',
  'io.kubernetes.pod.uid': POD_UID,
  'io.kubernetes.docker.type': 'container',
};
const KUBEADM_NAME = `k8s_kube-apiserver_kube-apiserver-docker-desktop_kube-system_${POD_UID}_0`;
const EXTENSION = {
  'com.docker.compose.project': 'sandipchitale_docker-dive-desktop-extension',
  'com.docker.compose.project.config_files':
    '/root/.docker/desktop/extensions/sandipchitale_docker-dive/vm/docker-compose.yaml',
  'com.docker.compose.service': 'dive',
  'com.docker.desktop.extension': 'true',
};
const EXTENSION_NAME = 'sandipchitale_docker-dive-desktop-extension-dive-1';
const KIND_NODE = { 'io.x-k8s.kind.cluster': 'desktop', 'io.x-k8s.kind.role': 'control-plane' };
const IMPOSTOR = 'web-tools';
const KEEP_RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

/** An image whose LABEL lines carry Docker Desktop's Kubernetes and Extension labels (a commit with Dockerfile changes). */
async function imageWithDesktopLabels(lab: Lab): Promise<string> {
  const base = await createContainer(lab.engineHost, 'impostor-base', { Image: lab.probeImage, Cmd: ['true'] }, false);
  const labels = { ...KUBEADM, ...EXTENSION };
  const changes = Object.entries(labels)
    .map(([k, v]) => `changes=${encodeURIComponent(`LABEL ${k}="${v}"`)}`)
    .join('&');
  const r = await engineApi(
    lab.engineHost,
    'POST',
    `/commit?container=${base}&repo=eci-test-impostor&tag=labels&${changes}`,
  );
  if (r.status !== 201) throw new Error(`commit: ${r.status} ${JSON.stringify(r.json)}`);
  await removeContainer(lab.engineHost, base);
  const image = await engineApi(lab.engineHost, 'GET', '/images/eci-test-impostor:labels/json');
  expect(image.json.Config.Labels).toMatchObject(labels);
  return 'eci-test-impostor:labels';
}

describe("Docker Desktop's own containers outside ECI", () => {
  let lab: Lab;
  let env: Record<string, string>;
  let state: string;
  let kindNode = '';
  let impostor = '';
  const cli = (args: string[]) => runCli([...args, ...lab.productArgs()], env);

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    state = mkdtempSync(join(tmpdir(), 'eci-state-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    // Created while ECI is off: they inspect as runc, as Desktop's own containers do under ECI.
    await createContainer(
      lab.engineHost,
      KUBEADM_NAME,
      { Image: lab.probeImage, Cmd: KEEP_RUNNING, Labels: KUBEADM },
      false,
    );
    await createContainer(
      lab.engineHost,
      EXTENSION_NAME,
      { Image: lab.probeImage, Cmd: KEEP_RUNNING, Labels: EXTENSION },
      false,
    );
    kindNode = await createContainer(
      lab.engineHost,
      'desktop-control-plane',
      { Image: lab.probeImage, Cmd: KEEP_RUNNING, Labels: KIND_NODE },
      false,
    );
    // The impostor: Desktop's labels from its image only, the host's PID namespace and the engine's
    // socket (the lab's own, so no folder is ever created on the host), running before ECI.
    const socket = lab.engineHost.replace(/^unix:\/\//, '');
    impostor = await createContainer(lab.engineHost, IMPOSTOR, {
      Image: await imageWithDesktopLabels(lab),
      Cmd: KEEP_RUNNING,
      HostConfig: { PidMode: 'host', Binds: [`${socket}:/var/run/docker.sock`] },
    });
    lab.writeUserSettings({ KubernetesEnabled: true });
    lab.writeAdminPolicy(true, true);
    expect(await lab.relaunch()).toBe('on');
  });
  afterAll(async () => {
    await lab?.teardown();
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it("lists Desktop's apart with why; the image-labelled impostor and the kind node count against the verdict", async () => {
    const { code, report } = await checkJson(lab.productArgs(), env);
    expect(report.effective.eci).toBe(true);
    expect(report.unprotectedContainers.map((c: { name: string }) => c.name)).toEqual([IMPOSTOR]);
    const uncovered = report.uncoveredContainers as Array<{
      name: string;
      kind: string;
      runtime: string;
      why: string;
      outsideEciByDesign: boolean;
    }>;
    expect(uncovered.map((c) => [c.name, c.kind, c.outsideEciByDesign]).sort()).toEqual([
      ['desktop-control-plane', 'kubernetes-node', false],
      [KUBEADM_NAME, 'kubernetes', true],
      [EXTENSION_NAME, 'extension', true],
    ]);
    for (const c of uncovered) {
      expect(c.runtime).toBe('runc');
      expect(c.why).toMatch(/ECI/);
    }
    expect(report.verdict).toBe('unprotected-containers');
    expect(code).toBe(10);
    expect(report.nextSteps.join(' ')).toMatch(/Reset Docker Desktop's Kubernetes cluster/);

    const intune = await cli(['check', '--format', 'intune']);
    expect(JSON.parse(intune.stdout)).toMatchObject({
      verdict: 'unprotected-containers',
      unprotectedContainers: 2,
      desktopContainers: 3,
    });
  });

  it("offers the impostor for cleanup, never Desktop's own, even when asked by name", async () => {
    const listed = await cli(['containers', '--json']);
    expect(listed.code).toBe(0);
    const audit = JSON.parse(listed.stdout);
    expect(audit.containers.map((c: { name: string }) => c.name)).toEqual([IMPOSTOR]);
    expect(audit.uncovered.map((c: { name: string }) => c.name).sort()).toEqual([
      'desktop-control-plane',
      KUBEADM_NAME,
      EXTENSION_NAME,
    ]);
    const human = await cli(['containers']);
    expect(human.stdout).toContain("Not covered by ECI: Docker Desktop's own containers (3), never cleaned up");

    const plan = await cli(['cleanup', '--plan', '--json']);
    expect(plan.code).toBe(0);
    const items = JSON.parse(plan.stdout).items as Array<{ name: string; allowed: boolean }>;
    expect(items.map((i) => [i.name, i.allowed])).toEqual([[IMPOSTOR, true]]);

    const asked = await cli(['cleanup', '--plan', '--only', 'desktop-control-plane']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/desktop-control-plane: Docker Desktop's own container, never cleaned up/);
  });

  it("with Kubernetes off in Desktop's settings, containers labelled as its Kubernetes are the user's", async () => {
    lab.writeUserSettings({ KubernetesEnabled: false });
    try {
      const { report } = await checkJson(lab.productArgs(), env);
      expect(report.unprotectedContainers.map((c: { name: string }) => c.name).sort()).toEqual(
        ['desktop-control-plane', KUBEADM_NAME, IMPOSTOR].sort(),
      );
      expect(report.uncoveredContainers.map((c: { name: string }) => c.name)).toEqual([EXTENSION_NAME]);
    } finally {
      lab.writeUserSettings({ KubernetesEnabled: true });
    }
  });

  it('with only containers ECI does not cover by design, the verdict stays protected', async () => {
    await removeContainer(lab.engineHost, kindNode);
    await removeContainer(lab.engineHost, impostor);
    const { code, report } = await checkJson(lab.productArgs(), env);
    expect(report.verdict).toBe('protected');
    expect(code).toBe(0);
    expect(report.uncoveredContainers.map((c: { kind: string }) => c.kind).sort()).toEqual(['extension', 'kubernetes']);
    expect(report.notes.join(' ')).toMatch(
      /2 Docker Desktop containers \(Kubernetes, Extensions\) run outside ECI by design/,
    );
  });
});
