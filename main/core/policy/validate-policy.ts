// `eci-tray policy validate`: whether Docker Desktop will accept an admin-settings.json, every
// finding with its line and column. The bytes are decoded and parsed by the same strict reader the
// check uses (settings-file.ts: UTF-8 only, no comments, no trailing commas, positions kept), then
// walked against Docker's documented keys (documented-keys.ts). Pure.

import { CONFIGURATION_FILE_VERSION, DOCUMENTED_SETTINGS, type FieldType, type SettingShape } from './documented-keys';
import { checkEciSection } from './eci-section';
import { FindingSink } from './finding-sink';
import { outcomeOf, sortFindings, type PolicyFinding, type PolicyValidation } from './policy-findings';
import { findKey } from '../settings/json-lookup';
import type { JsonNode } from '../settings/json-parse';
import { parseSettingsBytes, type ParsedSettings } from '../settings/settings-file';
import type { SettingsProblem } from '../model';

const TOP_LEVEL = Object.keys(DOCUMENTED_SETTINGS);

export function validatePolicyBytes(bytes: Uint8Array, file: string): PolicyValidation {
  return validateParsed(parseSettingsBytes(bytes, file, 'admin'));
}

/** A file read by readSettingsFile (missing, unreadable, too large) or parsed from bytes. */
export function validateParsed(parsed: ParsedSettings): PolicyValidation {
  const file = parsed.path;
  if (!parsed.found) return { file, outcome: 'missing', findings: [] };
  if (parsed.problems.some((p) => p.kind === 'unreadable' || p.kind === 'not-a-file' || p.kind === 'too-large')) {
    return {
      file,
      outcome: 'unreadable',
      findings: parsed.problems.map((p) => ({ level: 'rejected', code: p.kind, message: p.message })),
    };
  }
  const findings: PolicyFinding[] = parsed.problems.map((p) => fromReadProblem(p, parsed.text));
  const sink = new FindingSink(parsed);
  if (parsed.root) checkRoot(sink, parsed.root);
  const all = sortFindings([...findings, ...sink.done()]);
  return { file, outcome: outcomeOf(all), findings: all };
}

/** A problem found while decoding or parsing, as a finding; syntax errors get a hint when they are JSONC. */
function fromReadProblem(p: SettingsProblem, text: string): PolicyFinding {
  const at = p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : {};
  if (p.kind === 'encoding' && p.line === 1 && p.column === 1 && /byte order mark/.test(p.message)) {
    // Docker: "UTF-8 without BOM"; Desktop's backend fails to start on a BOM in registry.json,
    // read beside this file (docker/for-win#14950, #14700).
    return {
      level: 'rejected',
      code: 'bom',
      message:
        'The file starts with a UTF-8 byte order mark (BOM). Docker\'s docs ask for "UTF-8 without BOM", and Docker Desktop fails to start on a BOM in its settings files (docker/for-win#14950). Save it without BOM; "eci-tray policy set-eci" does.',
      ...at,
    };
  }
  if (p.kind === 'invalid-json') {
    return { level: 'rejected', code: 'syntax', message: p.message + syntaxHint(text, p), ...at };
  }
  return { level: 'rejected', code: p.kind, message: p.message, ...at };
}

/** Comments are the usual reason a hand-edited file is not JSON: say so rather than "unexpected '/'". */
function syntaxHint(text: string, p: SettingsProblem): string {
  if (p.line === undefined || p.column === undefined) return '';
  const line = text.split(/\r\n|\r|\n/)[p.line - 1] ?? '';
  const rest = line.slice(p.column - 1);
  if (rest.startsWith('//') || rest.startsWith('/*'))
    return ' Comments are not allowed: admin-settings.json is strict JSON.';
  if (/^Trailing comma/.test(p.message.replace(/^Invalid JSON: /, '')))
    return ' Remove the comma after the last entry.';
  return '';
}

function checkRoot(sink: FindingSink, root: JsonNode): void {
  if (root.kind !== 'object') {
    sink.add(
      'rejected',
      'wrong-type',
      `The top level must be an object ({ ... }), found ${root.kind === 'array' ? 'an array' : `a ${root.kind}`}.`,
      { offset: root.offset },
    );
    return;
  }
  const entries = sink.knownEntries(root, '', TOP_LEVEL);
  if (!entries.has('configurationFileVersion')) {
    sink.add(
      'uncertain',
      'no-version',
      `There is no "configurationFileVersion"; every file in Docker's docs starts with "configurationFileVersion": ${CONFIGURATION_FILE_VERSION}.`,
      {
        offset: root.offset,
      },
    );
  }
  for (const [key, entry] of entries) checkShape(sink, DOCUMENTED_SETTINGS[key] as SettingShape, entry.value, key);
  const kubernetes = entries.get('kubernetes')?.value;
  const enabled = kubernetes ? findKey(kubernetes, 'enabled')?.value : undefined;
  if (enabled?.kind === 'boolean' && enabled.value) {
    // Docker's settings reference: Kubernetes enabled through Settings Management is kubeadm only;
    // ECI's limitations page: kubeadm Kubernetes is not protected by ECI.
    sink.add(
      'note',
      'kubernetes-kubeadm',
      '"kubernetes.enabled" turns on a kubeadm cluster (Settings Management supports no other provisioning method), and ECI never protects kubeadm Kubernetes: its pods can reach the Docker Desktop VM.',
      { key: 'kubernetes.enabled', offset: enabled.offset },
    );
  }
}

