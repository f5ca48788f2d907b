// Docker Desktop's own containers on the lab: with "Show system containers" on, Desktop's
// Kubernetes and Extension containers are in the container list and run without ECI (runc), like
// containers created before ECI. With ECI on they are listed apart as not covered, with why, never
// counted as the user's unprotected containers, and never offered for cleanup. A kind node of
// Desktop's cluster is the exception that counts: ECI does cover kind nodes created with it on.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { checkJson, createContainer, removeContainer, runCli } from './helpers';

// Labels as Docker Desktop sets them on its own containers.
const KUBEADM = {
  'io.kubernetes.container.name': 'kube-apiserver',
  'io.kubernetes.pod.name': 'kube-apiserver-docker-desktop',
  'io.kubernetes.pod.namespace': 'kube-system',
  'io.kubernetes.docker.type': 'container',
};
const EXTENSION = {
  'com.docker.compose.project': 'sandipchitale_docker-dive-desktop-extension',
  'com.docker.compose.project.config_files': '/root/.docker/desktop/extensions/sandipchitale_docker-dive/vm/docker-compose.yaml',
  'com.docker.compose.service': 'dive',
  'com.docker.desktop.extension': 'true',
};
const KIND_NODE = { 'io.x-k8s.kind.cluster': 'desktop', 'io.x-k8s.kind.role': 'control-plane' };
const KEEP_RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

describe("Docker Desktop's own containers outside ECI", () => {
  let lab: Lab;
  let env: Record<string, string>;
  let state: string;
  let kindNode = '';
  const cli = (args: string[]) => runCli([...args, ...lab.productArgs()], env);

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    state = mkdtempSync(join(tmpdir(), 'eci-state-'));
    env = { ...lab.env(), ECI_TRAY_STATE_DIR: state };
    // Created while ECI is off: they inspect as runc, as Desktop's own containers do under ECI.
    await createContainer(lab.engineHost, 'k8s_kube-apiserver_kube-apiserver-docker-desktop_kube-system_0', { Image: lab.probeImage, Cmd: KEEP_RUNNING, Labels: KUBEADM }, false);
    await createContainer(lab.engineHost, 'sandipchitale_docker-dive-desktop-extension-dive-1', { Image: lab.probeImage, Cmd: KEEP_RUNNING, Labels: EXTENSION }, false);
    kindNode = await createContainer(lab.engineHost, 'desktop-control-plane', { Image: lab.probeImage, Cmd: KEEP_RUNNING, Labels: KIND_NODE }, false);
    lab.writeAdminPolicy(true, true);
    expect(await lab.relaunch()).toBe('on');
  });
  afterAll(async () => {
    await lab?.teardown();
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it('lists them apart with why; only the kind node counts against the verdict', async () => {
    const { code, report } = await checkJson(lab.productArgs(), env);
    expect(report.effective.eci).toBe(true);
    expect(report.unprotectedContainers).toEqual([]);
    const uncovered = report.uncoveredContainers as Array<{ name: string; kind: string; runtime: string; why: string; outsideEciByDesign: boolean }>;
    expect(uncovered.map((c) => [c.name, c.kind, c.outsideEciByDesign]).sort()).toEqual([
      ['desktop-control-plane', 'kubernetes-node', false],
      ['k8s_kube-apiserver_kube-apiserver-docker-desktop_kube-system_0', 'kubernetes', true],
      ['sandipchitale_docker-dive-desktop-extension-dive-1', 'extension', true],
    ]);
    for (const c of uncovered) {
      expect(c.runtime).toBe('runc');
      expect(c.why).toMatch(/ECI/);
    }
    expect(report.verdict).toBe('unprotected-containers');
    expect(code).toBe(10);
    expect(report.nextSteps.join(' ')).toMatch(/Reset Docker Desktop's Kubernetes cluster/);
    expect(report.nextSteps.join(' ')).not.toMatch(/Remove or re-create/);
  });

  it('never offers them for cleanup, even when asked by name', async () => {
    const listed = await cli(['containers', '--json']);
    expect(listed.code).toBe(0);
    const audit = JSON.parse(listed.stdout);
    expect(audit.containers).toEqual([]);
    expect(audit.uncovered.map((c: { name: string }) => c.name).sort()).toEqual([
      'desktop-control-plane',
      'k8s_kube-apiserver_kube-apiserver-docker-desktop_kube-system_0',
      'sandipchitale_docker-dive-desktop-extension-dive-1',
    ]);
    const human = await cli(['containers']);
    expect(human.stdout).toContain("Not covered by ECI: Docker Desktop's own containers (3), never cleaned up");

    const plan = await cli(['cleanup', '--plan', '--json']);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).items).toEqual([]);

    const asked = await cli(['cleanup', '--plan', '--only', 'desktop-control-plane']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/desktop-control-plane: Docker Desktop's own container, never cleaned up/);
  });

  it('with only containers ECI does not cover by design, the verdict stays protected', async () => {
    await removeContainer(lab.engineHost, kindNode);
    const { code, report } = await checkJson(lab.productArgs(), env);
    expect(report.verdict).toBe('protected');
    expect(code).toBe(0);
    expect(report.uncoveredContainers.map((c: { kind: string }) => c.kind).sort()).toEqual(['extension', 'kubernetes']);
    expect(report.notes.join(' ')).toMatch(/2 Docker Desktop containers \(Kubernetes, Extensions\) run outside ECI by design/);
  });
});
