import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, minuteOfDay, pinTimeLocale } from './time';

const at = new Date(2026, 11, 1, 9, 2);

describe("one time format, the locale's", () => {
  afterEach(() => pinTimeLocale('en-GB'));
  it.each([
    ['en-GB', '09:02', '01/12/2026, 09:02'],
    ['en-US', '9:02 AM', '12/1/26, 9:02 AM'],
    ['de-DE', '09:02', '01.12.26, 09:02'],
  ])('%s', (locale, time, dateTime) => {
    pinTimeLocale(locale);
    expect(formatTime(at).replace(/\s/g, ' ')).toBe(time);
    expect(formatTime(at.toISOString()).replace(/\s/g, ' ')).toBe(time);
    expect(formatDateTime(at).replace(/\s/g, ' ')).toBe(dateTime);
  });
  it('gives back what is not a time', () => {
    expect(formatTime('not a date')).toBe('not a date');
    expect(formatDateTime('')).toBe('');
  });
});

describe('minute of the local day', () => {
  it.each([
    [0, 0, 0],
    [8, 0, 480],
    [12, 31, 751],
    [23, 59, 1439],
  ])('%i:%i is minute %i', (h, m, expected) => {
    expect(minuteOfDay(new Date(2026, 11, 1, h, m, 59))).toBe(expected);
  });
});
