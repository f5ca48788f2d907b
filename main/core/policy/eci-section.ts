// The `enhancedContainerIsolation` section in depth: `value`, `locked`, and the Docker socket mount
// exceptions (`dockerSocketMount.imageList.images` patterns, `allowDerivedImages`,
// `commandList.type` allow|deny and its `commands`), as ECI's configuration page documents them. Pure.

import { ECI_KEYS } from './documented-keys';
import type { FindingSink } from './finding-sink';
import { checkImagePattern } from '../settings/image-pattern-syntax';
import type { JsonNode } from '../settings/json-parse';

/** Command names as the docs write them: "push", "container*", "image*". */
const COMMAND = /^[a-z][a-z0-9-]*\*?$/;

export function checkEciSection(sink: FindingSink, node: JsonNode): void {
  const key = 'enhancedContainerIsolation';
  if (!sink.expectObject(node, key, 'an object with "value" and "locked"')) return;
  const entries = sink.knownEntries(node, key, ECI_KEYS.section);
  const value = entries.get('value');
  if (value) sink.expectBoolean(value.value, `${key}.value`);
  else
    sink.add('ignored', 'no-value', `"${key}" has no "value": it turns ECI neither on nor off.`, {
      key,
      offset: node.offset,
    });
  const locked = entries.get('locked');
  if (locked) sink.expectBoolean(locked.value, `${key}.locked`);
  const mount = entries.get('dockerSocketMount');
  if (mount) checkSocketMount(sink, mount.value, `${key}.dockerSocketMount`);
}

function checkSocketMount(sink: FindingSink, node: JsonNode, key: string): void {
  if (!sink.expectObject(node, key, 'an object with "imageList" and "commandList"')) return;
  const entries = sink.knownEntries(node, key, ECI_KEYS.dockerSocketMount);
  const imageList = entries.get('imageList');
  if (imageList) checkImageList(sink, imageList.value, `${key}.imageList`);
  const commandList = entries.get('commandList');
  if (commandList) checkCommandList(sink, commandList.value, `${key}.commandList`);
}

function checkImageList(sink: FindingSink, node: JsonNode, key: string): void {
  if (node.kind === 'array') {
    sink.add(
      'rejected',
      'wrong-type',
      `"${key}" must be an object {"images": [...]}, not the list itself: write "imageList": {"images": [ ... ]}.`,
      { key, offset: node.offset },
    );
    return;
  }
  if (!sink.expectObject(node, key, 'an object with "images"')) return;
  const entries = sink.knownEntries(node, key, ECI_KEYS.imageList);
  const derived = entries.get('allowDerivedImages');
  if (derived) sink.expectBoolean(derived.value, `${key}.allowDerivedImages`);
  const images = entries.get('images');
  if (!images) {
    sink.add('ignored', 'no-images', `"${key}" has no "images": no image may mount the Docker socket.`, {
      key,
      offset: node.offset,
    });
    return;
  }
  const list = images.value;
  const at = `${key}.images`;
  if (list.kind !== 'array') {
    sink.wrongType(list, at, 'an array of image patterns');
    return;
  }
  list.items.forEach((item, i) => {
    const where = `${at}[${i}]`;
    if (item.kind !== 'string') {
      sink.wrongType(item, where, 'a string (an image pattern)');
      return;
    }
    const verdict = checkImagePattern(item.value);
    if (verdict.ok) {
      if (verdict.everyImage)
        sink.add(
          'note',
          'every-image',
          `"*" lets every container mount the Docker socket (Desktop 4.36+); Docker advises it only when listing images is not feasible.`,
          {
            key: where,
            offset: item.offset,
          },
        );
      return;
    }
    sink.add(
      'uncertain',
      verdict.undocumented ? 'undocumented-wildcard' : 'bad-image-pattern',
      `"${item.value}" is not an image pattern Docker documents: ${verdict.reason}. Docker Desktop may ignore the entry or refuse the list.`,
      { key: where, offset: item.offset },
    );
  });
}

function checkCommandList(sink: FindingSink, node: JsonNode, key: string): void {
  if (!sink.expectObject(node, key, 'an object with "type" and "commands"')) return;
  const entries = sink.knownEntries(node, key, ECI_KEYS.commandList);
  const type = entries.get('type');
  // Docker's ECI configuration page: the commandList "can be configured as a "deny" list (default)
  // or an "allow" list" (docker/docs, security/for-admins/.../enhanced-container-isolation/config.md).
  if (!type)
    sink.add(
      'note',
      'no-command-type',
      `"${key}" has no "type": Docker documents "deny" as the default, so the commands listed are blocked.`,
      { key, offset: node.offset },
    );
  else if (type.value.kind !== 'string') sink.wrongType(type.value, `${key}.type`, '"allow" or "deny"');
  else if (type.value.value !== 'allow' && type.value.value !== 'deny') {
    sink.add('rejected', 'bad-command-type', `"${key}.type" must be "allow" or "deny", found "${type.value.value}".`, {
      key: `${key}.type`,
      offset: type.value.offset,
    });
  }
  const commands = entries.get('commands');
  if (!commands) {
    sink.add('ignored', 'no-commands', `"${key}" has no "commands": it restricts nothing.`, {
      key,
      offset: node.offset,
    });
    return;
  }
  const at = `${key}.commands`;
  if (commands.value.kind !== 'array') {
    sink.wrongType(commands.value, at, 'an array of command names');
    return;
  }
  commands.value.items.forEach((item, i) => {
    const where = `${at}[${i}]`;
    if (item.kind !== 'string') sink.wrongType(item, where, 'a string (a docker command name)');
    else if (!COMMAND.test(item.value)) {
      sink.add(
        'uncertain',
        'bad-command',
        `"${item.value}" is not a command name as Docker documents them ("push", "build", "container*"): one lower-case word, optionally ending in "*".`,
        {
          key: where,
          offset: item.offset,
        },
      );
    }
  });
}
