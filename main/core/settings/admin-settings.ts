// The ECI part of admin-settings.json: `enhancedContainerIsolation` with `value`, `locked` and the
// Docker socket mount allow lists. Wrong types are reported where they are, never guessed around.

import type { AdminEciPolicy, SettingsProblem } from '../model';
import type { JsonNode } from './json-parse';
import { findKey, kindName, repeatedKeys } from './json-lookup';
import { locate, ProblemList, type ParsedSettings } from './settings-file';
import { checkImagePattern } from './image-pattern-syntax';

export interface AdminSettingsResult {
  /** null when the file is missing, unusable, or has no ECI section. */
  policy: AdminEciPolicy | null;
  problems: SettingsProblem[];
}

export function interpretAdminSettings(parsed: ParsedSettings): AdminSettingsResult {
  const problems = new ProblemList(parsed.path, parsed.problems);
  const root = parsed.root;
  if (!root) return { policy: null, problems: problems.done() };

  const wrongType = (node: JsonNode, where: string, expected: string): void => {
    problems.push({
      file: parsed.path,
      kind: 'wrong-type',
      severity: 'error',
      message: `${where} must be ${expected}, found ${kindName(node)}; Docker Desktop cannot apply this setting.`,
      ...locate(parsed, node.offset),
    });
  };

  if (root.kind !== 'object') {
    wrongType(root, 'The top level of admin-settings.json', 'an object');
    return { policy: null, problems: problems.done() };
  }
  for (const dup of repeatedKeys(root, 'enhancedContainerIsolation').slice(0, -1)) {
    problems.push({
      file: parsed.path,
      kind: 'invalid-json',
      severity: 'warning',
      message: `"${dup.key}" appears more than once; the last one is used.`,
      ...locate(parsed, dup.keyOffset),
    });
  }
  const section = findKey(root, 'enhancedContainerIsolation')?.value;
  if (!section) return { policy: null, problems: problems.done() };
  if (section.kind !== 'object') {
    wrongType(section, '"enhancedContainerIsolation"', 'an object with "value" and "locked"');
    return { policy: null, problems: problems.done() };
  }

  const policy: AdminEciPolicy = {
    value: null,
    locked: false,
    socketMountImages: [],
    allowDerivedImages: null,
    commandList: null,
  };

  const value = findKey(section, 'value')?.value;
  if (value) {
    if (value.kind === 'boolean') policy.value = value.value;
    else wrongType(value, '"enhancedContainerIsolation.value"', 'true or false');
  }
  const locked = findKey(section, 'locked')?.value;
  if (locked) {
    if (locked.kind === 'boolean') policy.locked = locked.value;
    else wrongType(locked, '"enhancedContainerIsolation.locked"', 'true or false');
  }

  const socketMount = findKey(section, 'dockerSocketMount')?.value;
  if (socketMount) {
    if (socketMount.kind !== 'object') wrongType(socketMount, '"dockerSocketMount"', 'an object');
    else readSocketMount(socketMount, policy, wrongType, parsed, problems);
  }
  return { policy, problems: problems.done() };
}

type WrongType = (node: JsonNode, where: string, expected: string) => void;

function readSocketMount(
  node: JsonNode,
  policy: AdminEciPolicy,
  wrongType: WrongType,
  parsed: ParsedSettings,
  problems: ProblemList,
): void {
  const imageList = findKey(node, 'imageList')?.value;
  if (imageList) {
    if (imageList.kind !== 'object') wrongType(imageList, '"dockerSocketMount.imageList"', 'an object');
    else {
      const images = findKey(imageList, 'images')?.value;
      if (images) {
        if (images.kind !== 'array') wrongType(images, '"imageList.images"', 'an array of image names');
        else
          for (const item of images.items) {
            if (item.kind !== 'string') wrongType(item, 'Each entry of "imageList.images"', 'a string');
            else if (!isImagePattern(item.value))
              problems.push({
                file: parsed.path,
                kind: 'wrong-type',
                severity: 'warning',
                message: `"${item.value}" is not an image pattern Docker Desktop understands (name[:tag], name:*, name@digest, org/*:* or *).`,
                ...locate(parsed, item.offset),
              });
            else policy.socketMountImages.push(item.value);
          }
      }
      const derived = findKey(imageList, 'allowDerivedImages')?.value;
      if (derived) {
        if (derived.kind === 'boolean') policy.allowDerivedImages = derived.value;
        else wrongType(derived, '"imageList.allowDerivedImages"', 'true or false');
      }
    }
  }
  const commandList = findKey(node, 'commandList')?.value;
  if (commandList) {
    if (commandList.kind !== 'object') wrongType(commandList, '"dockerSocketMount.commandList"', 'an object');
    else {
      const type = findKey(commandList, 'type')?.value;
      const commands = findKey(commandList, 'commands')?.value;
      // No type: Docker documents "deny" as the default (ECI's configuration page).
      let listType: 'allow' | 'deny' | null = type ? null : 'deny';
      if (type) {
        if (type.kind === 'string' && (type.value === 'allow' || type.value === 'deny')) listType = type.value;
        else wrongType(type, '"commandList.type"', '"allow" or "deny"');
      }
      const names: string[] = [];
      if (commands) {
        if (commands.kind !== 'array') wrongType(commands, '"commandList.commands"', 'an array of command names');
        else
          for (const item of commands.items) {
            if (item.kind === 'string') names.push(item.value);
            else wrongType(item, 'Each entry of "commandList.commands"', 'a string');
          }
      }
      if (listType) policy.commandList = { type: listType, commands: names };
    }
  }
}

/**
 * `name[:tag]`, `name:*`, `name@digest`, `*`, or `org/*:*` (a `*` path component, documented on
 * ECI's configuration page). The plain forms take one regular expression: a hostile file can list
 * a million entries; only patterns with a `*` component take the full syntax check.
 */
export function isImagePattern(s: string): boolean {
  if (s === '*') return true;
  if (/^[a-z0-9][a-z0-9._\-/:]*(?::(?:\*|[\w][\w.-]{0,127}))?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/i.test(s) && !/\s/.test(s))
    return true;
  return s.includes('*/') || s.includes('/*') ? checkImagePattern(s).ok : false;
}
