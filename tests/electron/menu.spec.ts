/**
 * The desktop shell's app menu and presenter window, for real, where the Electron binary is installed: the Session
 * menu's items, "Host a session" hosting and opening the console in the same page (no reload), "Sessions nearby…",
 * "End session…" asking first (Cancel keeps the session, End ends it: the console becomes read-only), Help's offline
 * page, and the presenter window (full screen on a second display; with one display, a window inside it).
 * Elsewhere (this offline machine cannot download the binary) each test reports itself skipped with the reason.
 * Display hot-plug cannot be simulated here: electron/main/presenterPlacement.test.ts covers what happens then.
 */
import { expect, test, type ElectronApplication } from '@playwright/test';
import { answerDialogs, askedMessages, clickMenu, launchApp, menuItems, menuRoles, skipReason } from './electronApp';

const ROOM_CODE = /^[A-HJKMNP-Z2-9]{6}$/;
const SESSION_IDS = ['host-session', 'sessions-nearby', 'open-presenter', 'end-session'] as const;

async function enabled(app: ElectronApplication, id: string): Promise<boolean | null> {
  return (await menuItems(app, [id]))[0]?.enabled ?? null;
}

test.describe('Electron app menu and presenter window', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  test('the Session menu: Host a session, Sessions nearby…, Open presenter window, End session… (disabled until hosting); reload and devtools in development', async () => {
    const app = await launchApp();
    try {
      await app.firstWindow();
      expect(await menuItems(app, SESSION_IDS)).toEqual([
        { id: 'host-session', label: 'Host a session', enabled: true },
        { id: 'sessions-nearby', label: 'Sessions nearby…', enabled: true },
        { id: 'open-presenter', label: 'Open presenter window', enabled: false },
        { id: 'end-session', label: 'End session…', enabled: false },
      ]);
      expect(await menuRoles(app)).toEqual(expect.arrayContaining(['editmenu', 'windowmenu', 'help', 'reload', 'toggledevtools']));
      if (process.platform === 'darwin') expect(await menuRoles(app)).toContain('appmenu');
    } finally {
      await app.close();
    }
  });

  test('"Host a session" opens the console in the same page; "End session…" asks, Cancel keeps it, End ends it', async () => {
    const app = await launchApp();
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { level: 1 })).toContainText('From DevOps to MLOps');
      // A marker in the page: still there after the menu's navigation means the page navigated itself (no reload).
      await win.evaluate(() => ((window as unknown as { wkMarker?: number }).wkMarker = 1));

      await clickMenu(app, 'host-session');
      await expect(win).toHaveURL(/\/console\/[A-HJKMNP-Z2-9]{6}$/);
      await expect(win.getByTestId('room-code')).toHaveText(ROOM_CODE);
      expect(await win.evaluate(() => (window as unknown as { wkMarker?: number }).wkMarker)).toBe(1);
      await expect.poll(() => enabled(app, 'end-session')).toBe(true);
      expect(await enabled(app, 'open-presenter')).toBe(true);

      await answerDialogs(app, 'Cancel');
      await clickMenu(app, 'end-session');
      await expect.poll(() => askedMessages(app)).toEqual(['End “From DevOps to MLOps”?']);
      expect(await enabled(app, 'end-session')).toBe(true);
      await expect(win.getByTestId('ended-banner')).toHaveCount(0);

      await answerDialogs(app, 'End session');
      await clickMenu(app, 'end-session');
      await expect.poll(() => askedMessages(app)).toHaveLength(2);
      await expect(win.getByTestId('ended-banner')).toBeVisible();
      await expect.poll(() => enabled(app, 'end-session')).toBe(false);
      expect(await enabled(app, 'open-presenter')).toBe(false);

      // Hosting again starts a new session (the ended one stays read-only).
      const endedCode = new URL(win.url()).pathname.split('/').pop();
      await clickMenu(app, 'host-session');
      await expect(win).not.toHaveURL(new RegExp(`/console/${endedCode}$`));
      await expect(win.getByTestId('room-code')).toHaveText(ROOM_CODE);
      await expect(win.getByTestId('ended-banner')).toHaveCount(0);
    } finally {
      await app.close();
    }
  });

  test('"Sessions nearby…" looks at once and says what to try; Help opens the README’s troubleshooting offline', async () => {
    const app = await launchApp();
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { level: 1 })).toContainText('From DevOps to MLOps');
      await win.goto(new URL('/kit/agenda', win.url()).toString());
      await expect(win.getByRole('heading', { level: 1 })).toBeVisible();
      await clickMenu(app, 'sessions-nearby');
      await expect(win).toHaveURL(/\/#sessions-nearby$/);
      // --no-discovery: nothing is found, and the page says what to try instead.
      await expect(win.getByText('No session found nearby.')).toBeVisible();

      await clickMenu(app, 'help-troubleshooting');
      await expect(win).toHaveURL(/\/help#troubleshooting$/);
      await expect(win.getByRole('heading', { level: 2, name: 'Troubleshooting' })).toBeVisible();
      await clickMenu(app, 'help-guide');
      await expect(win).toHaveURL(/\/kit\/guide$/);
    } finally {
      await app.close();
    }
  });

  test('"Open presenter window" opens the projector view: a window inside the display when there is only one, full screen on another', async () => {
    const app = await launchApp();
    try {
      const win = await app.firstWindow();
      await clickMenu(app, 'host-session');
      await expect(win.getByTestId('room-code')).toHaveText(ROOM_CODE);
      const opened = app.waitForEvent('window');
      await clickMenu(app, 'open-presenter');
      const presenter = await opened;
      await expect(presenter).toHaveURL(/\/present\/[A-HJKMNP-Z2-9]{6}/);
      await expect(presenter.getByTestId('room-code')).toBeVisible();

      const screens = await app.evaluate(({ screen }) =>
        screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, workArea: d.workArea })),
      );
      const handle = await app.browserWindow(presenter);
      const state = () =>
        handle.evaluate((w: { isFullScreen(): boolean; getBounds(): { x: number; y: number; width: number; height: number } }) => ({
          fullscreen: w.isFullScreen(),
          bounds: w.getBounds(),
        }));
      if (screens.length === 1) {
        const area = screens[0]!.workArea;
        const now = await state();
        expect(now.fullscreen).toBe(false);
        expect(now.bounds.width).toBeLessThanOrEqual(area.width);
        expect(now.bounds.height).toBeLessThanOrEqual(area.height);
        expect(now.bounds.x).toBeGreaterThanOrEqual(area.x);
        expect(now.bounds.y).toBeGreaterThanOrEqual(area.y);
      } else {
        // Full screen on a display the console is not on.
        await expect.poll(async () => (await state()).fullscreen).toBe(true);
        const mainBounds = await (
          await app.browserWindow(win)
        ).evaluate((w: { getBounds(): { x: number; y: number; width: number; height: number } }) => w.getBounds());
        const displayOf = (b: { x: number; y: number; width: number; height: number }) => {
          const cx = b.x + b.width / 2;
          const cy = b.y + b.height / 2;
          return screens.find(
            (d) => cx >= d.bounds.x && cx < d.bounds.x + d.bounds.width && cy >= d.bounds.y && cy < d.bounds.y + d.bounds.height,
          )?.id;
        };
        expect(displayOf((await state()).bounds)).not.toBe(displayOf(mainBounds));
      }
    } finally {
      await app.close();
    }
  });
});
