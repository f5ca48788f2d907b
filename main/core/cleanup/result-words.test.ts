import { describe, expect, it } from 'vitest';
import { resultHeadline, resultLine, type ResultFacts } from './result-words';
import { PUT_BACK_SEPARATOR } from './apply-result';

const failedKept = (cause: string, putBack: string): ResultFacts => ({
  name: 'db',
  outcome: 'failed',
  reason: `${cause}${PUT_BACK_SEPARATOR}${putBack}`,
  original: 'kept',
});

describe('resultLine', () => {
  it.each<[string, ResultFacts, string]>([
    ['done', { name: 'web', outcome: 'done' }, 'Finished as planned.'],
    [
      'a failed step put back',
      failedKept(
        'verify-snapshot failed: the snapshot x does not hold what the container wrote',
        'db is as it was (the snapshot x was deleted)',
      ),
      'Nothing was lost: db is as it was (the snapshot x was deleted). It stopped: verify-snapshot failed: the snapshot x does not hold what the container wrote.',
    ],
    [
      'skipped, never touched',
      {
        name: 'db',
        outcome: 'skipped',
        reason: 'it changed since the plan was made; make a new plan',
        original: 'kept',
      },
      'Nothing was lost: db is as it was. It was skipped: it changed since the plan was made; make a new plan.',
    ],
    [
      'skipped, not allowed (a reason ending in a full stop)',
      { name: 'pid', outcome: 'skipped', reason: 'It cannot run under ECI.', original: 'kept' },
      'Nothing was lost: pid is as it was. It was skipped: It cannot run under ECI.',
    ],
    [
      'skipped: removed by someone else (no "nothing was lost")',
      {
        name: 'db',
        outcome: 'skipped',
        reason: 'it no longer exists: it was removed after the plan was made',
        original: 'gone',
      },
      'It was skipped: it no longer exists: it was removed after the plan was made.',
    ],
    [
      'failed, the original gone while put back',
      {
        name: 'db',
        outcome: 'failed',
        reason: 'start failed: boom; the original container 0123456789ab is gone; what the cleanup made of it is kept',
        original: 'gone',
      },
      'It stopped: start failed: boom; the original container 0123456789ab is gone; what the cleanup made of it is kept.',
    ],
    [
      'failed, from a journal written before the original was recorded',
      { name: 'db', outcome: 'failed', reason: `stop failed: x${PUT_BACK_SEPARATOR}db is as it was` },
      `It stopped: stop failed: x${PUT_BACK_SEPARATOR}db is as it was.`,
    ],
    ['failed without a reason', { name: 'db', outcome: 'failed' }, 'It stopped.'],
  ])('%s', (_name, item, line) => {
    expect(resultLine(item)).toBe(line);
    // The claim appears only for an original that is there as it was.
    expect(resultLine(item).startsWith('Nothing was lost')).toBe(item.outcome !== 'done' && item.original === 'kept');
  });
});

describe('resultHeadline', () => {
  const kept = failedKept('stop failed: x', 'db is as it was');
  const gone: ResultFacts = { name: 'api', outcome: 'failed', reason: 'start failed', original: 'gone' };
  it.each<[string, ResultFacts[], string]>([
    ['all done', [{ name: 'web', outcome: 'done' }], 'Finished.'],
    ['a skip is not a failure', [{ name: 'web', outcome: 'skipped', original: 'gone' }], 'Finished.'],
    [
      'one failure, put back',
      [kept, { name: 'web', outcome: 'done' }],
      'Finished with 1 failure. Nothing was lost: db is as it was.',
    ],
    [
      'two failures, both put back',
      [kept, { ...kept, name: 'db2' }],
      'Finished with 2 failures. Nothing was lost: each container that failed is as it was.',
    ],
    ['one of two failures lost its original', [kept, gone], 'Finished with 2 failures.'],
    ['a failure of unknown outcome', [{ name: 'db', outcome: 'failed', reason: 'x' }], 'Finished with 1 failure.'],
  ])('%s', (_name, items, line) => {
    expect(resultHeadline(items)).toBe(line);
  });
});
