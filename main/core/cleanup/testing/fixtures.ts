// A container and a plan made from it by the real planner, for unit tests of the cleanup's files.

import type Docker from 'dockerode';
import type { ContainerListEntry } from '../../engine/engine-client';
import { describeContainer } from '../describe-container';
import { makePlan, type CleanupPlan } from '../plan';

export const FIXTURE_ID = 'a'.repeat(64);

export function fixtureInspect(env: string[] = ['PATH=/usr/bin']): Docker.ContainerInspectInfo {
  return {
    Id: FIXTURE_ID,
    Name: '/web',
    Created: '2026-01-01T00:00:00Z',
    Image: 'sha256:' + 'c'.repeat(64),
    State: { Status: 'running', Running: true },
    Config: { Image: 'nginx:1.27', Cmd: ['nginx'], Env: env, Labels: {} },
    HostConfig: { Runtime: 'runc', NetworkMode: 'bridge' },
    Mounts: [],
    NetworkSettings: { Networks: { bridge: {} } },
  } as unknown as Docker.ContainerInspectInfo;
}

export function fixturePlan(env?: string[]): CleanupPlan {
  const entry = {
    Id: FIXTURE_ID,
    Names: ['/web'],
    Image: 'nginx:1.27',
    ImageID: 'sha256:' + 'c'.repeat(64),
    State: 'running',
    Created: 0,
    Labels: {},
    SizeRw: 0,
  } as ContainerListEntry;
  return makePlan({
    containers: [{ audited: describeContainer(entry, fixtureInspect(env), true), info: fixtureInspect(env) }],
    choices: new Map(),
    strategy: 'remove',
    endpoint: 'unix:///var/run/docker.sock',
    context: { eciEffective: true, socketMountAllowList: [], createdAt: new Date('2026-11-27T10:20:30Z') },
  });
}