function checkShape(sink: FindingSink, shape: SettingShape, node: JsonNode, key: string): void {
  switch (shape.kind) {
    case 'version':
      if (node.kind !== 'number' || !Number.isInteger(node.value))
        sink.wrongType(node, key, `an integer (${CONFIGURATION_FILE_VERSION})`);
      else if (node.value !== CONFIGURATION_FILE_VERSION) {
        sink.add(
          'uncertain',
          'version',
          `"configurationFileVersion" is ${node.value}; Docker documents only ${CONFIGURATION_FILE_VERSION}.`,
          { key, offset: node.offset },
        );
      }
      return;
    case 'eci':
      checkEciSection(sink, node);
      return;
    case 'value': {
      if (!sink.expectObject(node, key, 'an object with "value" and "locked"')) return;
      const entries = sink.knownEntries(node, key, ['locked', 'value']);
      const locked = entries.get('locked');
      if (locked) sink.expectBoolean(locked.value, `${key}.locked`);
      const value = entries.get('value');
      if (value) checkField(sink, shape.value, value.value, `${key}.value`);
      else sink.add('ignored', 'no-value', `"${key}" has no "value": it sets nothing.`, { key, offset: node.offset });
      return;
    }
    case 'fields': {
      if (!sink.expectObject(node, key, 'an object')) return;
      const entries = sink.knownEntries(node, key, ['locked', ...Object.keys(shape.fields)]);
      for (const [name, entry] of entries) {
        if (name === 'locked') sink.expectBoolean(entry.value, `${key}.locked`);
        else checkField(sink, shape.fields[name] as FieldType, entry.value, `${key}.${name}`);
      }
      return;
    }
    case 'group': {
      if (!sink.expectObject(node, key, 'an object')) return;
      const entries = sink.knownEntries(node, key, Object.keys(shape.children));
      for (const [name, entry] of entries)
        checkShape(sink, shape.children[name] as SettingShape, entry.value, `${key}.${name}`);
      return;
    }
    case 'directories':
      checkDirectories(sink, node, key);
      return;
    case 'disputed':
      checkField(sink, shape.value, node, key);
      sink.add(
        'uncertain',
        'docs-disagree',
        `"${key}": Docker's docs disagree. The settings reference spells it "${key}", the admin-settings.json page "${shape.disputedBy}"; which one Docker Desktop reads is not documented. Set both to the same value.`,
        { key, offset: node.offset },
      );
      return;
  }
}

function checkField(sink: FindingSink, type: FieldType, node: JsonNode, key: string): void {
  switch (type.type) {
    case 'boolean':
      sink.expectBoolean(node, key);
      return;
    case 'integer':
      if (node.kind !== 'number' || !Number.isInteger(node.value)) sink.wrongType(node, key, 'an integer');
      else if ((type.min !== undefined && node.value < type.min) || (type.max !== undefined && node.value > type.max)) {
        sink.add('uncertain', 'out-of-range', `"${key}" is ${node.value}, outside ${type.min}..${type.max}.`, {
          key,
          offset: node.offset,
        });
      }
      return;
    case 'string-or-string-array':
      if (node.kind === 'string') return;
      if (node.kind !== 'array') sink.wrongType(node, key, 'a string or an array of strings');
      else node.items.forEach((item, i) => item.kind !== 'string' && sink.wrongType(item, `${key}[${i}]`, 'a string'));
      return;
    case 'string':
      if (node.kind !== 'string') {
        sink.wrongType(node, key, type.oneOf ? `one of ${type.oneOf.map((v) => `"${v}"`).join(', ')}` : 'a string');
        return;
      }
      if (type.oneOf && !type.oneOf.includes(node.value)) {
        sink.add(
          'uncertain',
          'not-an-option',
          `"${key}" is "${node.value}"; Docker documents ${type.oneOf.map((v) => `"${v}"`).join(', ')}.`,
          { key, offset: node.offset },
        );
      }
      if (type.check === 'json-object' && !isJsonObjectText(node.value)) {
        sink.add(
          'rejected',
          'bad-daemon-options',
          `"${key}" must be a JSON object written as a string (e.g. "{\\"debug\\": false}"); dockerd will not start with this.`,
          {
            key,
            offset: node.offset,
          },
        );
      }
      if (type.check === 'cidr' && !isCidr(node.value)) {
        sink.add(
          'uncertain',
          'bad-cidr',
          `"${key}" is "${node.value}", not a network in CIDR notation (e.g. "192.168.65.0/24").`,
          { key, offset: node.offset },
        );
      }
      return;
  }
}

function checkDirectories(sink: FindingSink, node: JsonNode, key: string): void {
  if (node.kind !== 'array') {
    sink.wrongType(node, key, 'an array of {"path", "sharedByDefault"} objects');
    return;
  }
  node.items.forEach((item, i) => {
    const at = `${key}[${i}]`;
    if (!sink.expectObject(item, at, 'an object with "path" and "sharedByDefault"')) return;
    const entries = sink.knownEntries(item, at, ['path', 'sharedByDefault']);
    const path = entries.get('path');
    if (!path)
      sink.add('ignored', 'no-path', `"${at}" has no "path": it allows nothing.`, { key: at, offset: item.offset });
    else if (path.value.kind !== 'string') sink.wrongType(path.value, `${at}.path`, 'a string');
    const shared = entries.get('sharedByDefault');
    if (shared) sink.expectBoolean(shared.value, `${at}.sharedByDefault`);
  });
}

function isJsonObjectText(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

export function isCidr(text: string): boolean {
  const [ip, bits, extra] = text.split('/');
  if (extra !== undefined || ip === undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return n <= 32 && ip.split('.').every((o) => Number(o) <= 255);
  return ip.includes(':') && /^[0-9a-fA-F:]+$/.test(ip) && n <= 128;
}
