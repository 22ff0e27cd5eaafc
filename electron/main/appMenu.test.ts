import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, MENU_IDS, presenterPathFor, type MenuAction, type MenuState } from './appMenu';

const base: MenuState = { platform: 'linux', appName: 'Workshop Kit', dev: false, session: null };

function flat(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
}
const byId = (items: MenuItemConstructorOptions[], id: string) => flat(items).find((i) => i.id === id);
const roles = (items: MenuItemConstructorOptions[]) => flat(items).flatMap((i) => (i.role ? [i.role] : []));

describe('the app menu', () => {
  it('has Host a session, Sessions nearby…, Open presenter window and End session… in the Session menu', () => {
    const menu = buildMenuTemplate(base, () => undefined);
    const session = menu.find((m) => m.label === 'Session');
    const labels = (session?.submenu as MenuItemConstructorOptions[]).filter((i) => i.label).map((i) => i.label);
    expect(labels).toEqual(['Host a session', 'Sessions nearby…', 'Open presenter window', 'End session…']);
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['Session', 'editMenu', 'View', 'windowMenu', 'help']);
  });

  it('enables End session… and Open presenter window only while a session is hosted', () => {
    const idle = buildMenuTemplate(base, () => undefined);
    expect(byId(idle, MENU_IDS.end)?.enabled).toBe(false);
    expect(byId(idle, MENU_IDS.presenter)?.enabled).toBe(false);
    expect(byId(idle, MENU_IDS.host)?.enabled).toBeUndefined();
    const hosting = buildMenuTemplate({ ...base, session: { title: 'Room 4' } }, () => undefined);
    expect(byId(hosting, MENU_IDS.end)?.enabled).toBe(true);
    expect(byId(hosting, MENU_IDS.presenter)?.enabled).toBe(true);
  });

  it('asks main for the item’s action on click', () => {
    const asked: MenuAction[] = [];
    const menu = buildMenuTemplate({ ...base, session: { title: 'Room 4' } }, (a) => asked.push(a));
    for (const id of Object.values(MENU_IDS)) (byId(menu, id)?.click as () => void)();
    expect(asked).toEqual(['host', 'nearby', 'presenter', 'end', 'help', 'guide']);
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(buildMenuTemplate(base, () => undefined))).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(buildMenuTemplate(base, () => undefined))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ ...base, dev: true }, () => undefined))).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('puts the app menu first on macOS (Quit is there), and Quit in the Session menu elsewhere', () => {
    const mac = buildMenuTemplate({ ...base, platform: 'darwin' }, () => undefined);
    expect(mac[0]).toEqual({ label: 'Workshop Kit', role: 'appMenu' });
    expect(roles(mac)).not.toContain('quit');
    const linux = buildMenuTemplate(base, () => undefined);
    expect(roles(linux)).not.toContain('appMenu');
    expect(roles((linux[0]!.submenu as MenuItemConstructorOptions[]) ?? [])).toContain('quit');
  });

  it('opens the presenter of the hosted session with the key its console path carries', () => {
    expect(presenterPathFor({ code: 'ABC234', consolePath: '/console/ABC234#key=abcdefghijklmnop_-12' })).toBe(
      '/present/ABC234#key=abcdefghijklmnop_-12',
    );
    expect(presenterPathFor({ code: 'ABC234', consolePath: '/console/ABC234' })).toBeNull();
  });
});
