// What Docker's docs and issues say about admin-settings.json, each as a finding (sources in
// docs/DOCKER-DESKTOP.md): a BOM blocks Desktop, a commandList without type is a deny list, and
// Docker's pages spell the Kubernetes image repository two ways.

import { describe, expect, it } from 'vitest';
import { interpretAdminSettings } from '../settings/admin-settings';
import { parseSettingsBytes } from '../settings/settings-file';
import { validatePolicyBytes } from './validate-policy';

const file = '/usr/share/docker-desktop/admin-settings.json';
const bytes = (text: string, bom = false) =>
  new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...Buffer.from(text, 'utf8')]);
const eci = (commandList: string) =>
  `{"configurationFileVersion": 2, "enhancedContainerIsolation": {"locked": true, "value": true, "dockerSocketMount": {"imageList": {"images": ["docker:cli"]}, "commandList": ${commandList}}}}`;
const VALID = '{"configurationFileVersion": 2, "enhancedContainerIsolation": {"locked": true, "value": true}}';

describe('findings from what Docker documents', () => {
  // [case, text, BOM, outcome, code of the finding, its level]
  it.each<[string, string, boolean, string, string, string]>([
    ['a UTF-8 BOM: rejected (docker/for-win#14950)', VALID, true, 'rejected', 'bom', 'rejected'],
    [
      'commandList without type: deny is the documented default, a note',
      eci('{"commands": ["push"]}'),
      false,
      'valid',
      'no-command-type',
      'note',
    ],
    [
      'commandList with type deny: nothing to say',
      eci('{"type": "deny", "commands": ["push"]}'),
      false,
      'valid',
      '',
      '',
    ],
    [
      'KubernetesImagesRepository: uncertain, the docs disagree',
      '{"configurationFileVersion": 2, "KubernetesImagesRepository": "mirror.example.com/k8s"}',
      false,
      'uncertain',
      'docs-disagree',
      'uncertain',
    ],
    [
      'KubernetesImagesRepository of the wrong type: rejected',
      '{"configurationFileVersion": 2, "KubernetesImagesRepository": 3}',
      false,
      'rejected',
      'wrong-type',
      'rejected',
    ],
    [
      'kubernetes.imagesRepository (the JSON page): valid',
      '{"configurationFileVersion": 2, "kubernetes": {"locked": true, "enabled": false, "imagesRepository": "m.example.com"}}',
      false,
      'valid',
      '',
      '',
    ],
    [
      'Kubernetes turned on by the policy: kubeadm, which ECI never protects',
      '{"configurationFileVersion": 2, "kubernetes": {"locked": true, "enabled": true}}',
      false,
      'valid',
      'kubernetes-kubeadm',
      'note',
    ],
  ])('%s', (_case, text, bom, outcome, code, level) => {
    const v = validatePolicyBytes(bytes(text, bom), file);
    expect(v.outcome).toBe(outcome);
    if (code) expect(v.findings).toContainEqual(expect.objectContaining({ code, level }));
    else expect(v.findings).toEqual([]);
  });

  it('the message of the disputed key names both spellings', () => {
    const v = validatePolicyBytes(bytes('{"configurationFileVersion": 2, "KubernetesImagesRepository": ""}'), file);
    expect(v.findings[0]!.message).toMatch(/"KubernetesImagesRepository".*"kubernetes\.imagesRepository"/);
    expect(v.findings[0]!.message).not.toMatch(/no effect/);
  });

  it('a commandList without type is read as a deny list', () => {
    const policy = interpretAdminSettings(
      parseSettingsBytes(bytes(eci('{"commands": ["push", "build"]}')), file, 'admin'),
    ).policy;
    expect(policy?.commandList).toEqual({ type: 'deny', commands: ['push', 'build'] });
  });

  it("a BOM blocks Docker Desktop in check's settings problems too, and the rest of the file still counts", () => {
    const parsed = parseSettingsBytes(bytes(VALID, true), file, 'admin');
    expect(parsed.problems).toEqual([
      expect.objectContaining({ severity: 'error', blocksDockerDesktop: true, line: 1, column: 1 }),
    ]);
    expect(interpretAdminSettings(parsed).policy).toMatchObject({ value: true, locked: true });
  });
});
