import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { AuditedContainer } from '../cleanup/audit-model';
import { planItem } from '../cleanup/plan';
import { desktopContextOf, desktopOwnership, type ContainerFacts, type DesktopContext } from './desktop-owned';

// Labels and names as Docker Desktop's creators set them (kubelet via cri-dockerd, Compose, kind;
// see desktop-owned.ts). The Windows path of EXTENSION_NO_MARK is illustrative: it exercises the
// separators, not a known path.
const UID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const KUBEADM = {
  'io.kubernetes.container.name': 'kube-apiserver',
  'io.kubernetes.pod.name': 'kube-apiserver-docker-desktop',
  'io.kubernetes.pod.namespace': 'kube-system',
  'io.kubernetes.pod.uid': UID,
  'io.kubernetes.docker.type': 'container',
};
const KUBEADM_NAME = `/k8s_kube-apiserver_kube-apiserver-docker-desktop_kube-system_${UID}_0`;
const SANDBOX = { ...KUBEADM, 'io.kubernetes.container.name': 'POD', 'io.kubernetes.docker.type': 'podsandbox' };
const SANDBOX_NAME = `k8s_POD_kube-apiserver-docker-desktop_kube-system_${UID}_1`;
const EXTENSION = {
  'com.docker.compose.project': 'sandipchitale_docker-dive-desktop-extension',
  'com.docker.compose.project.config_files':
    '/home/dev/.docker/desktop/extensions/sandipchitale_docker-dive/vm/docker-compose.yaml',
  'com.docker.compose.service': 'dive',
  'com.docker.desktop.extension': 'true',
  'com.docker.desktop.extension.api.version': '0.3.4',
};
const EXTENSION_NAME = 'sandipchitale_docker-dive-desktop-extension-dive-1';
const EXTENSION_NO_MARK = {
  'com.docker.compose.project': 'portainer_portainer-docker-extension-desktop-extension',
  'com.docker.compose.project.config_files':
    'C:\\Users\\dev\\AppData\\Roaming\\Docker\\extensions\\portainer_portainer-docker-extension\\vm\\docker-compose.yaml',
  'com.docker.compose.service': 'portainer',
};
const KIND_NODE = { 'io.x-k8s.kind.cluster': 'desktop', 'io.x-k8s.kind.role': 'control-plane' };

type Row = [string, ContainerFacts, DesktopContext, string | null, boolean | null];
const ON: DesktopContext = { kubernetesEnabled: true };
const OFF: DesktopContext = { kubernetesEnabled: false };
const UNKNOWN: DesktopContext = { kubernetesEnabled: null };
const c = (
  name: string | null | undefined,
  labels: Record<string, string> | null | undefined,
  image = 'img',
): ContainerFacts => ({ name, image, labels });

