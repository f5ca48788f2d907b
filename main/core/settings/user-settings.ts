// The user's own ECI setting: `EnhancedContainerIsolation` in settings-store.json (Desktop 4.35+),
// `enhancedContainerIsolation` in the older settings.json. Keys are read case-insensitively.
//
// settings-store.json also holds the Docker socket mount exceptions Desktop applies
// (`ECIDockerSocketImgList`, `ECIDockerSocketAllowDerivedImages`, `ECIDockerSocketCmdList`,
// `ECIDockerSocketCmdListType`, written with their defaults even when no policy sets them): the
// only local trace of a Docker Home (Admin Console) policy. Unknown keys are ignored; a key of the
// wrong type is a warning and is ignored (the file is Desktop's own, not the admin's).

import type { SettingsProblem } from '../model';
import { isImagePattern } from './admin-settings';
import type { JsonNode } from './json-parse';
import { findKey, kindName } from './json-lookup';
import { locate, type ParsedSettings } from './settings-file';

/** The Docker socket mount exceptions stored in settings-store.json. */
export interface StoredSocketMount {
  images: string[];
  allowDerivedImages: boolean | null;
  commandList: { type: 'allow' | 'deny'; commands: string[] } | null;
}

export interface UserSettingsResult {
  /** null when the file is missing, unusable, or does not set ECI. */
  eci: boolean | null;
  /** null when the file holds none of the socket mount keys. */
  socketMount: StoredSocketMount | null;
  problems: SettingsProblem[];
}

export const STORED_SOCKET_KEYS = {
  images: 'ECIDockerSocketImgList',
  allowDerived: 'ECIDockerSocketAllowDerivedImages',
  commands: 'ECIDockerSocketCmdList',
  commandsType: 'ECIDockerSocketCmdListType',
} as const;

function readStoredSocketMount(
  parsed: ParsedSettings,
  root: JsonNode,
  problems: SettingsProblem[],
): StoredSocketMount | null {
  const images = findKey(root, STORED_SOCKET_KEYS.images)?.value;
  const derived = findKey(root, STORED_SOCKET_KEYS.allowDerived)?.value;
  const commands = findKey(root, STORED_SOCKET_KEYS.commands)?.value;
  const commandsType = findKey(root, STORED_SOCKET_KEYS.commandsType)?.value;
  if (!images && !derived && !commands && !commandsType) return null;
  const warn = (node: JsonNode, message: string) =>
    problems.push({
      file: parsed.path,
      kind: 'wrong-type',
      severity: 'warning',
      message,
      ...locate(parsed, node.offset),
    });
  const result: StoredSocketMount = { images: [], allowDerivedImages: null, commandList: null };
  if (images) {
    if (images.kind !== 'array')
      warn(
        images,
        `"${STORED_SOCKET_KEYS.images}" must be an array of image names, found ${kindName(images)}; it is ignored.`,
      );
    else
      for (const item of images.items) {
        if (item.kind === 'string' && isImagePattern(item.value)) result.images.push(item.value);
        else
          warn(
            item,
            `"${item.kind === 'string' ? item.value : kindName(item)}" in "${STORED_SOCKET_KEYS.images}" is not an image pattern Docker Desktop understands; it is ignored.`,
          );
      }
  }
  if (derived) {
    if (derived.kind === 'boolean') result.allowDerivedImages = derived.value;
    else
      warn(
        derived,
        `"${STORED_SOCKET_KEYS.allowDerived}" must be true or false, found ${kindName(derived)}; it is ignored.`,
      );
  }
  const names: string[] = [];
  if (commands) {
    if (commands.kind !== 'array')
      warn(
        commands,
        `"${STORED_SOCKET_KEYS.commands}" must be an array of command names, found ${kindName(commands)}; it is ignored.`,
      );
    else for (const item of commands.items) if (item.kind === 'string') names.push(item.value);
  }
  if (commandsType) {
    if (commandsType.kind === 'string' && (commandsType.value === 'allow' || commandsType.value === 'deny'))
      result.commandList = { type: commandsType.value, commands: names };
    else warn(commandsType, `"${STORED_SOCKET_KEYS.commandsType}" must be "allow" or "deny"; it is ignored.`);
  }
  return result;
}

export function interpretUserSettings(parsed: ParsedSettings): UserSettingsResult {
  const problems: SettingsProblem[] = [...parsed.problems];
  const root = parsed.root;
  if (!root) return { eci: null, socketMount: null, problems };
  if (root.kind !== 'object') {
    problems.push({
      file: parsed.path,
      kind: 'wrong-type',
      severity: 'error',
      message: `The top level of the settings file must be an object, found ${kindName(root)}.`,
      ...locate(parsed, root.offset),
    });
    return { eci: null, socketMount: null, problems };
  }
  const socketMount = readStoredSocketMount(parsed, root, problems);
  const value = findKey(root, 'enhancedContainerIsolation')?.value;
  if (!value) return { eci: null, socketMount, problems };
  if (value.kind !== 'boolean') {
    problems.push({
      file: parsed.path,
      kind: 'wrong-type',
      severity: 'error',
      message: `"EnhancedContainerIsolation" must be true or false, found ${kindName(value)}; the setting is ignored.`,
      ...locate(parsed, value.offset),
    });
    return { eci: null, socketMount, problems };
  }
  return { eci: value.value, socketMount, problems };
}
