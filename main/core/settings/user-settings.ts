// The user's own ECI setting: `EnhancedContainerIsolation` in settings-store.json (Desktop 4.35+),
// `enhancedContainerIsolation` in the older settings.json. Keys are read case-insensitively.

import type { SettingsProblem } from '../model';
import { findKey, kindName } from './json-lookup';
import { locate, type ParsedSettings } from './settings-file';

export interface UserSettingsResult {
  /** null when the file is missing, unusable, or does not set ECI. */
  eci: boolean | null;
  problems: SettingsProblem[];
}

export function interpretUserSettings(parsed: ParsedSettings): UserSettingsResult {
  const problems: SettingsProblem[] = [...parsed.problems];
  const root = parsed.root;
  if (!root) return { eci: null, problems };
  if (root.kind !== 'object') {
    problems.push({
      file: parsed.path,
      kind: 'wrong-type',
      severity: 'error',
      message: `The top level of the settings file must be an object, found ${kindName(root)}.`,
      ...locate(parsed, root.offset),
    });
    return { eci: null, problems };
  }
  const value = findKey(root, 'enhancedContainerIsolation')?.value;
  if (!value) return { eci: null, problems };
  if (value.kind !== 'boolean') {
    problems.push({
      file: parsed.path,
      kind: 'wrong-type',
      severity: 'error',
      message: `"EnhancedContainerIsolation" must be true or false, found ${kindName(value)}; the setting is ignored.`,
      ...locate(parsed, value.offset),
    });
    return { eci: null, problems };
  }
  return { eci: value.value, problems };
}
