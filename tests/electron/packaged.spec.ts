/**
 * The packaged app starts: where `npm run dist` has produced an unpacked app under dist/ (electron-builder's
 * linux-unpacked, mac or win-unpacked folder; it needs the Electron binary, which cannot be downloaded on offline
 * machines) and a display exists, the packaged executable opens its window on the home page, runs from its asar as a
 * packaged app, finds its content pack beside it (resources/content), and offers the app menu without developer
 * tools. Elsewhere it reports itself skipped with the reason.
 */
import { expect, test } from '@playwright/test';
import { displayProblem } from '../../scripts/electronBinary.mjs';
import { launchPackaged, menuItems, menuRoles, packagedApp } from './electronApp';

const packaged = packagedApp();
const noDisplay = displayProblem();
const skipReason = packaged.reason
  ? `packaged app not available: ${packaged.reason}`
  : noDisplay
    ? `cannot open a window: ${noDisplay}`
    : null;

test.describe('Packaged app', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  test('starts: the window shows the home page with the lesson from resources/content, and the app menu without developer tools', async () => {
    const app = await launchPackaged(packaged.path!);
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { level: 1 })).toContainText('From DevOps to MLOps');
      expect(await app.evaluate(({ app: electronApp }) => electronApp.isPackaged)).toBe(true);
      expect((await menuItems(app, ['host-session', 'sessions-nearby', 'end-session'])).map((i) => i?.label)).toEqual([
        'Host a session',
        'Sessions nearby…',
        'End session…',
      ]);
      expect(await menuRoles(app)).not.toContain('toggledevtools');
      // The kit's pages load from the packaged renderer, offline.
      await win.goto(new URL('/kit/agenda', win.url()).toString());
      await expect(win.getByRole('heading', { level: 1 })).toBeVisible();
    } finally {
      await app.close();
    }
  });
});
