/**
 * Every kit route in the dark theme has no serious or critical axe-core violation (issue 14, point 6); the light
 * theme is checked in kit.spec.ts's per-route test, which also checks that each route renders. One visit per route.
 */
import { loadContentDir } from '../../electron/host/contentLoader';
import { expect, test } from './fixtures';
import { kitRoutes } from './routes';
import { expectNoSeriousA11yViolations, useThemeIn } from './axe';

const localPack = await loadContentDir('content');
if (!localPack.ok) throw new Error('the content pack is invalid: run npm run content:check');

test.describe('every route, dark theme', () => {
  for (const route of kitRoutes(localPack.pack)) {
    test(`${route.path} (dark) is axe-clean`, async ({ page }) => {
      await useThemeIn(page, 'dark');
      await page.goto(route.path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expect(page.locator('main h1').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, `${route.path} (dark)`);
    });
  }
});
