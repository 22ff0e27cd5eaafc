/**
 * The page's half of the desktop app menu, in Chromium against the real host: the Electron binary cannot run here,
 * so `window.workshopKit` is a stand-in with the preload's shape (DesktopApi) whose `onMenuNavigate` listener the
 * test calls the way the preload does when main sends MENU_NAVIGATE_CHANNEL. Checks that the page navigates itself
 * (no reload) to the console of a real session, that "Sessions nearby…" looks by itself each time, that Help shows
 * the README's troubleshooting offline, and that a path to another origin is ignored. Main's and the preload's
 * halves run in tests/electron/menu.spec.ts where the binary exists.
 */
import type { Page } from '@playwright/test';
import { NEARBY_PATH } from '../../shared/ipc/contract';
import { expect, screenshot, test } from './fixtures';

interface StandIn {
  wkMenu?: (path: string) => void;
  wkLooked?: number;
  wkMarker?: number;
}

/** Installs the stand-in bridge before the app's scripts run. */
async function withStandInBridge(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as StandIn & { workshopKit: unknown };
    w.wkLooked = 0;
    w.workshopKit = {
      appInfo: async () => ({ version: 'test', platform: 'linux', electron: 'stand-in' }),
      hostSession: async () => {
        throw new Error('not in this test');
      },
      currentSession: async () => null,
      sessionsNearby: async () => {
        w.wkLooked = (w.wkLooked ?? 0) + 1;
        return [];
      },
      openNearby: async () => false,
      openPresenter: async () => ({ external: false }),
      onMenuNavigate: (listener: (path: string) => void) => {
        w.wkMenu = listener;
        return () => {
          if (w.wkMenu === listener) delete w.wkMenu;
        };
      },
    };
  });
}

/** What the preload does when main sends the menu's path (waits until the page listens, as the preload keeps it). */
async function menuNavigate(page: Page, path: string): Promise<void> {
  await page.waitForFunction(() => typeof (window as unknown as StandIn).wkMenu === 'function');
  await page.evaluate((p) => (window as unknown as StandIn).wkMenu!(p), path);
}

const marker = (page: Page) => page.evaluate(() => (window as unknown as StandIn).wkMarker);

test('the app menu: the page shows the console of a real session, Sessions nearby (looking each time), Help offline; other origins ignored', async ({
  page,
  host,
}) => {
  const key = /#key=([A-Za-z0-9_-]+)/.exec(String(host.line.consoleUrl))![1]!;
  const created = await fetch(new URL('/api/sessions', host.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Menu session' }),
  });
  const { code } = (await created.json()) as { code: string };

  await withStandInBridge(page);
  await page.goto('/kit/agenda');
  await expect(page.locator('main h1').first()).toBeVisible();
  await page.evaluate(() => ((window as unknown as StandIn).wkMarker = 1));

  await menuNavigate(page, NEARBY_PATH);
  await expect(page).toHaveURL(/\/#sessions-nearby$/);
  await expect(page.getByText('No session found nearby.')).toBeVisible();
  await expect(page.locator('#sessions-nearby')).toBeInViewport();
  expect(await page.evaluate(() => (window as unknown as StandIn).wkLooked)).toBe(1);
  // Chosen again from the menu: it looks again.
  await menuNavigate(page, NEARBY_PATH);
  await expect.poll(() => page.evaluate(() => (window as unknown as StandIn).wkLooked)).toBe(2);
  await expect(page.getByRole('button', { name: 'Look for sessions' })).toBeEnabled();

  await menuNavigate(page, '/help#troubleshooting');
  await expect(page).toHaveURL(/\/help#troubleshooting$/);
  const troubleshooting = page.getByRole('heading', { level: 2, name: 'Troubleshooting' });
  await expect(troubleshooting).toBeInViewport();
  await expect(page.getByRole('heading', { level: 1, name: 'README and troubleshooting' })).toBeVisible();
  await screenshot(page, 'desktop-help');

  // Host a session / End session: main hosts or ends, then sends the console's path (with the host key).
  await menuNavigate(page, `/console/${code}#key=${key}`);
  await expect(page).toHaveURL(new RegExp(`/console/${code}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Menu session' })).toBeVisible();
  await expect(page.getByTestId('room-code')).toHaveText(code);

  // A path that leaves the app is ignored by the page (the preload refuses it before, too).
  await menuNavigate(page, 'https://example.com/');
  await menuNavigate(page, '//example.com/');
  await expect(page).toHaveURL(new RegExp(`/console/${code}$`));
  // Every step above was in-app navigation: the same page all along.
  expect(await marker(page)).toBe(1);
});
