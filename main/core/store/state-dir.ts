// Where ECI Tray keeps its own state (cleanup plans and journals): ECI_TRAY_STATE_DIR, else the
// OS's place for application state.

import { homedir } from 'node:os';
import { join } from 'node:path';

export function stateDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (env['ECI_TRAY_STATE_DIR']) return env['ECI_TRAY_STATE_DIR'];
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'eci-tray');
    case 'win32':
      return join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), 'eci-tray');
    default:
      return join(env['XDG_STATE_HOME'] || join(home, '.local', 'state'), 'eci-tray');
  }
}
