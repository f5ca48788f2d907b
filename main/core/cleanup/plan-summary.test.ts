import { describe, expect, it } from 'vitest';
import type { PlanItem, Strategy } from './plan';
import {
  applyLabel,
  cleanupConfirmation,
  CONFIRM_LOSS_LINES,
  planCounts,
  planSummary,
  type PlanCounts,
} from './plan-summary';

const counts = (remove: number, snapshot: number, recreate: number, notPossible = 0): PlanCounts => ({
  remove,
  snapshot,
  recreate,
  notPossible,
});

function item(name: string, strategy: Strategy, allowed = true, loses: string[] = []): PlanItem {
  return {
    containerId: name.padEnd(64, '0'),
    name,
    image: 'alpine',
    strategy,
    allowed,
    fingerprint: 'f',
    wasRunning: false,
    writableLayerBytes: 0,
    snapshotImage: null,
    steps: [],
    keeps: [],
    loses: allowed ? loses : [],
    compose: null,
  };
}

describe('planCounts', () => {
  it.each([
    ['nothing', [], counts(0, 0, 0)],
    ['one of each', [item('a', 'remove'), item('b', 'snapshot'), item('c', 'recreate')], counts(1, 1, 1)],
    [
      'refused items count apart, whatever their strategy',
      [item('a', 'recreate', false), item('b', 'remove', false), item('c', 'remove')],
      counts(1, 0, 0, 2),
    ],
  ])('%s', (_name, items, expected) => {
    expect(planCounts(items)).toEqual(expected);
  });
});

describe('planSummary', () => {
  it.each<[PlanCounts, number, string]>([
    [counts(20, 4, 6), 0, 'Remove 20 · Snapshot 4 · Re-create 6'],
    [counts(0, 4, 0), 0, 'Snapshot 4'],
    [counts(1, 0, 2), 0, 'Remove 1 · Re-create 2'],
    [counts(3, 0, 0, 2), 0, 'Remove 3 · 2 not possible'],
    [counts(3, 0, 0), 10, 'Remove 3 · 10 not included'],
    [counts(0, 0, 0, 1), 5, 'Nothing to change · 1 not possible · 5 not included'],
    [counts(0, 0, 0), 40, 'Nothing to change · 40 not included'],
  ])('%j with %i not included: %s', (c, notIncluded, expected) => {
    expect(planSummary(c, notIncluded)).toBe(expected);
  });
});

describe('applyLabel', () => {
  it.each<[PlanCounts, string | null]>([
    [counts(20, 0, 0), 'Remove 20 containers'],
    [counts(1, 0, 0), 'Remove 1 container'],
    [counts(0, 4, 0), 'Snapshot and remove 4 containers'],
    [counts(0, 0, 6), 'Re-create 6 containers'],
    [counts(20, 4, 6), 'Remove 20, snapshot 4 and re-create 6 containers'],
    [counts(2, 1, 0), 'Remove 2 and snapshot 1 container'],
    [counts(0, 3, 1, 7), 'Snapshot 3 and re-create 1 container'],
    [counts(0, 0, 0, 3), null],
    [counts(0, 0, 0), null],
  ])('%j: %s', (c, expected) => {
    expect(applyLabel(c)).toBe(expected);
  });

  it('never says "Apply"', () => {
    for (const c of [counts(1, 0, 0), counts(0, 1, 0), counts(0, 0, 1), counts(5, 5, 5)])
      expect(applyLabel(c)).not.toMatch(/apply/i);
  });
});

describe('cleanupConfirmation', () => {
  it.each([
    [
      'removals that lose something, one refused item',
      [
        item('web', 'remove', true, ['the container itself: its configuration and logs']),
        item('db', 'snapshot'),
        item('pid', 'recreate', false),
      ],
      {
        message: 'Remove 1 and snapshot 1 container?',
        confirmLabel: 'Remove 1 and snapshot 1 container',
        detail:
          'This loses:\nweb: the container itself: its configuration and logs\n\n1 container the plan cannot change is left as it is.\n\nVolumes are never removed.',
      },
    ],
    [
      'nothing lost',
      [item('a', 'recreate'), item('b', 'recreate')],
      {
        message: 'Re-create 2 containers?',
        confirmLabel: 'Re-create 2 containers',
        detail: 'Volumes are never removed.',
      },
    ],
    [
      'nothing possible',
      [item('a', 'recreate', false), item('b', 'recreate', false)],
      {
        message: 'No container in this plan can be changed: nothing will happen.',
        confirmLabel: 'Change nothing',
        detail: '2 containers the plan cannot change are left as they are.\n\nVolumes are never removed.',
      },
    ],
  ])('%s', (_name, items, expected) => {
    expect(cleanupConfirmation({ items })).toEqual({ title: 'Apply the cleanup plan?', ...expected });
  });

  it('lists at most a few losses and points at the preview for the rest', () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`c${i}`, 'remove', true, ['its logs']));
    const { detail, confirmLabel } = cleanupConfirmation({ items });
    expect(confirmLabel).toBe('Remove 40 containers');
    const lines = detail.split('\n');
    expect(lines.filter((l) => l.endsWith(': its logs'))).toHaveLength(CONFIRM_LOSS_LINES);
    expect(detail).toContain(`…and ${40 - CONFIRM_LOSS_LINES} more containers: see the plan preview.`);
  });
});
