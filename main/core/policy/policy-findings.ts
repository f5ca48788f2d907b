// What `policy validate` finds in an admin-settings.json, and the one outcome it adds up to. Pure.
//
// Levels, by what Docker Desktop does with the file:
// - rejected:  Docker Desktop will not accept it as written (not JSON, not UTF-8, a documented
//              setting of the wrong type): it refuses to start, or drops the policy.
// - uncertain: Docker's docs do not say what Desktop does (a UTF-8 BOM, an undocumented wildcard,
//              a missing configurationFileVersion): it may accept or refuse, so never "valid".
// - ignored:   Desktop accepts the file but part of it has no effect (an unknown key, a repeated key).
// - note:      worth knowing, changes nothing (e.g. "*" lets every image mount the socket).

export type FindingLevel = 'rejected' | 'uncertain' | 'ignored' | 'note';

export interface PolicyFinding {
  level: FindingLevel;
  /** A stable identifier for scripts and tests (e.g. "unknown-key", "wrong-type"). */
  code: string;
  message: string;
  /** Where in the settings, as a dotted path ("enhancedContainerIsolation.value"); absent for the whole file. */
  key?: string;
  line?: number;
  column?: number;
  /** For an unknown key: the documented key it most likely meant. */
  suggestion?: string;
}

export type PolicyOutcome = 'valid' | 'rejected' | 'uncertain' | 'ignored-parts' | 'missing' | 'unreadable';

export interface PolicyValidation {
  file: string;
  outcome: PolicyOutcome;
  findings: PolicyFinding[];
}

const RANK: Record<FindingLevel, number> = { rejected: 3, uncertain: 2, ignored: 1, note: 0 };

/** The worst finding decides: only a file with notes at most is valid. */
export function outcomeOf(findings: readonly PolicyFinding[]): PolicyOutcome {
  const worst = findings.reduce((w, f) => Math.max(w, RANK[f.level]), 0);
  return worst === 3 ? 'rejected' : worst === 2 ? 'uncertain' : worst === 1 ? 'ignored-parts' : 'valid';
}

/** Findings in file order (those without a position first), the order people read them in. */
export function sortFindings(findings: PolicyFinding[]): PolicyFinding[] {
  return [...findings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

export const OUTCOME_SUMMARY: Record<PolicyOutcome, string> = {
  valid: 'Docker Desktop will accept this file.',
  rejected: 'Docker Desktop will not accept this file as it is.',
  uncertain: "Docker Desktop may refuse this file: Docker's documentation does not say how it handles what is flagged.",
  'ignored-parts': 'Docker Desktop will accept this file, but parts of it have no effect.',
  missing: 'There is no file at this path.',
  unreadable: 'The file cannot be read.',
};
