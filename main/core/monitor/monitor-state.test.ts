import { describe, expect, it } from 'vitest';
import type { SettingsProblem, Verdict } from '../model';
import type { AdviceCode } from '../model';
import { adviceFor } from './monitor-state';

const bad: SettingsProblem = {
  file: '/a',
  kind: 'invalid-json',
  severity: 'error',
  message: 'x',
  blocksDockerDesktop: true,
};

describe('advice', () => {
  it.each<[string, Verdict, boolean, SettingsProblem[], boolean, AdviceCode[]]>([
    ['plain pending', 'pending-restart', false, [], false, ['full-quit-required']],
    [
      'pending after a restart: the menu-restart trap',
      'pending-restart',
      true,
      [],
      false,
      ['menu-restart-insufficient', 'full-quit-required'],
    ],
    ['a restart does not matter when not pending', 'protected', true, [], false, []],
    ['invalid admin settings', 'off', false, [bad], false, ['fix-admin-settings', 'turn-eci-on']],
    ['old containers', 'unprotected-containers', false, [], false, ['review-containers']],
    ['engine away within the grace period', 'protected', false, [], true, ['engine-reconnecting']],
    ['engine unreachable', 'engine-unreachable', false, [], false, ['start-docker-desktop']],
  ])('%s', (_n, verdict, restarted, problems, reconnecting, advice) => {
    expect(adviceFor({ verdict, restartedWhilePending: restarted, problems, reconnecting })).toEqual(advice);
  });

  it.each<[string, Verdict, boolean, AdviceCode[]]>([
    ['paused by hand: resume, never "start"', 'engine-unreachable', true, ['unpause-docker-desktop']],
    ['not paused: start it', 'engine-unreachable', false, ['start-docker-desktop']],
    ['a paused flag does not matter for a verified verdict', 'protected', true, []],
  ])('%s', (_n, verdict, paused, advice) => {
    expect(adviceFor({ verdict, restartedWhilePending: false, problems: [], reconnecting: false, paused })).toEqual(
      advice,
    );
  });
});
