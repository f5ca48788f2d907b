import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminEciPolicy, DesiredState } from '../model';
import { desiredState } from './desired-state';
import { loadSettings } from './load-settings';
import { parseSettingsBytes } from './settings-file';
import { interpretUserSettings, type StoredSocketMount } from './user-settings';

const store = (text: string) =>
  interpretUserSettings(parseSettingsBytes(new TextEncoder().encode(text), '/home/u/settings-store.json', 'user'));

// An excerpt of a real settings-store.json (Desktop writes every key, defaults included).
const REAL_DEFAULTS =
  '{"AutoStart":false,"ECIDockerSocketAllowDerivedImages":true,"ECIDockerSocketCmdList":[],"ECIDockerSocketCmdListType":"deny","ECIDockerSocketImgList":[],"EnhancedContainerIsolation":false,"ShowExtensionsSystemContainers":false,"ShowKubernetesSystemContainers":false,"SettingsVersion":40}';

describe('settings-store.json: ECI and its Docker socket mount exceptions', () => {
  // [name, text, eci, socket mount (null: none of its keys), warnings]
  it.each<[string, string, boolean | null, StoredSocketMount | null, number]>([
    [
      'as Desktop writes it by default',
      REAL_DEFAULTS,
      false,
      { images: [], allowDerivedImages: true, commandList: { type: 'deny', commands: [] } },
      0,
    ],
    [
      'a Docker Home policy applied',
      '{"EnhancedContainerIsolation":true,"ECIDockerSocketImgList":["docker.io/testcontainers/ryuk:*","alpine:latest"],"ECIDockerSocketAllowDerivedImages":false,"ECIDockerSocketCmdList":["push"],"ECIDockerSocketCmdListType":"deny"}',
      true,
      {
        images: ['docker.io/testcontainers/ryuk:*', 'alpine:latest'],
        allowDerivedImages: false,
        commandList: { type: 'deny', commands: ['push'] },
      },
      0,
    ],
    [
      'keys in any case',
      '{"enhancedcontainerisolation":true,"ecidockersocketimglist":["*"]}',
      true,
      { images: ['*'], allowDerivedImages: null, commandList: null },
      0,
    ],
    ['no socket keys (older Desktop)', '{"EnhancedContainerIsolation":true}', true, null, 0],
    [
      'unknown keys never break parsing',
      '{"SomethingNew":{"deep":[1,2,{"x":null}]},"EnhancedContainerIsolation":true,"ECIDockerSocketImgListV2":5}',
      true,
      null,
      0,
    ],
    [
      'a list that is not a list is ignored with a warning',
      '{"EnhancedContainerIsolation":true,"ECIDockerSocketImgList":"alpine"}',
      true,
      { images: [], allowDerivedImages: null, commandList: null },
      1,
    ],
    [
      'entries that are not image patterns are dropped with a warning',
      '{"ECIDockerSocketImgList":["ok/image:1",42,"has space"]}',
      null,
      { images: ['ok/image:1'], allowDerivedImages: null, commandList: null },
      2,
    ],
    [
      'a command list type Desktop does not know',
      '{"ECIDockerSocketCmdList":["push"],"ECIDockerSocketCmdListType":"maybe"}',
      null,
      { images: [], allowDerivedImages: null, commandList: null },
      1,
    ],
    [
      'allow-derived of the wrong type',
      '{"ECIDockerSocketAllowDerivedImages":"yes"}',
      null,
      { images: [], allowDerivedImages: null, commandList: null },
      1,
    ],
    [
      'wrong ECI type still reads the lists',
      '{"EnhancedContainerIsolation":"on","ECIDockerSocketImgList":["alpine:latest"]}',
      null,
      { images: ['alpine:latest'], allowDerivedImages: null, commandList: null },
      0,
    ],
  ])('%s', (_name, text, eci, socketMount, warnings) => {
    const r = store(text);
    expect(r.eci).toBe(eci);
    expect(r.socketMount).toEqual(socketMount);
    expect(r.problems.filter((p) => p.severity === 'warning')).toHaveLength(warnings);
  });
});

describe('desiredState: an unlocked admin value against the stored user value', () => {
  const policy = (value: boolean, locked: boolean): AdminEciPolicy => ({
    value,
    locked,
    socketMountImages: [],
    allowDerivedImages: null,
    commandList: null,
  });
  // [name, admin policy, user value, expected]
  it.each<[string, AdminEciPolicy | null, boolean | null, DesiredState]>([
    [
      'unlocked on, user off: the user value, the policy carried as contested',
      policy(true, false),
      false,
      { eci: false, source: 'user', file: '/u', contested: { eci: true, source: 'admin-unlocked', file: '/a' } },
    ],
    [
      'unlocked off, user on: contested too',
      policy(false, false),
      true,
      { eci: true, source: 'user', file: '/u', contested: { eci: false, source: 'admin-unlocked', file: '/a' } },
    ],
    [
      'unlocked on, user on: agreement, nothing contested',
      policy(true, false),
      true,
      { eci: true, source: 'user', file: '/u' },
    ],
    [
      'unlocked on, no user value: the policy',
      policy(true, false),
      null,
      { eci: true, source: 'admin-unlocked', file: '/a' },
    ],
    [
      'locked on, user off: the lock wins, nothing contested',
      policy(true, true),
      false,
      { eci: true, source: 'admin-locked', file: '/a' },
    ],
    ['no policy, user off', null, false, { eci: false, source: 'user', file: '/u' }],
  ])('%s', (_name, adminPolicy, userEci, expected) => {
    expect(desiredState({ admin: { file: '/a', policy: adminPolicy }, user: { file: '/u', eci: userEci } })).toEqual(
      expected,
    );
  });
});

describe('loadSettings: the socket mount allow list the probe is given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eci-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('joins the admin file list and the stored list, without repeats', async () => {
    const adminSettings = write(
      'admin-a.json',
      '{"enhancedContainerIsolation":{"value":true,"locked":true,"dockerSocketMount":{"imageList":{"images":["docker:cli","alpine:latest"]}}}}',
    );
    const userSettings = write(
      'store-a.json',
      '{"EnhancedContainerIsolation":true,"ECIDockerSocketImgList":["alpine:latest","docker.io/testcontainers/ryuk:*"]}',
    );
    const s = await loadSettings({ adminSettings, userSettings });
    expect(s.socketMountAllowList).toEqual(['docker:cli', 'alpine:latest', 'docker.io/testcontainers/ryuk:*']);
    expect(s.storedSocketMount?.images).toEqual(['alpine:latest', 'docker.io/testcontainers/ryuk:*']);
  });

  it('a Docker Home list with no admin file still reaches the probe', async () => {
    const userSettings = write(
      'store-b.json',
      '{"EnhancedContainerIsolation":true,"ECIDockerSocketImgList":["alpine:latest"]}',
    );
    const s = await loadSettings({ adminSettings: join(dir, 'absent.json'), userSettings });
    expect(s.adminPolicy).toBeNull();
    expect(s.socketMountAllowList).toEqual(['alpine:latest']);
  });
});
