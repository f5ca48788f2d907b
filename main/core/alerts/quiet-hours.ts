// Time decisions for notifications, in local time: quiet hours (a daily window, which may span
// midnight) and the times "Later" offers on a pending notification. Pure.

import { minuteOfDay } from '../text/time';

/** A daily window with no notifications but what cannot wait, "HH:MM" local time ("22:00" to "08:00"). */
export interface QuietHours {
  from: string;
  until: string;
}

/** "HH:MM", 00:00 to 23:59. */
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` falls in the window; from == until means no window at all. */
export function inQuietHours(q: QuietHours | null, now: Date): boolean {
  if (!q) return false;
  const from = minutes(q.from);
  const until = minutes(q.until);
  const m = minuteOfDay(now);
  if (from === until) return false;
  return from < until ? m >= from && m < until : m >= from || m < until;
}

/** When the window `now` is in ends (epoch ms); `now` itself when it is not in one. */
export function quietHoursEnd(q: QuietHours | null, now: Date): number {
  if (!inQuietHours(q, now)) return now.getTime();
  const end = new Date(now);
  end.setHours(Math.floor(minutes(q!.until) / 60), minutes(q!.until) % 60, 0, 0);
  if (end.getTime() <= now.getTime()) end.setDate(end.getDate() + 1);
  return end.getTime();
}

/** "Later: tonight" means 20:00 today; from 19:00 on it is not offered (two hours says the same). */
export const TONIGHT_HOUR = 20;

export function laterIn2Hours(now: Date): number {
  return now.getTime() + 2 * 3_600_000;
}

/** 20:00 today, or null when that is an hour away or less. */
export function laterTonight(now: Date): number | null {
  const t = new Date(now);
  t.setHours(TONIGHT_HOUR, 0, 0, 0);
  return t.getTime() - now.getTime() > 3_600_000 ? t.getTime() : null;
}
