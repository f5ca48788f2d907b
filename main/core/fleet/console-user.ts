// Who sits at the machine, read from what each OS's own tools print. MDMs run their scripts as
// root (macOS, Linux) or SYSTEM (Windows): the person whose Docker Desktop matters is the console
// user. Pure: each function parses one command's output; console-user-probe.ts runs the commands.

/** Accounts that own the console while no person is logged in (macOS login window, setup assistant). */
const MAC_NOT_A_PERSON = new Set(['root', '_mbsetupuser', 'loginwindow', '']);

/** `stat -f %Su /dev/console` (macOS): the console's owner, or null at the login window. */
export function parseMacConsoleOwner(output: string): string | null {
  const name = output.trim();
  return MAC_NOT_A_PERSON.has(name) ? null : name;
}

export interface WindowsSession {
  user: string;
  /** `console`, `rdp-tcp#N`, or '' for a disconnected session. */
  sessionName: string;
  id: number;
  state: string;
  /** The `>` mark: the session `query user` ran in. */
  current: boolean;
}

/**
 * `query user` (quser) output. Headers and states are translated on non-English Windows, and the
 * ID column is right-aligned, so rows are read by tokens, not by header positions: user name,
 * session name (absent for a disconnected session), numeric id, state.
 */
export function parseQueryUser(output: string): WindowsSession[] {
  const sessions: WindowsSession[] = [];
  const lines = output.split(/\r?\n/).filter((l) => l.trim() !== '');
  for (const line of lines.slice(1)) {
    const current = line.startsWith('>');
    const tokens = line.replace(/^[> ]/, '').trim().split(/\s+/);
    if (tokens.length < 3) continue;
    const [user, second, third, fourth] = tokens as [string, string, string, string | undefined];
    if (/^\d+$/.test(second)) {
      sessions.push({ user, sessionName: '', id: Number(second), state: third, current });
    } else if (/^\d+$/.test(third) && fourth !== undefined) {
      sessions.push({ user, sessionName: second, id: Number(third), state: fourth, current });
    }
  }
  return sessions;
}

/**
 * The person at the keyboard on Windows: the user of the physical console session, else of a
 * connected remote desktop session (it has a session name; a disconnected one has none).
 */
export function windowsConsoleUser(sessions: WindowsSession[]): string | null {
  const onConsole = sessions.find((s) => s.sessionName.toLowerCase() === 'console');
  if (onConsole) return onConsole.user;
  return sessions.find((s) => s.sessionName !== '')?.user ?? null;
}

/** `loginctl list-sessions --no-legend`: the session ids (first column; "No sessions." has none). */
export function parseLoginctlSessions(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((id) => /^[a-z]?\d+$/.test(id)); // logind ids: 2, c1
}

/** `loginctl show-session ID... -p Name -p ...`: one record per session (blocks split by blank lines). */
export function parseLoginctlShow(output: string): Array<Record<string, string>> {
  return output
    .split(/\n\s*\n/)
    .map((block) => {
      const record: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0) record[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
      }
      return record;
    })
    .filter((r) => Object.keys(r).length > 0);
}

/**
 * The active seat's user on Linux: a local (not remote), active, graphical or text session of
 * class `user` attached to a seat; seat0 (the physical one) first.
 */
export function linuxSeatUser(sessions: Array<Record<string, string>>): string | null {
  const atSeat = sessions.filter(
    (s) =>
      s['Active'] === 'yes' &&
      s['Remote'] !== 'yes' &&
      (s['Class'] ?? 'user') === 'user' &&
      !!s['Seat'] &&
      !!s['Name'] &&
      (s['State'] ?? 'active') === 'active',
  );
  const seat0 = atSeat.find((s) => s['Seat'] === 'seat0');
  return (seat0 ?? atSeat[0])?.['Name'] ?? null;
}

/** A user name we pass to the OS's tools: no path separators, no option-like or empty names. */
export function validUserName(name: string): boolean {
  return /^[A-Za-z0-9._][A-Za-z0-9._@$ -]{0,63}$/.test(name) && !name.endsWith(' ') && name !== '.' && name !== '..';
}
