// What settings-store.json says about ECI, played on the lab: the Docker socket allow list Docker
// Desktop stores there (where a Docker Home policy lands) is honoured like admin-settings.json's,
// and an unlocked admin value that differs from the user's stored one is reported as undecidable,
// under each behaviour Desktop may have (the user value applies, or the policy does).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { checkJson } from './helpers';

describe('settings-store.json on the lab', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it('the probe image on the stored socket allow list (no admin file): allow-listed, protected, reported', async () => {
    // As Desktop writes settings-store.json after a Docker Home policy with an allow list.
    lab.writeUserSettings({
      EnhancedContainerIsolation: true,
      ECIDockerSocketImgList: [lab.probeImage],
      ECIDockerSocketCmdList: [],
      ECIDockerSocketCmdListType: 'deny',
      SettingsVersion: 40,
    });
    expect(await lab.relaunch()).toBe('on');
    const { code, report } = await checkJson(lab.productArgs());
    expect(report.checks.find((c: { id: string }) => c.id === 'docker-socket-mount')).toMatchObject({
      result: 'allow-listed',
    });
    expect(report.verdict).toBe('protected');
    expect(code).toBe(0);
    expect(report.notes.join(' ')).toContain(
      `Docker Desktop's stored settings, e.g. a Docker Home policy): ${lab.probeImage}`,
    );
  });

  it('without it the same Desktop refuses the mount, and the check says isolated', async () => {
    lab.writeUserSettings({ EnhancedContainerIsolation: true, ECIDockerSocketImgList: [], SettingsVersion: 40 });
    expect(await lab.relaunch()).toBe('on');
    const { report } = await checkJson(lab.productArgs());
    expect(report.checks.find((c: { id: string }) => c.id === 'docker-socket-mount')).toMatchObject({
      result: 'isolated',
    });
    expect(report.verdict).toBe('protected');
  });

  describe('an unlocked admin value against a stored user value', () => {
    beforeAll(() => {
      lab.writeAdminPolicy(true, false);
      lab.writeUserSettings({ EnhancedContainerIsolation: false, SettingsVersion: 40 });
    });

    it("Desktop keeps the stored value (ECI off) after a full quit: not-applied, the user's value wins, not another relaunch", async () => {
      expect(await lab.relaunch()).toBe('off');
      const { report, code } = await checkJson(lab.productArgs());
      // Docker Desktop started after both files changed: quitting again would not help.
      expect(report.verdict).toBe('not-applied');
      expect(code).toBe(19);
      expect(report.notAppliedCause).toBe('user-value-wins');
      expect(report.desired).toMatchObject({
        eci: false,
        source: 'user',
        contested: { eci: true, source: 'admin-unlocked' },
      });
      expect(report.reason).toContain('outranks an unlocked admin policy');
      expect(report.reason).toContain('A relaunch will not help');
    });

    it('Desktop applies the policy (ECI on, the stored value was only its default): protected, said so', async () => {
      await lab.switchTo('on');
      const { report } = await checkJson(lab.productArgs());
      expect(report.verdict).toBe('protected');
      expect(report.reason).toContain('an unlocked admin policy sets it on');
    });
  });
});