describe('desktopOwnership: labels corroborated by what no image sets', () => {
  it.each<Row>([
    ['kubeadm container: kubelet name agrees, Kubernetes on', c(KUBEADM_NAME, KUBEADM), ON, 'kubernetes', true],
    [
      'kubeadm container, settings unreadable: the name suffices',
      c(KUBEADM_NAME, KUBEADM),
      UNKNOWN,
      'kubernetes',
      true,
    ],
    ['kubeadm pod sandbox (k8s_POD_...)', c(SANDBOX_NAME, SANDBOX), ON, 'kubernetes', true],
    [
      "kubeadm labels while Kubernetes is off in Desktop's settings: the user's",
      c(KUBEADM_NAME, KUBEADM),
      OFF,
      null,
      null,
    ],
    ["image-set io.kubernetes.* labels on a container the user named: the user's", c('web', KUBEADM), ON, null, null],
    ['any io.kubernetes.* label alone', c('x', { 'io.kubernetes.pod.uid': 'x' }), ON, null, null],
    [
      'kubelet-like name whose pod disagrees with the labels',
      c(`k8s_kube-apiserver_other-pod_kube-system_${UID}_0`, KUBEADM),
      ON,
      null,
      null,
    ],
    [
      'kubelet-like name without the pod uid label',
      c(KUBEADM_NAME, { ...KUBEADM, 'io.kubernetes.pod.uid': '' }),
      ON,
      null,
      null,
    ],
    [
      'kubelet-like name with a non-numeric attempt',
      c(`k8s_kube-apiserver_kube-apiserver-docker-desktop_kube-system_${UID}_x`, KUBEADM),
      ON,
      null,
      null,
    ],
    ['extension backend: Compose name agrees', c(EXTENSION_NAME, EXTENSION), OFF, 'extension', true],
    [
      'extension backend, Compose v1 name',
      c('sandipchitale_docker-dive-desktop-extension_dive_1', EXTENSION),
      UNKNOWN,
      'extension',
      true,
    ],
    [
      'extension backend by its Compose project under extensions/, no mark',
      c('portainer_portainer-docker-extension-desktop-extension-portainer-1', EXTENSION_NO_MARK),
      UNKNOWN,
      'extension',
      true,
    ],
    ["extension labels from an image on a container the user named: the user's", c('evil', EXTENSION), ON, null, null],
    [
      'extension mark alone (image LABEL), no Compose project',
      c('x-desktop-extension-dive-1', { 'com.docker.desktop.extension': 'true' }),
      ON,
      null,
      null,
    ],
    ["Desktop's kind node", c('desktop-control-plane', KIND_NODE), ON, 'kubernetes-node', false],
    [
      "Desktop's kind worker 2",
      c('desktop-worker2', { 'io.x-k8s.kind.cluster': 'desktop', 'io.x-k8s.kind.role': 'worker' }),
      UNKNOWN,
      'kubernetes-node',
      false,
    ],
    ["kind labels on a container the user named: the user's", c('mine', KIND_NODE), ON, null, null],
    ['kind node whose role disagrees with its name', c('desktop-worker', KIND_NODE), ON, null, null],
    ['kind node while Kubernetes is off', c('desktop-control-plane', KIND_NODE), OFF, null, null],
    [
      'kind helper: cloud provider image',
      c('desktop-cloud-provider-kind', {}, 'docker/desktop-cloud-provider-kind:v0.7.0'),
      ON,
      'kubernetes-node',
      false,
    ],
    [
      'kind helper: registry mirror from a custom repository',
      c('x', {}, 'mirror.example.com/k8s/desktop-containerd-registry-mirror:v0.0.4'),
      UNKNOWN,
      'kubernetes-node',
      false,
    ],
    [
      'kind helper image while Kubernetes is off',
      c('desktop-cloud-provider-kind', {}, 'docker/desktop-cloud-provider-kind:v0.7.0'),
      OFF,
      null,
      null,
    ],
    ['a kind cluster of the user', c('mine-control-plane', { 'io.x-k8s.kind.cluster': 'mine' }), ON, null, null],
    [
      'a user image built as an extension (image labels only)',
      c('x', { 'com.docker.desktop.extension.api.version': '0.3.4', 'org.opencontainers.image.title': 'x' }),
      ON,
      null,
      null,
    ],
    [
      'a user project that merely ends like an extension',
      c('my-desktop-extension-web-1', {
        'com.docker.compose.project': 'my-desktop-extension',
        'com.docker.compose.service': 'web',
        'com.docker.compose.project.config_files': '/home/dev/app/compose.yaml',
      }),
      ON,
      null,
      null,
    ],
    ['extension mark not "true"', c(EXTENSION_NAME, { 'com.docker.desktop.extension': 'false' }), ON, null, null],
    ["a k8s_ name without labels is the user's", c(KUBEADM_NAME, {}), ON, null, null],
    ['no labels', c('x', null), ON, null, null],
    ['labels and name undefined', c(undefined, undefined), UNKNOWN, null, null],
  ])('%s', (_name, facts, ctx, kind, byDesign) => {
    const owned = desktopOwnership(facts, ctx);
    expect(owned?.kind ?? null).toBe(kind);
    expect(owned?.outsideEciByDesign ?? null).toBe(byDesign);
    if (owned) expect(owned.why.length).toBeGreaterThan(40);
  });

  it('settings say nothing unless a boolean is there', () => {
    expect(desktopContextOf(null)).toEqual(UNKNOWN);
    expect(desktopContextOf({})).toEqual(UNKNOWN);
    expect(desktopContextOf({ kubernetesEnabled: false })).toEqual(OFF);
  });
});

describe('planItem refuses Docker Desktop containers whatever the strategy', () => {
  const audited = (name: string): AuditedContainer => ({
    id: 'a'.repeat(64),
    name,
    image: 'docker/desktop-kubernetes:latest',
    imageId: 'sha256:' + 'b'.repeat(64),
    imageExists: true,
    state: 'running',
    created: '2026-01-01T00:00:00Z',
    runtime: 'runc',
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    ports: [],
    networks: [],
    namedVolumes: [],
    anonymousVolumes: [],
    bindMounts: [],
    writableLayerBytes: 0,
    compose: null,
  });
  const info = (labels: Record<string, string>, name = 'x') =>
    ({
      Id: 'a'.repeat(64),
      Name: `/${name}`,
      Image: 'sha256:' + 'b'.repeat(64),
      Config: { Image: 'img', Labels: labels, Env: [], Cmd: [] },
      HostConfig: { Runtime: 'runc' },
      Mounts: [],
      NetworkSettings: { Networks: {} },
      State: { Status: 'running' },
    }) as unknown as Docker.ContainerInspectInfo;
  const ctx = { eciEffective: true, socketMountAllowList: [], createdAt: new Date('2026-01-01T00:00:00Z') };

  it.each([
    ['remove', KUBEADM, KUBEADM_NAME.slice(1)],
    ['snapshot', EXTENSION, EXTENSION_NAME],
    ['recreate', KIND_NODE, 'desktop-control-plane'],
  ] as const)('%s of a Desktop container is not possible, with the reason', (strategy, labels, name) => {
    const { item, spec } = planItem(audited(name), info(labels, name), strategy, ctx);
    expect(item.allowed).toBe(false);
    expect(item.steps).toEqual([]);
    expect(item.whyNot).toMatch(/Docker Desktop's own container, never cleaned up/);
    expect(spec).toBeNull();
  });

  it('a container with image-set Desktop labels but a name of its own is planned like any other', () => {
    const { item } = planItem(audited('web'), info(KUBEADM, 'web'), 'remove', ctx);
    expect(item.allowed).toBe(true);
  });

  it("the user's own container is still planned", () => {
    const { item } = planItem(audited('web'), info({ 'com.docker.compose.project': 'shop' }), 'remove', ctx);
    expect(item.allowed).toBe(true);
    expect(item.steps.map((s) => s.action)).toContain('remove');
  });
});
