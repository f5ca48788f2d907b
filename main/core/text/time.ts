// Times for people, in one format everywhere (tray, notifications, CLI, pages, the copied
// report): the OS locale's time of day, hours and minutes ("12:31", or "12:31 PM" in the US).
// Pure and browser-safe; the pages format in the browser's locale, which is the OS's.

let pinned: string | undefined;

/** Tests pin a locale so the words they assert do not depend on the machine running them. */
export function pinTimeLocale(locale: string | undefined): void {
  pinned = locale;
}

function toDate(at: Date | string | number): Date | null {
  const t = at instanceof Date ? at : new Date(at);
  return Number.isNaN(t.getTime()) ? null : t;
}

/** The time of day in the locale's own format ("12:31"); the input itself when it is not a time. */
export function formatTime(at: Date | string | number): string {
  const t = toDate(at);
  if (!t) return String(at);
  return new Intl.DateTimeFormat(pinned, { timeStyle: 'short' }).format(t);
}

/** The date and the time of day, both in the locale's format ("01/12/2026, 12:31"). */
export function formatDateTime(at: Date | string | number): string {
  const t = toDate(at);
  if (!t) return String(at);
  return new Intl.DateTimeFormat(pinned, { dateStyle: 'short', timeStyle: 'short' }).format(t);
}

/** Minutes since local midnight (0 to 1439): the clock reading quiet hours compare with "HH:MM". */
export function minuteOfDay(d: Date): number {
  return d.getHours() * 60 + d.getMinutes();
}
