// A small evaluator of Intune custom-compliance rules (the JSON shape Microsoft documents: Rules[]
// with SettingName, Operator, DataType, Operand, MoreInfoUrl, RemediationStrings[]), to run the
// shipped fleet/intune/rules.json on real discovery output the way Intune would: a device is
// compliant when every rule holds; a setting missing from the output fails its rule.

export const OPERATORS = ['IsEquals', 'NotEquals', 'GreaterThan', 'GreaterEquals', 'LessThan', 'LessEquals'] as const;
export const DATA_TYPES = ['Boolean', 'Int64', 'Double', 'String', 'DateTime', 'Version'] as const;
type Operator = (typeof OPERATORS)[number];
type DataType = (typeof DATA_TYPES)[number];

export interface IntuneRule {
  SettingName: string;
  Operator: Operator;
  DataType: DataType;
  Operand: unknown;
  MoreInfoUrl: string;
  RemediationStrings: Array<{ Language: string; Title: string; Description: string }>;
}

/** What Intune's upload checks (per its documented fields); one message per problem. */
export function rulesProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const rules = (doc as { Rules?: unknown } | null)?.Rules;
  if (!Array.isArray(rules) || rules.length === 0) return ['"Rules" must be a non-empty array'];
  if (rules.length > 100) problems.push('at most 100 rules');
  const names = new Set<string>();
  rules.forEach((r: Record<string, unknown>, i) => {
    const at = `Rules[${i}]`;
    if (typeof r['SettingName'] !== 'string' || !r['SettingName']) problems.push(`${at}.SettingName missing`);
    else if (names.has(r['SettingName'])) problems.push(`${at}.SettingName "${r['SettingName']}" duplicated`);
    else names.add(r['SettingName']);
    if (!(OPERATORS as readonly unknown[]).includes(r['Operator']))
      problems.push(`${at}.Operator "${String(r['Operator'])}" not supported`);
    if (!(DATA_TYPES as readonly unknown[]).includes(r['DataType']))
      problems.push(`${at}.DataType "${String(r['DataType'])}" not supported`);
    if (r['DataType'] === 'Boolean' && !['IsEquals', 'NotEquals'].includes(String(r['Operator'])))
      problems.push(`${at}: Boolean takes IsEquals or NotEquals`);
    if (r['Operand'] === undefined) problems.push(`${at}.Operand missing`);
    else if (coerce(r['Operand'], r['DataType'] as DataType) === undefined)
      problems.push(`${at}.Operand is not a ${String(r['DataType'])}`);
    if (typeof r['MoreInfoUrl'] !== 'string' || !/^https:\/\/\S+$/.test(r['MoreInfoUrl']))
      problems.push(`${at}.MoreInfoUrl must be an https URL`);
    const strings = r['RemediationStrings'];
    if (
      !Array.isArray(strings) ||
      !strings.some(
        (s: Record<string, unknown>) =>
          s['Language'] === 'en_US' &&
          typeof s['Title'] === 'string' &&
          s['Title'] &&
          typeof s['Description'] === 'string' &&
          s['Description'],
      )
    ) {
      problems.push(`${at}.RemediationStrings needs an en_US Title and Description`);
    }
  });
  return problems;
}

type Comparable = boolean | number | string | number[];

function coerce(value: unknown, type: DataType): Comparable | undefined {
  switch (type) {
    case 'Boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'Int64':
      return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    case 'Double':
      return typeof value === 'number' ? value : undefined;
    case 'String':
      return typeof value === 'string' ? value : undefined;
    case 'DateTime': {
      const t = typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isNaN(t) ? undefined : t;
    }
    case 'Version':
      return typeof value === 'string' && /^\d+(\.\d+){0,3}$/.test(value) ? value.split('.').map(Number) : undefined;
  }
}

function compare(a: Comparable, b: Comparable): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}

export interface RuleOutcome {
  setting: string;
  actual: unknown;
  compliant: boolean;
  /** The en_US remediation title with {ActualValue} filled in, when not compliant. */
  remediation: string | null;
}

export function evaluateRules(rules: IntuneRule[], discovered: Record<string, unknown>): RuleOutcome[] {
  return rules.map((rule) => {
    const actual = discovered[rule.SettingName];
    const a = coerce(actual, rule.DataType);
    const b = coerce(rule.Operand, rule.DataType);
    let compliant = false;
    if (a !== undefined && b !== undefined) {
      const c = compare(a, b);
      compliant = {
        IsEquals: c === 0,
        NotEquals: c !== 0,
        GreaterThan: c > 0,
        GreaterEquals: c >= 0,
        LessThan: c < 0,
        LessEquals: c <= 0,
      }[rule.Operator];
    }
    const title = rule.RemediationStrings.find((s) => s.Language === 'en_US')?.Title ?? '';
    return {
      setting: rule.SettingName,
      actual,
      compliant,
      remediation: compliant ? null : title.replace(/\{ActualValue\}/g, shown(actual)),
    };
  });
}

function shown(actual: unknown): string {
  if (actual === undefined) return '(missing)';
  return typeof actual === 'object' ? JSON.stringify(actual) : String(actual as string | number | boolean);
}

/** Compliant only when every rule holds. */
export function deviceCompliant(outcomes: RuleOutcome[]): boolean {
  return outcomes.every((o) => o.compliant);
}
