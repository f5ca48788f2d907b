import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { AuditedContainer } from './cleanup/audit-model';
import { planItem } from './cleanup/plan';
import { desktopOwnership } from './desktop-owned';

// Labels as Docker Desktop sets them (observed on real containers; see desktop-owned.ts). The
// Windows path of EXTENSION_NO_MARK is illustrative: it exercises the separators, not a known path.
const KUBEADM = {
  'io.kubernetes.container.name': 'kube-apiserver',
  'io.kubernetes.pod.name': 'kube-apiserver-docker-desktop',
  'io.kubernetes.pod.namespace': 'kube-system',
  'io.kubernetes.docker.type': 'container',
};
const EXTENSION = {
  'com.docker.compose.project': 'sandipchitale_docker-dive-desktop-extension',
  'com.docker.compose.project.config_files': '/home/dev/.docker/desktop/extensions/sandipchitale_docker-dive/vm/docker-compose.yaml',
  'com.docker.compose.service': 'dive',
  'com.docker.desktop.extension': 'true',
  'com.docker.desktop.extension.api.version': '0.3.4',
};
const EXTENSION_NO_MARK = {
  'com.docker.compose.project': 'portainer_portainer-docker-extension-desktop-extension',
  'com.docker.compose.project.config_files': 'C:\\Users\\dev\\AppData\\Roaming\\Docker\\extensions\\portainer_portainer-docker-extension\\vm\\docker-compose.yaml',
};
const KIND_NODE = { 'io.x-k8s.kind.cluster': 'desktop', 'io.x-k8s.kind.role': 'control-plane' };

describe('desktopOwnership', () => {
  // [name, labels, kind or null, outside ECI by design]
  it.each<[string, Record<string, string> | null | undefined, string | null, boolean | null]>([
    ['kubeadm Kubernetes container', KUBEADM, 'kubernetes', true],
    ['any io.kubernetes.* label', { 'io.kubernetes.pod.uid': 'x' }, 'kubernetes', true],
    ['extension backend (Desktop marks it)', EXTENSION, 'extension', true],
    ['extension backend by its Compose project under desktop/extensions', EXTENSION_NO_MARK, 'extension', true],
    ["Desktop's kind node", KIND_NODE, 'kubernetes-node', false],
    ['a kind cluster of the user', { 'io.x-k8s.kind.cluster': 'mine' }, null, null],
    ['a user image built as an extension (image labels only)', { 'com.docker.desktop.extension.api.version': '0.3.4', 'org.opencontainers.image.title': 'x' }, null, null],
    [
      'a user project that merely ends like an extension',
      { 'com.docker.compose.project': 'my-desktop-extension', 'com.docker.compose.project.config_files': '/home/dev/app/compose.yaml' },
      null,
      null,
    ],
    ['extension mark not "true"', { 'com.docker.desktop.extension': 'false' }, null, null],
    ["a k8s_ name without labels is the user's", {}, null, null],
    ['no labels', null, null, null],
    ['labels undefined', undefined, null, null],
  ])('%s', (_name, labels, kind, byDesign) => {
    const owned = desktopOwnership(labels);
    expect(owned?.kind ?? null).toBe(kind);
    expect(owned?.outsideEciByDesign ?? null).toBe(byDesign);
    if (owned) expect(owned.why.length).toBeGreaterThan(40);
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
  const info = (labels: Record<string, string>) =>
    ({
      Id: 'a'.repeat(64),
      Name: '/x',
      Image: 'sha256:' + 'b'.repeat(64),
      Config: { Image: 'img', Labels: labels, Env: [], Cmd: [] },
      HostConfig: { Runtime: 'runc' },
      Mounts: [],
      NetworkSettings: { Networks: {} },
      State: { Status: 'running' },
    }) as unknown as Docker.ContainerInspectInfo;
  const ctx = { eciEffective: true, socketMountAllowList: [], createdAt: new Date('2026-01-01T00:00:00Z') };

  it.each([
    ['remove', KUBEADM],
    ['snapshot', EXTENSION],
    ['recreate', KIND_NODE],
  ] as const)('%s of a Desktop container is not possible, with the reason', (strategy, labels) => {
    const { item, spec } = planItem(audited('k8s_kube-apiserver'), info(labels), strategy, ctx);
    expect(item.allowed).toBe(false);
    expect(item.steps).toEqual([]);
    expect(item.whyNot).toMatch(/Docker Desktop's own container, never cleaned up/);
    expect(spec).toBeNull();
  });

  it("the user's own container is still planned", () => {
    const { item } = planItem(audited('web'), info({ 'com.docker.compose.project': 'shop' }), 'remove', ctx);
    expect(item.allowed).toBe(true);
    expect(item.steps.map((s) => s.action)).toContain('remove');
  });
});
