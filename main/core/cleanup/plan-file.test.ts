// A plan file as validatePlan reads it back: one made here survives JSON; an edited one is refused
// with the path of what was edited.

import { describe, expect, it } from 'vitest';
import { validatePlan } from './plan-file';
import { fixturePlan } from './testing/fixtures';

describe('plan files', () => {
  const plan = () => fixturePlan();

  it('a plan made here validates after a round trip through JSON', () => {
    const p = plan();
    expect(validatePlan(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it.each<[string, (p: any) => void, string]>([
    ['unknown action', (p) => (p.items[0].steps[0].action = 'exec'), 'items[0].steps[0].action: expected one of'],
    ['bad id', (p) => (p.items[0].containerId = '../../etc'), 'items[0].containerId'],
    ['name with a slash', (p) => (p.items[0].name = 'a/b'), 'items[0].name'],
    ['missing field', (p) => delete p.items[0].fingerprint, 'items[0].fingerprint: expected a SHA-256 fingerprint'],
    ['extra field', (p) => (p.items[0].spec = {}), 'items[0].spec: unknown field'],
    ['wrong format', (p) => (p.format = 'other'), 'format: expected "eci-tray-cleanup-plan"'],
    ['text edited', (p) => (p.items[0].keeps = ['everything']), 'was changed after it was made'],
    ['twice the same container', (p) => p.items.push(p.items[0]), 'items[1]'],
    [
      'too many steps',
      (p) => (p.items[0].steps = Array.from({ length: 40 }, () => ({ action: 'stop' }))),
      'more than 32 entries',
    ],
  ])('refuses %s', (_n, edit, message) => {
    const p = JSON.parse(JSON.stringify(plan()));
    edit(p);
    expect(() => validatePlan(p)).toThrow(message);
  });
});
