import { describe, expect, it } from 'vitest';
import { LAB_REQUIREMENTS, planPrerequisites, TEST_REQUIREMENTS, type Requirement } from './prerequisites';

const need = (...tools: string[]): Requirement[] =>
  tools.map((tool) => {
    const r = TEST_REQUIREMENTS.find((x) => x.tool === tool);
    if (!r) throw new Error(`no requirement ${tool}`);
    return r;
  });

describe('test prerequisites', () => {
  it.each([
    { gone: [], root: true, debian: true, platform: 'linux', plan: { action: 'ready' } },
    {
      gone: ['dockerd'],
      root: true,
      debian: true,
      platform: 'linux',
      plan: { action: 'install', packages: ['docker.io'] },
    },
    // Several tools of one package install it once.
    {
      gone: ['dockerd', 'containerd', 'runc'],
      root: true,
      debian: true,
      platform: 'linux',
      plan: { action: 'install', packages: ['docker.io'] },
    },
    {
      gone: ['dunst', 'dunstctl', 'notify-send'],
      root: true,
      debian: true,
      platform: 'linux',
      plan: { action: 'install', packages: ['dunst', 'libnotify-bin'] },
    },
    {
      gone: ['/usr/bin/chromium', 'Xvfb', 'dbus-daemon'],
      root: true,
      debian: true,
      platform: 'linux',
      plan: { action: 'install', packages: ['chromium', 'xvfb', 'dbus'] },
    },
    {
      gone: ['busybox (static)', 'newuidmap'],
      root: true,
      debian: true,
      platform: 'linux',
      plan: { action: 'install', packages: ['busybox-static', 'uidmap'] },
    },
    {
      gone: ['dockerd', '/usr/bin/chromium'],
      root: false,
      debian: true,
      platform: 'linux',
      plan: {
        action: 'fail',
        message:
          'npm test needs dockerd, /usr/bin/chromium. Install them as root: apt-get install -y --no-install-recommends docker.io chromium. It also has to run as root: the lab starts dockerd and bind-mounts its data.',
      },
    },
    {
      gone: ['notify-send'],
      root: true,
      debian: false,
      platform: 'linux',
      plan: {
        action: 'fail',
        message:
          'npm test needs notify-send. Install them as root: apt-get install -y --no-install-recommends libnotify-bin (Debian package names; use the equivalent packages of your distribution).',
      },
    },
    {
      gone: [],
      root: true,
      debian: true,
      platform: 'darwin',
      plan: { action: 'fail', message: 'npm test runs on Linux only (it starts dockerd).' },
    },
    {
      gone: ['dockerd'],
      root: true,
      debian: true,
      platform: 'win32',
      plan: { action: 'fail', message: 'npm test runs on Linux only (it starts dockerd).' },
    },
  ] as const)(
    'missing $gone, root $root, Debian $debian on $platform → $plan.action',
    ({ gone, root, debian, platform, plan }) => {
      expect(planPrerequisites(need(...gone), root, debian, platform, 'npm test')).toEqual(plan);
    },
  );

  it('npm test needs everything the lab needs', () => {
    for (const r of LAB_REQUIREMENTS) expect(TEST_REQUIREMENTS).toContainEqual(r);
  });

  it("the lab's own refusal names the lab", () => {
    const plan = planPrerequisites(need('dockerd', 'busybox (static)'), false, true);
    expect(plan).toEqual({
      action: 'fail',
      message: expect.stringContaining(
        'The engine lab needs dockerd, busybox (static). Install them as root: apt-get install -y --no-install-recommends docker.io busybox-static',
      ),
    });
  });
});
