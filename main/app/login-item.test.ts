import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { autostartEntry, autostartPath, quoteExecArg, setStartAtLogin } from './login-item';
import { FakeLoginItems } from './testing/fake-electron';

describe('start at login', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eci-autostart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('honours XDG_CONFIG_HOME, else ~/.config', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/a')).toBe('/x/cfg/autostart/eci-tray.desktop');
    expect(autostartPath({}, '/home/a')).toBe('/home/a/.config/autostart/eci-tray.desktop');
  });

  it.each([
    ['/usr/bin/eci-tray', '/usr/bin/eci-tray'],
    ['/opt/ECI Tray/eci-tray', '"/opt/ECI Tray/eci-tray"'],
    ['/opt/a"b', '"/opt/a\\\\"b"'],
    ['/opt/$HOME/x', '"/opt/\\\\$HOME/x"'],
    ['C:\\dir', '"C:\\\\\\\\dir"'],
    ['100%', '100%%'],
  ])('quotes %s as %s', (arg, quoted) => expect(quoteExecArg(arg)).toBe(quoted));

  it('Linux: writes and removes an XDG autostart entry with the path quoted', () => {
    const deps = {
      platform: 'linux' as const,
      app: new FakeLoginItems(),
      execPath: '/opt/ECI Tray/eci-tray',
      env: { XDG_CONFIG_HOME: dir },
    };
    setStartAtLogin(true, deps);
    const path = join(dir, 'autostart', 'eci-tray.desktop');
    expect(readFileSync(path, 'utf8')).toBe(autostartEntry('/opt/ECI Tray/eci-tray'));
    expect(readFileSync(path, 'utf8')).toContain('Exec="/opt/ECI Tray/eci-tray"\n');
    expect(deps.app.settings).toEqual([]);
    setStartAtLogin(false, deps);
    expect(existsSync(path)).toBe(false);
  });

  it.each(['darwin', 'win32'] as const)('%s: uses the login item API, started hidden', (platform) => {
    const app = new FakeLoginItems();
    setStartAtLogin(true, { platform, app, execPath: '/x' });
    setStartAtLogin(false, { platform, app, execPath: '/x' });
    expect(app.settings).toEqual([
      { openAtLogin: true, openAsHidden: true },
      { openAtLogin: false, openAsHidden: true },
    ]);
  });
});
