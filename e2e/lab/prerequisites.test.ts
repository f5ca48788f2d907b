import { describe, expect, it } from 'vitest';
import { planPrerequisites } from './prerequisites';

describe('lab prerequisites', () => {
  it.each([
    [[], true, true, 'linux', 'ready'],
    [['dockerd'], true, true, 'linux', 'install'],
    [['dockerd'], false, true, 'linux', 'fail'],
    [['dockerd'], true, false, 'linux', 'fail'],
    [[], true, true, 'darwin', 'fail'],
  ] as const)('missing %j, root %s, Debian %s on %s → %s', (gone, root, debian, platform, action) => {
    expect(planPrerequisites([...gone], root, debian, platform).action).toBe(action);
  });

  it('a refusal says exactly what to install', () => {
    const plan = planPrerequisites(['dockerd', 'busybox (static)'], false, true);
    expect(plan).toEqual({ action: 'fail', message: expect.stringContaining('apt-get install -y docker.io busybox-static uidmap') });
    expect((plan as { message: string }).message).toContain('has to run as root');
  });
});
