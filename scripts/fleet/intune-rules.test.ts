import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceCompliant, evaluateRules, rulesProblems, type IntuneRule } from './intune-rules';

const SHIPPED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fleet', 'intune', 'rules.json'), 'utf8')) as {
  Rules: IntuneRule[];
};

const rule = (over: Partial<IntuneRule>): IntuneRule => ({
  SettingName: 's',
  Operator: 'IsEquals',
  DataType: 'String',
  Operand: 'x',
  MoreInfoUrl: 'https://example.test/more',
  RemediationStrings: [{ Language: 'en_US', Title: 'found {ActualValue}', Description: 'fix it' }],
  ...over,
});

describe('the Intune rule evaluator', () => {
  it.each<[string, Partial<IntuneRule>, unknown, boolean]>([
    ['String IsEquals', { Operand: 'protected' }, 'protected', true],
    ['String IsEquals is case-sensitive', { Operand: 'protected' }, 'Protected', false],
    ['String NotEquals', { Operator: 'NotEquals', Operand: 'off' }, 'protected', true],
    ['Boolean', { DataType: 'Boolean', Operand: true }, true, true],
    ['Boolean given a string', { DataType: 'Boolean', Operand: true }, 'true', false],
    ['Int64 LessEquals', { DataType: 'Int64', Operator: 'LessEquals', Operand: 0 }, 0, true],
    ['Int64 LessEquals fails', { DataType: 'Int64', Operator: 'LessEquals', Operand: 0 }, 2, false],
    ['Int64 given a fraction', { DataType: 'Int64', Operator: 'LessEquals', Operand: 0 }, 0.5, false],
    [
      'Version GreaterEquals (4.37.1 >= 4.13)',
      { DataType: 'Version', Operator: 'GreaterEquals', Operand: '4.13' },
      '4.37.1',
      true,
    ],
    [
      'Version compares numerically (4.9 < 4.13)',
      { DataType: 'Version', Operator: 'GreaterEquals', Operand: '4.13' },
      '4.9',
      false,
    ],
    ['Version unknown ("")', { DataType: 'Version', Operator: 'GreaterEquals', Operand: '4.13' }, '', false],
    [
      'DateTime GreaterThan',
      { DataType: 'DateTime', Operator: 'GreaterThan', Operand: '2026-01-01T00:00:00Z' },
      '2026-12-01T04:00:00.000Z',
      true,
    ],
    ['Double LessThan', { DataType: 'Double', Operator: 'LessThan', Operand: 1.5 }, 1.25, true],
    ['a missing setting fails', {}, undefined, false],
  ])('%s', (_, over, actual, compliant) => {
    const [outcome] = evaluateRules([rule(over)], actual === undefined ? {} : { s: actual });
    expect(outcome!.compliant).toBe(compliant);
    expect(outcome!.remediation).toBe(
      compliant ? null : `found ${actual === undefined ? '(missing)' : String(actual)}`,
    );
  });

  it.each<[string, unknown, RegExp]>([
    ['no rules', { Rules: [] }, /non-empty/],
    ['an unknown operator', { Rules: [rule({ Operator: 'Contains' as never })] }, /Operator "Contains" not supported/],
    [
      'a Boolean with GreaterThan',
      { Rules: [rule({ DataType: 'Boolean', Operator: 'GreaterThan', Operand: true })] },
      /Boolean takes/,
    ],
    ['an operand of the wrong type', { Rules: [rule({ DataType: 'Int64', Operand: '0' })] }, /Operand is not a Int64/],
    [
      'no en_US remediation',
      { Rules: [rule({ RemediationStrings: [{ Language: 'de_DE', Title: 't', Description: 'd' }] })] },
      /en_US/,
    ],
    ['a duplicated setting', { Rules: [rule({}), rule({})] }, /duplicated/],
    ['an http URL', { Rules: [rule({ MoreInfoUrl: 'http://x' })] }, /https URL/],
  ])('refuses rules with %s', (_, doc, message) => {
    expect(rulesProblems(doc).join('\n')).toMatch(message);
  });
});

describe('fleet/intune/rules.json', () => {
  it('has the documented shape', () => {
    expect(rulesProblems(SHIPPED)).toEqual([]);
  });

  const summary = {
    verdict: 'protected',
    eciVerified: true,
    pending: false,
    unprotectedContainers: 0,
    desktopVersion: '4.37.1',
    checkedAt: '2026-12-01T04:00:00.000Z',
    blockingSettingsErrors: 0,
  };
  it.each<[string, Record<string, unknown>, boolean]>([
    ['protected', summary, true],
    ['pending-restart', { ...summary, verdict: 'pending-restart', eciVerified: false, pending: true }, false],
    ['unprotected-containers', { ...summary, verdict: 'unprotected-containers', unprotectedContainers: 2 }, false],
    ['off', { ...summary, verdict: 'off', eciVerified: false }, false],
    [
      'protected, but an admin-settings.json Docker Desktop cannot read',
      { ...summary, blockingSettingsErrors: 1 },
      false,
    ],
    ['no-user-logged-in', { ...summary, verdict: 'no-user-logged-in', eciVerified: false, desktopVersion: '' }, false],
    ['error', { ...summary, verdict: 'error', eciVerified: false, desktopVersion: '' }, false],
    ['a verdict alone cannot pass (every rule must hold)', { verdict: 'protected' }, false],
  ])('%s -> compliant: %s', (_, discovered, compliant) => {
    expect(deviceCompliant(evaluateRules(SHIPPED.Rules, discovered))).toBe(compliant);
  });
});
