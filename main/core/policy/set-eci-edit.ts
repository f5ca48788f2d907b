// `eci-tray policy set-eci`: the edit itself, as text in and text out. jsonc-parser's modify and
// applyEdits change only the ECI keys; every other key, comment-free byte and the file's own
// indentation and line ending stay as they were. Pure.

import { applyEdits, modify, type JSONPath } from 'jsonc-parser';
import { detectFormat, DEFAULT_FORMAT, type FileFormat } from './file-format';
import { CONFIGURATION_FILE_VERSION } from './documented-keys';
import type { JsonNode } from '../settings/json-parse';
import { findKey } from '../settings/json-lookup';

export interface EciEdit {
  on: boolean;
  locked: boolean;
  /** Image patterns to add to `dockerSocketMount.imageList.images` (already listed ones are kept once). */
  allowImages: string[];
}

export interface EditResult {
  text: string;
  /** What changed, one line each, for the person who ran the command. */
  changes: string[];
  format: FileFormat;
}

/** The text of a new admin-settings.json (only with --create), before the edit. */
export const NEW_FILE_TEXT = `{\n  "configurationFileVersion": ${CONFIGURATION_FILE_VERSION}\n}\n`;

/**
 * Applies the edit to `text` (no BOM; the caller strips it), whose strict parse is `root` (an
 * object). Keys are addressed with the spelling the file already uses, so a differently-cased
 * key is edited in place rather than duplicated.
 */
export function applyEciEdit(text: string, root: Extract<JsonNode, { kind: 'object' }>, edit: EciEdit): EditResult {
  const format = text.trim() === '' ? DEFAULT_FORMAT : detectFormat(text);
  const options = {
    formattingOptions: { insertSpaces: format.insertSpaces, tabSize: format.tabSize, eol: format.eol },
  };
  const changes: string[] = [];
  let out = text;
  const set = (path: JSONPath, value: unknown) => {
    out = applyEdits(out, modify(out, path, value, options));
  };

  if (!findKey(root, 'configurationFileVersion')) {
    set(['configurationFileVersion'], CONFIGURATION_FILE_VERSION);
    changes.push(`configurationFileVersion: (none) -> ${CONFIGURATION_FILE_VERSION}`);
  }

  const eciEntry = findKey(root, 'enhancedContainerIsolation');
  const eciKey = eciEntry?.key ?? 'enhancedContainerIsolation';
  const section = eciEntry?.value.kind === 'object' ? eciEntry.value : null;
  const spelled = (node: JsonNode | null | undefined, key: string) => (node ? (findKey(node, key)?.key ?? key) : key);
  const current = (node: JsonNode | null | undefined, key: string) => (node ? findKey(node, key)?.value : undefined);
  const show = (node: JsonNode | undefined) =>
    node === undefined ? '(none)' : node.kind === 'boolean' ? String(node.value) : `(${node.kind})`;

  const value = current(section, 'value');
  if (value?.kind !== 'boolean' || value.value !== edit.on) {
    set([eciKey, spelled(section, 'value')], edit.on);
    changes.push(`${eciKey}.value: ${show(value)} -> ${edit.on}`);
  }
  const locked = current(section, 'locked');
  if (locked?.kind !== 'boolean' || locked.value !== edit.locked) {
    set([eciKey, spelled(section, 'locked')], edit.locked);
    changes.push(`${eciKey}.locked: ${show(locked)} -> ${edit.locked}`);
  }

  if (edit.allowImages.length > 0) {
    const mount = current(section, 'dockerSocketMount');
    const imageList = current(mount, 'imageList');
    const images = current(imageList, 'images');
    const path = [
      eciKey,
      spelled(section, 'dockerSocketMount'),
      spelled(mount, 'imageList'),
      spelled(imageList, 'images'),
    ];
    const listed = images?.kind === 'array' ? images.items.flatMap((i) => (i.kind === 'string' ? [i.value] : [])) : [];
    const added = [...new Set(edit.allowImages)].filter((img) => !listed.includes(img));
    if (images?.kind !== 'array') {
      if (added.length) set(path, added);
    } else {
      // One insertion per image at the end of the list: the existing entries keep their layout.
      added.forEach((img, i) => {
        out = applyEdits(
          out,
          modify(out, [...path, images.items.length + i], img, { ...options, isArrayInsertion: true }),
        );
      });
    }
    for (const img of added) changes.push(`${path.join('.')}: + "${img}"`);
  }
  return { text: out, changes, format };
}
