// The shipped JSON Schemas name the same vocabulary as the code: a verdict, check id or advice code
// added in TypeScript and not in fleet/schema/ fails here, before a fleet tool rejects real output.

import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../e2e/support/fleet-schemas';
import { FLEET_OUTCOMES, SCRIPT_OUTCOMES } from '../core/fleet/fleet-result';
import { CHECK_IDS, VERDICTS } from '../core/model';
import { ADVICE_CODES } from '../core/model';
import { FLEET_EXIT_CODES } from './exit-codes';

const check = loadSchema('check-report');
const watch = loadSchema('watch-line');
const intune = loadSchema('intune-result');

describe('fleet/schema against the code', () => {
  it.each([
    ['check verdicts', check['$defs'].verdict.enum, [...VERDICTS]],
    ['not-checked verdicts', check['$defs'].notCheckedVerdict.enum, [...FLEET_OUTCOMES, 'error']],
    ['check ids', check['$defs'].report.properties.checks.items.properties.id.enum, [...CHECK_IDS]],
    ['watch advice codes', watch['properties'].advice.items.enum, [...ADVICE_CODES]],
    [
      "intune verdicts (every fleet verdict, each with an exit code, and the scripts' own)",
      intune['properties'].verdict.enum,
      [...Object.keys(FLEET_EXIT_CODES), ...SCRIPT_OUTCOMES],
    ],
  ])('%s', (_, inSchema, inCode) => {
    expect([...(inSchema as string[])].sort()).toEqual([...inCode].sort());
  });

  it.each([
    ['check-report', check],
    ['watch-line', watch],
    ['intune-result', intune],
  ])('%s is draft 2020-12 with an $id', (name, schema) => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toBe(`urn:eci-tray:schema:${name}`);
  });
});
