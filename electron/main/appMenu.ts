/**
 * The desktop app's menu, as a pure function of the app's state, so it is unit-tested without Electron (imports only
 * types from `electron`; main builds the menu from this template and runs the actions).
 *
 * Owns: the menu's items, their ids (the smoke tests find them by id), which are enabled when, and the action each
 * one asks main for. Session menu: Host a session, Sessions nearby…, Open presenter window, End session… (the last
 * two only while a session is hosted); Edit; View (reload and developer tools only in development); Window; Help
 * (the README and troubleshooting, and the facilitator guide: pages of the app, offline). On macOS the app menu
 * (About, Hide, Quit) comes first; elsewhere Quit ends the Session menu.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuAction = 'host' | 'nearby' | 'presenter' | 'end' | 'help' | 'guide';

export interface MenuState {
  platform: string;
  appName: string;
  /** Not packaged: reload and developer tools are offered. */
  dev: boolean;
  /** The session this app hosts, if any. */
  session: { title: string } | null;
}

/** Menu item ids (stable: the Electron smoke tests click items by id). */
export const MENU_IDS = {
  host: 'host-session',
  nearby: 'sessions-nearby',
  presenter: 'open-presenter',
  end: 'end-session',
  help: 'help-troubleshooting',
  guide: 'help-guide',
} as const satisfies Record<MenuAction, string>;

/** Where the Help menu's pages are (pages of the app: offline). */
export const HELP_PATH = '/help#troubleshooting';
export const GUIDE_PATH = '/kit/guide';

export function buildMenuTemplate(state: MenuState, run: (action: MenuAction) => void): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const item = (action: MenuAction, label: string, extra: Partial<MenuItemConstructorOptions> = {}): MenuItemConstructorOptions => ({
    id: MENU_IDS[action],
    label,
    click: () => run(action),
    ...extra,
  });
  const hosting = state.session !== null;
  const session: MenuItemConstructorOptions = {
    label: 'Session',
    submenu: [
      item('host', 'Host a session', { accelerator: 'CmdOrCtrl+Shift+H' }),
      item('nearby', 'Sessions nearby…'),
      { type: 'separator' },
      item('presenter', 'Open presenter window', { enabled: hosting, accelerator: 'CmdOrCtrl+Shift+P' }),
      item('end', 'End session…', { enabled: hosting }),
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'quit' }] satisfies MenuItemConstructorOptions[])),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(state.dev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [item('help', 'README and troubleshooting'), item('guide', 'Facilitator guide')],
  };
  return [
    ...(mac ? ([{ label: state.appName, role: 'appMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    session,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}

/** The presenter path of a hosted session (its console path carries the host key the presenter needs). */
export function presenterPathFor(session: { code: string; consolePath: string }): string | null {
  const key = /#key=([A-Za-z0-9_-]+)$/.exec(session.consolePath)?.[1];
  return key ? `/present/${session.code}#key=${key}` : null;
}
