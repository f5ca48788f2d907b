// Collects findings while walking a parsed admin-settings.json, each placed at its line and column,
// with the checks every part of the walk shares (object keys, booleans). Pure.

import { didYouMean } from './did-you-mean';
import type { FindingLevel, PolicyFinding } from './policy-findings';
import type { JsonEntry, JsonNode } from '../settings/json-parse';
import { kindName } from '../settings/json-lookup';
import { locate, type ParsedSettings } from '../settings/settings-file';

/** A hostile file can hold millions of mistakes: past this many, the rest are counted. */
export const MAX_FINDINGS = 200;

export class FindingSink {
  readonly findings: PolicyFinding[] = [];
  private dropped = 0;

  constructor(private readonly parsed: ParsedSettings) {}

  add(
    level: FindingLevel,
    code: string,
    message: string,
    where?: { key?: string; offset?: number; suggestion?: string },
  ): void {
    if (this.findings.length >= MAX_FINDINGS) {
      this.dropped++;
      return;
    }
    const finding: PolicyFinding = { level, code, message };
    if (where?.key) finding.key = where.key;
    if (where?.offset !== undefined) Object.assign(finding, locate(this.parsed, where.offset));
    if (where?.suggestion) finding.suggestion = where.suggestion;
    this.findings.push(finding);
  }

  /** The findings, with one closing line counting those not listed (at the worst level dropped: rejected, to stay safe). */
  done(): PolicyFinding[] {
    if (!this.dropped) return this.findings;
    return [
      ...this.findings,
      {
        level: 'rejected',
        code: 'too-many-findings',
        message: `...and ${this.dropped} more findings; fix those above and run again.`,
      },
    ];
  }

  wrongType(node: JsonNode, key: string, expected: string): void {
    if (node.kind === 'null') {
      // Go's decoder takes null for "leave as is": no error, and nothing set.
      this.add('ignored', 'null-value', `"${key}" is null, which sets nothing; give it ${expected} or remove it.`, {
        key,
        offset: node.offset,
      });
      return;
    }
    this.add(
      'rejected',
      'wrong-type',
      `"${key}" must be ${expected}, found ${kindName(node)}; Docker Desktop cannot apply this setting.`,
      { key, offset: node.offset },
    );
  }

  /** True when `node` is an object; otherwise reports the wrong type. */
  expectObject(node: JsonNode, key: string, expected: string): node is Extract<JsonNode, { kind: 'object' }> {
    if (node.kind === 'object') return true;
    this.wrongType(node, key, expected);
    return false;
  }

  expectBoolean(node: JsonNode, key: string): boolean | null {
    if (node.kind === 'boolean') return node.value;
    this.wrongType(node, key, 'true or false');
    return null;
  }

  /**
   * The entries of an object checked against its documented keys: repeats (the last one wins, as
   * in Go), keys spelled in another case (Go matches them, other readers may not) and unknown keys
   * (ignored, with the closest documented one). Returns the entries by documented key.
   */
  knownEntries(
    node: Extract<JsonNode, { kind: 'object' }>,
    prefix: string,
    documented: readonly string[],
  ): Map<string, JsonEntry> {
    const byKey = new Map<string, JsonEntry>();
    const seen = new Map<string, JsonEntry>();
    const path = (k: string) => (prefix ? `${prefix}.${k}` : k);
    for (const entry of node.entries) {
      const lower = entry.key.toLowerCase();
      const earlier = seen.get(lower);
      if (earlier) {
        this.add(
          'ignored',
          'repeated-key',
          `"${path(entry.key)}" appears more than once (also line ${locate(this.parsed, earlier.keyOffset).line}); only the last one is used.`,
          {
            key: path(entry.key),
            offset: entry.keyOffset,
          },
        );
      }
      seen.set(lower, entry);
      const exact = documented.find((d) => d === entry.key);
      if (exact) {
        byKey.set(exact, entry);
        continue;
      }
      const guess = didYouMean(entry.key, documented);
      if (guess && guess.toLowerCase() === lower) {
        this.add(
          'uncertain',
          'key-case',
          `"${path(entry.key)}" is spelled "${guess}" in Docker's documentation. Docker Desktop's Go decoder matches keys whatever their case, but that is not documented: write "${guess}".`,
          { key: path(entry.key), offset: entry.keyOffset, suggestion: guess },
        );
        byKey.set(guess, entry);
        continue;
      }
      this.add(
        'ignored',
        'unknown-key',
        `"${path(entry.key)}" is not a documented setting; Docker Desktop ignores it.${guess ? ` Did you mean "${guess}"?` : ''}`,
        {
          key: path(entry.key),
          offset: entry.keyOffset,
          ...(guess ? { suggestion: guess } : {}),
        },
      );
    }
    return byKey;
  }
}
