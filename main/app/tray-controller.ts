// Renders the tray from the pure model (main/core/monitor/tray-menu.ts): the icon only when its
// family changes, the tooltip, and the context menu, which is set again after every change
// (on Linux the menu is the only way in: nothing may depend on a click event).

import type { AppStateView } from '../ipc/contract';
import {
  iconFamily,
  tooltip,
  trayMenu,
  type MenuModel,
  type TrayAction,
  type TrayInput,
} from '../core/monitor/tray-menu';
import type { IconFamily } from '../core/words';
import type { MenuFactory, MenuItemConstructorOptions, TrayLike } from './electron-types';

export interface TrayControllerDeps {
  tray: TrayLike;
  menu: MenuFactory;
  icon: (family: IconFamily) => Parameters<TrayLike['setImage']>[0];
  actions: Record<TrayAction, () => void>;
  startAtLogin: () => boolean;
  /** The app's version, for "About". */
  version: string;
  /** The activity log's entries, newest first ("Recent changes"). */
  recent: () => TrayInput['recent'];
  now?: () => Date;
}

export function toTemplate(items: MenuModel[], actions: Record<TrayAction, () => void>): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => actions[item.action]() };
      case 'checkbox':
        return { label: item.label, type: 'checkbox', checked: item.checked, click: () => actions[item.action]() };
      case 'submenu':
        return { label: item.label, submenu: toTemplate(item.items, actions) };
    }
  });
}

export class TrayController {
  private family: IconFamily | null = null;
  /** The menu last shown (end-to-end tests read it through the main process). */
  lastMenu: MenuModel[] = [];

  constructor(private readonly deps: TrayControllerDeps) {}

  update(view: AppStateView): void {
    const family = iconFamily(view.state);
    if (family !== this.family) {
      this.deps.tray.setImage(this.deps.icon(family));
      this.family = family;
    }
    const input = {
      state: view.state,
      checking: view.checking,
      pausedUntil: view.pausedUntil,
      startAtLogin: this.deps.startAtLogin(),
      now: this.deps.now?.() ?? new Date(),
      version: this.deps.version,
      recent: this.deps.recent(),
    };
    this.deps.tray.setToolTip(tooltip(input));
    this.lastMenu = trayMenu(input);
    this.deps.tray.setContextMenu(this.deps.menu.buildFromTemplate(toTemplate(this.lastMenu, this.deps.actions)));
  }
}
