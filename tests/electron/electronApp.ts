/**
 * Shared by the Electron specs: why they cannot run here (no Electron binary — it cannot be downloaded offline — or
 * no display), launching the app from this checkout or from an electron-builder output, and the app menu as main
 * sees it (items found and clicked by the ids of electron/main/appMenu.ts).
 */
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayProblem, findElectron } from '../../scripts/electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const electronBinary = findElectron();
const noDisplay = displayProblem();

/** Null where the app can be launched from this checkout; otherwise the reason, for the skipped test's report. */
export const skipReason: string | null = electronBinary.reason
  ? `Electron binary not available: ${electronBinary.reason}`
  : noDisplay
    ? `cannot open a window: ${noDisplay}`
    : null;

/** The unpacked app electron-builder writes under dist/ for this platform (`npm run dist`), if there is one. */
export function packagedApp(): { path: string; reason?: undefined } | { path?: undefined; reason: string } {
  const dist = join(root, 'dist');
  const candidates =
    process.platform === 'linux'
      ? ['workshop-kit', 'Workshop Kit'].map((name) => join(dist, 'linux-unpacked', name))
      : process.platform === 'darwin'
        ? ['mac', 'mac-arm64', 'mac-universal'].map((dir) => join(dist, dir, 'Workshop Kit.app', 'Contents', 'MacOS', 'Workshop Kit'))
        : process.platform === 'win32'
          ? [join(dist, 'win-unpacked', 'Workshop Kit.exe')]
          : [];
  const found = candidates.find((path) => existsSync(path));
  if (found) return { path: found };
  return {
    reason: existsSync(dist)
      ? `no unpacked app for ${process.platform} in dist/ (looked for ${candidates.map((c) => c.slice(root.length + 1)).join(', ') || 'nothing on this platform'})`
      : 'no electron-builder output: dist/ does not exist (`npm run dist` needs the Electron binary, which cannot be downloaded here)',
  };
}

/** The app from this checkout (`out/`, built by `npm run build`), with no multicast and a fresh profile. */
export function launchApp(): Promise<ElectronApplication> {
  const userData = mkdtempSync(join(tmpdir(), 'wk-electron-'));
  return electron.launch({ executablePath: electronBinary.path!, args: ['.', '--no-discovery', `--user-data-dir=${userData}`], cwd: root });
}

/** The packaged app (no app path argument: it runs its own asar). */
export function launchPackaged(executablePath: string): Promise<ElectronApplication> {
  const userData = mkdtempSync(join(tmpdir(), 'wk-packaged-'));
  return electron.launch({ executablePath, args: ['--no-discovery', `--user-data-dir=${userData}`] });
}

export interface MenuItemState {
  id: string;
  label: string;
  enabled: boolean;
}

/** The application menu's items with these ids, as main has them now (null for a missing one). */
export function menuItems(app: ElectronApplication, ids: readonly string[]): Promise<(MenuItemState | null)[]> {
  return app.evaluate(({ Menu }, wanted) => {
    const menu = Menu.getApplicationMenu();
    return wanted.map((id) => {
      const item = menu?.getMenuItemById(id);
      return item ? { id, label: item.label, enabled: item.enabled } : null;
    });
  }, ids);
}

/** Every role in the application menu, lower-cased (roles are case-insensitive), to see which standard items it offers. */
export function menuRoles(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(({ Menu }) => {
    const roles: string[] = [];
    const walk = (items: Electron.MenuItem[]) => {
      for (const item of items) {
        if (item.role) roles.push(item.role.toLowerCase());
        if (item.submenu) walk(item.submenu.items);
      }
    };
    walk(Menu.getApplicationMenu()?.items ?? []);
    return roles;
  });
}

/** Clicks a menu item the way a facilitator would (its click handler, in main). */
export async function clickMenu(app: ElectronApplication, id: string): Promise<void> {
  const clicked = await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (!item || !item.enabled) return false;
    item.click();
    return true;
  }, id);
  if (!clicked) throw new Error(`the app menu has no enabled item ${id}`);
}

/**
 * Replaces main's message boxes by one that records each message and answers with the button named `answer`
 * (a native dialog cannot be clicked from a test). Returns nothing; read the messages with `askedMessages`.
 */
export async function answerDialogs(app: ElectronApplication, answer: string): Promise<void> {
  await app.evaluate(({ dialog }, button) => {
    const state = globalThis as { wkAsked?: string[] };
    state.wkAsked ??= [];
    const asked = state.wkAsked;
    const fake = async (...args: unknown[]) => {
      const options = args.find((a): a is Electron.MessageBoxOptions => typeof a === 'object' && a !== null && 'message' in a);
      asked.push(options?.message ?? '');
      return { response: options?.buttons?.indexOf(button) ?? -1, checkboxChecked: false };
    };
    dialog.showMessageBox = fake as typeof dialog.showMessageBox;
  }, answer);
}

export function askedMessages(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => (globalThis as { wkAsked?: string[] }).wkAsked ?? []);
}
