// Small helpers to walk a positioned JSON tree the way Docker Desktop (a Go program) reads it:
// keys match case-insensitively and, when a key repeats, the last one wins.

import type { JsonEntry, JsonNode } from './json-parse';

export function findKey(node: JsonNode, key: string): JsonEntry | undefined {
  if (node.kind !== 'object') return undefined;
  const wanted = key.toLowerCase();
  let found: JsonEntry | undefined;
  for (const entry of node.entries) if (entry.key.toLowerCase() === wanted) found = entry;
  return found;
}

/** Entries whose key (case-insensitively) appears more than once. */
export function repeatedKeys(node: JsonNode, key: string): JsonEntry[] {
  if (node.kind !== 'object') return [];
  const wanted = key.toLowerCase();
  const all = node.entries.filter((e) => e.key.toLowerCase() === wanted);
  return all.length > 1 ? all : [];
}

export function kindName(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
  }
}
