import { describe, expect, it } from 'vitest';
import { psQuote } from '../text/shell-quote';
import {
  chooseWindowsDesktopExe,
  describeCommand,
  relaunchPlan,
  windowsFindDesktopCommand,
  windowsSystemTools,
  type PlanInputs,
} from './relaunch-plan';

const plan = (over: Partial<PlanInputs>) => relaunchPlan({ platform: 'linux', desktopCli: null, env: {}, ...over });
const text = (p: ReturnType<typeof relaunchPlan>) => {
  // The commands are described for the shell of the platform they are for.
  const shell = p.start.some((c) => /^[A-Z]:\\/.test(c.file)) ? 'powershell' : 'posix';
  return {
    method: p.method,
    stop: p.stop.map((c) => describeCommand(c, shell)).join('; '),
    start: p.start.map((c) => describeCommand(c, shell)).join('; '),
  };
};

describe('relaunchPlan', () => {
  it.each([
    [
      'macOS, docker CLI located',
      { platform: 'darwin', desktopCli: { file: '/usr/local/bin/docker', description: '' } },
      'docker-desktop-cli',
      '/usr/local/bin/docker desktop stop',
      '/usr/local/bin/docker desktop start',
    ],
    [
      'Linux, plugin run directly',
      { platform: 'linux', desktopCli: { file: '/tmp/lab/config/cli-plugins/docker-desktop', description: '' } },
      'docker-desktop-cli',
      '/tmp/lab/config/cli-plugins/docker-desktop desktop stop',
      '/tmp/lab/config/cli-plugins/docker-desktop desktop start',
    ],
    [
      'Windows, docker CLI in Program Files',
      {
        platform: 'win32',
        desktopCli: { file: 'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe', description: '' },
      },
      'docker-desktop-cli',
      "& 'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe' desktop stop",
      "& 'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe' desktop start",
    ],
    [
      'macOS without the plugin: system tools by absolute path',
      { platform: 'darwin' },
      'macos-app',
      `/usr/bin/osascript -e 'quit app "Docker"'`,
      '/usr/bin/open -a Docker',
    ],
    [
      'Linux without the plugin, systemctl located',
      { platform: 'linux', systemctl: '/usr/bin/systemctl' },
      'linux-systemd',
      '/usr/bin/systemctl --user stop docker-desktop',
      '/usr/bin/systemctl --user start docker-desktop',
    ],
    [
      'Linux without the plugin, systemctl not located: its standard place, not a PATH lookup',
      { platform: 'linux' },
      'linux-systemd',
      '/usr/bin/systemctl --user stop docker-desktop',
      '/usr/bin/systemctl --user start docker-desktop',
    ],
    [
      'Windows without the plugin, default install',
      { platform: 'win32', env: { SystemRoot: 'C:\\Windows' } },
      'windows-processes',
      "C:\\Windows\\System32\\taskkill.exe /IM 'Docker Desktop.exe' /F; C:\\Windows\\System32\\taskkill.exe /IM com.docker.backend.exe /F",
      "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -NonInteractive -Command 'Start-Process -FilePath ''C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe'''",
    ],
    [
      'Windows without the plugin, custom install folder and SystemRoot',
      {
        platform: 'win32',
        env: { SYSTEMROOT: 'D:\\WINNT' },
        windowsDesktopExe: "E:\\Dev's Tools\\Docker\\Docker Desktop.exe",
      },
      'windows-processes',
      "D:\\WINNT\\System32\\taskkill.exe /IM 'Docker Desktop.exe' /F; D:\\WINNT\\System32\\taskkill.exe /IM com.docker.backend.exe /F",
      "D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -NonInteractive -Command 'Start-Process -FilePath ''E:\\Dev''''s Tools\\Docker\\Docker Desktop.exe'''",
    ],
  ] as const)('%s', (_name, over, method, stop, start) => {
    expect(text(plan(over as Partial<PlanInputs>))).toEqual({ method, stop, start });
  });

  it('only stopping Windows processes may fail (they may not be running)', () => {
    expect(plan({ platform: 'win32' }).stop.every((c) => c.mayFail)).toBe(true);
    expect(plan({ platform: 'win32' }).start.some((c) => c.mayFail)).toBe(false);
    expect(plan({ desktopCli: { file: '/usr/bin/docker', description: '' } }).stop.some((c) => c.mayFail)).toBe(false);
  });

  it('every Windows command is an absolute path, never a bare name searched from the working folder', () => {
    const p = plan({ platform: 'win32', env: {} });
    for (const c of [...p.stop, ...p.start, windowsFindDesktopCommand({})]) expect(c.file).toMatch(/^[A-Z]:\\/);
    expect(windowsSystemTools({ windir: 'C:\\WIN' })).toMatchObject({
      tasklist: 'C:\\WIN\\System32\\tasklist.exe',
      wsl: 'C:\\WIN\\System32\\wsl.exe',
      cmd: 'C:\\WIN\\System32\\cmd.exe',
    });
  });
});

describe('chooseWindowsDesktopExe (from the lookup run before quitting)', () => {
  const env = { ProgramFiles: 'C:\\Program Files' };
  it.each([
    [
      'the running process wins',
      'process=E:\\Docker\\Docker Desktop.exe\r\nregistry=F:\\Other\r\n',
      'E:\\Docker\\Docker Desktop.exe',
      'running process',
    ],
    [
      'registry AppPath naming the folder',
      'registry=E:\\Apps\\Docker\\\r\n',
      'E:\\Apps\\Docker\\Docker Desktop.exe',
      'registry AppPath',
    ],
    [
      'registry AppPath naming the exe',
      'registry="E:\\Apps\\Docker\\Docker Desktop.exe"',
      'E:\\Apps\\Docker\\Docker Desktop.exe',
      'registry AppPath',
    ],
    [
      'nothing found: the default folder',
      '',
      'C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe',
      'default install folder',
    ],
    [
      'garbage is not a path',
      'process=\nregistry=relative\\path\nWARNING: something',
      'C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe',
      'default install folder',
    ],
  ] as const)('%s', (_name, output, path, from) => {
    expect(chooseWindowsDesktopExe(output, env)).toEqual({ path, from });
  });

  it('the lookup asks the process list first, then both registry hives', () => {
    const c = windowsFindDesktopCommand({ SystemRoot: 'C:\\Windows' });
    expect(c.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    const script = c.args[c.args.length - 1]!;
    expect(script.indexOf("Get-Process -Name 'Docker Desktop'")).toBeLessThan(
      script.indexOf('HKLM:\\SOFTWARE\\Docker Inc.\\Docker Desktop'),
    );
    expect(script).toContain('HKCU:\\SOFTWARE\\Docker Inc.\\Docker Desktop');
    expect(script).toContain('AppPath');
  });

  it.each([
    ["C:\\a'b", "'C:\\a''b'"],
    ['plain', "'plain'"],
  ])('psQuote(%s)', (input, quoted) => expect(psQuote(input)).toBe(quoted));
});
