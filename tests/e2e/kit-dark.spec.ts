/**
 * Every kit route in the dark theme has no serious or critical axe-core violation (issue 14, point 6); the light
 * theme is checked in kit.spec.ts's per-route test, which also checks that each route renders. One visit per
 * route, in batches that share one page (a fresh browser context per route would cost more than the check):
 * each route's violations are reported (soft assertions), so a batch names every failing route, not the first.
 */
import { loadContentDir } from '../../electron/host/contentLoader';
import { expect, test } from './fixtures';
import { kitRoutes } from './routes';
import { expectNoSeriousA11yViolations, useThemeIn } from './axe';

const localPack = await loadContentDir('content');
if (!localPack.ok) throw new Error('the content pack is invalid: run npm run content:check');
const routes = kitRoutes(localPack.pack);
const BATCH = 15;

test.describe('every route, dark theme', () => {
  for (let i = 0; i < routes.length; i += BATCH) {
    const batch = routes.slice(i, i + BATCH);
    test(`routes ${i + 1}-${i + batch.length} of ${routes.length} (${batch[0]!.path} …) are axe-clean in dark`, async ({ page }) => {
      test.setTimeout(BATCH * 30_000); // bounds a hang only
      await useThemeIn(page, 'dark');
      for (const route of batch) {
        await page.goto(route.path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
        await expect(page.locator('main h1').first()).toBeVisible();
        await expectNoSeriousA11yViolations(page, `${route.path} (dark)`, { soft: true });
      }
    });
  }
});
