// Start at login: Electron's login item API on macOS and Windows; on Linux an XDG autostart
// .desktop file (Electron has no API there), under XDG_CONFIG_HOME when set.

import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writePrivateFile } from '../core/store/private-files';
import type { LoginItemApi } from './electron-types';

export function autostartPath(env: Record<string, string | undefined> = process.env, home = homedir()): string {
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'autostart', 'eci-tray.desktop');
}

/**
 * Quotes an Exec= argument per the Desktop Entry spec: inside double quotes, ", `, $ and \ are
 * backslash-escaped, and the string-level escaping of the file doubles every backslash again
 * (so a literal backslash is written as four). A % is written %% (field codes).
 */
export function quoteExecArg(arg: string): string {
  const percent = arg.replace(/%/g, '%%');
  if (!/[\s"'\\$`]/.test(percent)) return percent;
  const escaped = percent.replace(/[\\"$`]/g, (c) => (c === '\\' ? '\\\\\\\\' : `\\\\${c}`));
  return `"${escaped}"`;
}

export function autostartEntry(execPath: string, args: string[] = []): string {
  const exec = [execPath, ...args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=ECI Tray',
    'Comment=Watches Docker Desktop Enhanced Container Isolation',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  app: LoginItemApi;
  execPath: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  home?: string;
}

export function setStartAtLogin(enabled: boolean, deps: LoginItemDeps): void {
  if (deps.platform === 'linux') {
    const path = autostartPath(deps.env, deps.home);
    if (enabled) writePrivateFile(path, autostartEntry(deps.execPath, deps.args), { privateDir: false });
    else rmSync(path, { force: true });
    return;
  }
  // Started hidden: the app is a tray icon; no window at login.
  deps.app.setLoginItemSettings({
    openAtLogin: enabled,
    openAsHidden: true,
    ...(deps.args ? { args: deps.args } : {}),
  });
}
