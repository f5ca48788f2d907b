// One policy for a stored file the app cannot use (preferences, the recent activity): it is
// never deleted nor overwritten, but set aside beside itself as `<file>.unreadable-<time>`, and
// the app starts from its defaults.

/** Where a file that could not be used is set aside: "prefs.json.unreadable-2026-11-27T10-00-00-000Z". */
export function setAsidePath(file: string, now: Date = new Date()): string {
  return `${file}.unreadable-${now.toISOString().replace(/[:.]/g, '-')}`;
}
