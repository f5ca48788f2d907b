import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCTOR_MINUTES, doctorCommand, minutesFlag } from './doctor-command';
import { UsageError } from './usage-error';

describe('doctor --minutes', () => {
  it.each([
    [undefined, DEFAULT_DOCTOR_MINUTES * 60_000],
    ['0', 0],
    ['0.5', 30_000],
    ['60', 3_600_000],
  ])('%s → %i ms', (value, ms) => {
    expect(minutesFlag(value)).toBe(ms);
  });
  it.each(['-1', '61', 'abc', '', ' ', 'Infinity'])('"%s" is refused with a clear error', (value) => {
    expect(() => minutesFlag(value)).toThrow(UsageError);
    expect(() => minutesFlag(value)).toThrow(/--minutes must be a number of minutes between 0 and 60/);
  });
  it('--json is refused: the trace is JSON', async () => {
    await expect(doctorCommand(['--json'], { out: () => undefined, err: () => undefined })).rejects.toThrow(
      /--json does not apply/,
    );
  });
});
