/**
 * Playwright fixtures: one real host per worker (the built app, the real content, loopback, --no-discovery),
 * and a page that fails its test if it contacts any origin but the host's, or logs an error (CSP violations
 * and failed loads show up as console errors).
 */
import { test as base, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import { mkdirSync } from 'node:fs';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';

export const SCREENSHOTS = 'test-results/screenshots';
/**
 * The one long wait: the whiteboard is a lazy chunk of several MB (Excalidraw) that a page parses the first time a
 * board opens; on a busy 2-core machine running several browsers that can take tens of seconds. It only bounds a
 * hang: nothing is asserted about how fast it loads (bench:whiteboard measures the board).
 */
export const BOARD_CHUNK_TIMEOUT = 60_000;
mkdirSync(SCREENSHOTS, { recursive: true });

interface Fixtures {
  offsiteRequests: string[];
  consoleErrors: string[];
}

export const test = base.extend<Fixtures, { host: HostProcess }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const host = await startHostProcess();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ host }, use) => use(host.url),
  offsiteRequests: async ({ page, host }, use) => {
    const origin = new URL(host.url).origin;
    const offsite: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) offsite.push(url);
    });
    await use(offsite);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await use(errors);
  },
});

export { expect };

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage });
}

/** Every <img> on the page finished loading with real pixels (no broken diagrams). */
export async function expectImagesLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
  const broken = await page.evaluate(() =>
    Array.from(document.images)
      .filter((img) => img.naturalWidth === 0)
      .map((img) => img.src),
  );
  expect(broken, 'broken images').toEqual([]);
}

/** Every interactive element has an accessible name. */
export async function expectAccessibleNames(page: Page): Promise<void> {
  const unnamed = await page.evaluate(() => {
    const named = (el: Element): boolean => {
      const label = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? '';
      if (label.trim()) return true;
      const by = el.getAttribute('aria-labelledby');
      if (by && by.split(' ').some((id) => document.getElementById(id)?.textContent?.trim())) return true;
      if (el instanceof HTMLInputElement && el.labels && Array.from(el.labels).some((l) => l.textContent?.trim())) return true;
      if ((el.textContent ?? '').trim()) return true;
      return Array.from(el.querySelectorAll('img')).some((img) => img.alt.trim());
    };
    return Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [role="button"], [role="link"]'))
      .filter((el) => !named(el))
      .map((el) => el.outerHTML.slice(0, 120));
  });
  expect(unnamed, 'controls without an accessible name').toEqual([]);
}

/** Draws a rectangle on the page's board, `dx` pixels right of the first one (right of Excalidraw's style panel). */
export async function drawRectangle(page: Page, dx = 0): Promise<void> {
  const board = page.getByTestId('team-board');
  await board.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await board
    .getByTitle(/Rectangle/)
    .first()
    .click();
  const box = (await board.boundingBox())!;
  // Right of the style panel Excalidraw opens on the left while a shape tool is on.
  const x = box.x + 250 + dx * 0.7;
  await page.mouse.move(x, box.y + 150);
  await page.mouse.down();
  await page.mouse.move(x + 80, box.y + 230, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
}

/** A learner joins from a fresh browser context: the join link, a display name, Join room, online. */
export async function joinRoom(browser: Browser, joinUrl: string, name: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto(joinUrl);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: /Join room/ }).click();
  await expect(page.locator('main [data-status]').first()).toHaveAttribute('data-status', 'online');
  return page;
}

/**
 * Opens a saved file from file:// in a fresh context where every request but the file itself is refused and
 * recorded (`requests`): an export that "opens from a USB stick" must leave it empty.
 */
export async function openOffline(
  browser: Browser,
  path: string,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext(options);
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(path).toString());
  return { page, requests };
}
