import { describe, expect, it } from 'vitest';
import { parseJson } from './json-parse';
import { kubernetesEnabledFrom } from './kubernetes-setting';

const j = (text: string | null) => (text === null ? null : parseJson(text));

describe('kubernetesEnabledFrom', () => {
  // [case, admin-settings.json, user settings file, expected]
  it.each<[string, string | null, string | null, boolean | null]>([
    ['nothing readable', null, null, null],
    ['settings-store.json on', null, '{"KubernetesEnabled": true}', true],
    ['settings.json (camelCase) off', null, '{"kubernetesEnabled": false}', false],
    [
      'locked admin value wins over the user',
      '{"kubernetes": {"locked": true, "enabled": false}}',
      '{"KubernetesEnabled": true}',
      false,
    ],
    [
      'unlocked admin value is only a default',
      '{"kubernetes": {"locked": false, "enabled": false}}',
      '{"KubernetesEnabled": true}',
      true,
    ],
    ['unlocked admin value when the user file does not say', '{"kubernetes": {"enabled": true}}', '{}', true],
    ['wrong types say nothing', '{"kubernetes": {"locked": true, "enabled": "yes"}}', '{"KubernetesEnabled": 1}', null],
    ['admin file not an object', '[]', null, null],
    ['kubernetes not an object', '{"kubernetes": true}', null, null],
  ])('%s', (_case, admin, user, expected) => {
    expect(kubernetesEnabledFrom(j(admin), j(user))).toBe(expected);
  });
});
