import { describe, expect, it } from 'vitest';
import { describeCommand, relaunchPlan } from './relaunch-plan';

describe('relaunchPlan', () => {
  it.each([
    ['darwin', true, 'docker-desktop-cli', 'docker desktop stop', 'docker desktop start'],
    ['linux', true, 'docker-desktop-cli', 'docker desktop stop', 'docker desktop start'],
    ['win32', true, 'docker-desktop-cli', 'docker desktop stop', 'docker desktop start'],
    ['darwin', false, 'macos-app', 'osascript -e "quit app \\"Docker\\""', 'open -a Docker'],
    ['linux', false, 'linux-systemd', 'systemctl --user stop docker-desktop', 'systemctl --user start docker-desktop'],
    [
      'win32',
      false,
      'windows-processes',
      'taskkill /IM "Docker Desktop.exe" /F; taskkill /IM com.docker.backend.exe /F',
      'powershell.exe -NoProfile -Command "Start-Process -FilePath \'C:\\\\Program Files\\\\Docker\\\\Docker\\\\Docker Desktop.exe\'"',
    ],
  ] as const)('%s with the CLI plugin %s: %s', (platform, cli, method, stop, start) => {
    const plan = relaunchPlan(platform, cli);
    expect(plan.method).toBe(method);
    expect(plan.stop.map(describeCommand).join('; ')).toBe(stop);
    expect(plan.start.map(describeCommand).join('; ')).toBe(start);
  });

  it('only stopping Windows processes may fail (they may not be running)', () => {
    expect(relaunchPlan('win32', false).stop.every((c) => c.mayFail)).toBe(true);
    expect(relaunchPlan('win32', false).start.some((c) => c.mayFail)).toBe(false);
    expect(relaunchPlan('linux', true).stop.some((c) => c.mayFail)).toBe(false);
  });
});
