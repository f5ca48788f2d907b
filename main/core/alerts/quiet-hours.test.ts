import { describe, expect, it } from 'vitest';
import { inQuietHours, laterIn2Hours, laterTonight, quietHoursEnd, type QuietHours } from './quiet-hours';

const at = (h: number, m = 0) => new Date(2026, 11, 3, h, m);
const night: QuietHours = { from: '22:00', until: '07:30' };
const lunch: QuietHours = { from: '12:00', until: '13:00' };

describe('quiet hours', () => {
  it.each<[string, QuietHours | null, Date, boolean, Date | null]>([
    ['none set', null, at(23), false, null],
    ['over midnight, before it starts', night, at(21, 59), false, null],
    ['over midnight, at its start', night, at(22), true, new Date(2026, 11, 4, 7, 30)],
    ['over midnight, after midnight', night, at(3), true, at(7, 30)],
    ['over midnight, at its end', night, at(7, 30), false, null],
    ['within a day, inside', lunch, at(12, 30), true, at(13)],
    ['within a day, outside', lunch, at(13, 1), false, null],
    ['from == until is no window', { from: '08:00', until: '08:00' }, at(8), false, null],
  ])('%s', (_name, q, now, inside, end) => {
    expect(inQuietHours(q, now)).toBe(inside);
    expect(quietHoursEnd(q, now)).toBe(end ? end.getTime() : now.getTime());
  });
});

describe('"Later" times', () => {
  it.each<[string, Date, Date | null]>([
    ['morning: tonight is 20:00', at(9), at(20)],
    ['18:59: still an hour away', at(18, 59), at(20)],
    ['19:00: not offered', at(19), null],
    ['late evening: not offered', at(23), null],
  ])('%s', (_name, now, tonight) => {
    expect(laterTonight(now)).toBe(tonight ? tonight.getTime() : null);
    expect(laterIn2Hours(now)).toBe(now.getTime() + 7_200_000);
  });
});
