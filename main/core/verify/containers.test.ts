// Which containers run outside ECI is decided once (splitOutsideEci): the verdict's list (through
// summarise) and the cleanup's audit (through describeContainer) must name the same containers,
// the user's and Docker Desktop's own alike, for every kind of container.

import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { ContainerListEntry } from '../engine/engine-client';
import { describeContainer } from '../cleanup/describe-container';
import { splitOutsideEci, summarise, type InspectedContainer } from './containers';
import type { DesktopContext } from './desktop-owned';

const KIND_NODE = { 'io.x-k8s.kind.cluster': 'desktop', 'io.x-k8s.kind.role': 'control-plane' };

function container(name: string, runtime: string | undefined, labels: Record<string, string> = {}): InspectedContainer {
  const id = name.padEnd(64, '0');
  const entry = {
    Id: id,
    Names: [`/${name}`],
    Image: 'alpine:3',
    ImageID: 'sha256:1',
    State: 'running',
    Created: 0,
    Labels: labels,
  } as ContainerListEntry;
  const info = {
    Id: id,
    Name: `/${name}`,
    Created: '2026-01-01T00:00:00Z',
    Image: 'sha256:1',
    State: { Status: 'running', Running: true },
    Config: { Image: 'alpine:3', Labels: labels },
    HostConfig: runtime === undefined ? {} : { Runtime: runtime },
    Mounts: [],
    NetworkSettings: { Networks: {} },
  } as unknown as Docker.ContainerInspectInfo;
  return { entry, info };
}

const ON: DesktopContext = { kubernetesEnabled: true };
const OFF: DesktopContext = { kubernetesEnabled: false };

describe('splitOutsideEci: the verdict and the cleanup agree', () => {
  it.each<[string, InspectedContainer, DesktopContext, 'none' | 'user' | 'desktop']>([
    ['created under ECI', container('web', 'sysbox-runc'), ON, 'none'],
    ['created before ECI (runc)', container('old', 'runc'), ON, 'user'],
    ['no runtime named (the default, runc)', container('bare', undefined), ON, 'user'],
    ['another runtime', container('gvisor', 'runsc'), ON, 'user'],
    ["Desktop's kind node, Kubernetes on", container('desktop-control-plane', 'runc', KIND_NODE), ON, 'desktop'],
    [
      'a kind node while Kubernetes is off: the user’s',
      container('desktop-control-plane', 'runc', KIND_NODE),
      OFF,
      'user',
    ],
    ["Desktop's kind node under ECI", container('desktop-control-plane', 'sysbox-runc', KIND_NODE), ON, 'none'],
  ])('%s', (_what, c, desktop, expected) => {
    const verdict = splitOutsideEci([c], desktop, summarise);
    const cleanup = splitOutsideEci([c], desktop, (entry, info) => describeContainer(entry, info, true));
    const where = (r: { list: unknown[]; uncovered: unknown[] }) =>
      r.list.length ? 'user' : r.uncovered.length ? 'desktop' : 'none';
    expect(where(verdict)).toBe(expected);
    expect(where(cleanup)).toBe(expected);
    expect(cleanup.list.map((x) => x.id)).toEqual(verdict.list.map((x) => x.id));
    expect(cleanup.uncovered.map((x) => [x.id, x.kind])).toEqual(verdict.uncovered.map((x) => [x.id, x.kind]));
  });

  it('keeps the order it was given, for a mixed list', () => {
    const all = [container('a', 'runc'), container('b', 'sysbox-runc'), container('c', undefined)];
    expect(splitOutsideEci(all, ON, summarise).list.map((x) => x.name)).toEqual(['a', 'c']);
  });
});
