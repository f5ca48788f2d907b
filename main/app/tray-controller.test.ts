import { describe, expect, it } from 'vitest';
import type { MonitorState } from '../core/monitor/monitor-state';
import type { Verdict } from '../core/model';
import type { TrayAction } from '../core/monitor/tray-menu';
import { FakeTray, fakeMenu } from './testing/fake-electron';
import { TrayController } from './tray-controller';

const state = (verdict: Verdict): MonitorState =>
  ({
    advice: [],
    changed: ['verdict'],
    at: '2026-11-27T10:00:00Z',
    verifiedAt: '2026-11-27T10:00:00Z',
    verdictSince: '2026-11-27T09:00:00Z',
    report: {
      verdict,
      unprotectedContainers: [],
      desired: { eci: true, source: 'user' },
      checks: [],
      settingsProblems: [],
      engine: {},
    },
  }) as unknown as MonitorState;

function controller() {
  const tray = new FakeTray();
  const clicked: TrayAction[] = [];
  const actions = new Proxy({} as Record<TrayAction, () => void>, {
    get: (_t, a: string) => () => clicked.push(a as TrayAction),
  });
  const c = new TrayController({
    tray,
    menu: fakeMenu,
    icon: (f) => `icon:${f}`,
    actions,
    startAtLogin: () => false,
    version: '1.4.0',
    recent: () => [],
    now: () => new Date('2026-11-27T10:05:00Z'),
  });
  return { tray, c, clicked };
}

describe('TrayController', () => {
  it('sets the image only when the icon family changes; tooltip and menu on every update', () => {
    const { tray, c } = controller();
    const view = (v: Verdict | null, checking = false) => ({
      state: v ? state(v) : null,
      forward: null,
      checking,
      relaunching: false,
      pausedUntil: null,
      notice: null,
      managed: null,
    });
    c.update(view(null, true));
    c.update(view('off'));
    c.update(view('off'));
    c.update(view('pending-restart'));
    c.update(view('unprotected-containers'));
    c.update(view('protected'));
    expect(tray.images).toEqual(['icon:inactive', 'icon:unprotected', 'icon:needs-action', 'icon:protected']);
    expect(tray.menus).toHaveLength(6);
    expect(tray.tooltips.at(-1)).toMatch(/^ECI Tray: On and verified \(checked \d\d:\d\d\)$/);
  });

  it('menu items call their actions', () => {
    const { tray, c, clicked } = controller();
    c.update({
      state: state('pending-restart'),
      forward: null,
      checking: false,
      relaunching: false,
      pausedUntil: null,
      notice: null,
      managed: null,
    });
    const template = (
      tray.menus.at(-1) as {
        template: Array<{ label?: string; click?: () => void; submenu?: Array<{ label: string; click: () => void }> }>;
      }
    ).template;
    template.find((i) => i.label === 'Quit and reopen Docker Desktop…')!.click!();
    template.find((i) => i.label === 'Check now')!.click!();
    template
      .find((i) => i.label === 'Pause notifications')!
      .submenu!.find((i) => i.label === 'For 1 hour')!
      .click();
    expect(clicked).toEqual(['relaunch', 'check-now', 'pause-hour']);
  });
});
