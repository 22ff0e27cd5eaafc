/**
 * The kit browser, end to end in Chromium against the real host: every route renders (no error, no broken
 * image, no request to another origin, no serious or critical axe-core violation in the light theme — the dark
 * theme's pass is kit-dark.spec.ts), is screenshotted for review, and the main interactions work.
 */
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentPack } from '../../shared/content/schema';
import { loadContentDir } from '../../electron/host/contentLoader';
import { startHostProcess } from '../helpers/hostProcess';
import { SCREENSHOTS, expect, expectAccessibleNames, expectImagesLoaded, screenshot, test } from './fixtures';
import { kitRoutes } from './routes';
import { expectNoSeriousA11yViolations, useThemeIn } from './axe';

async function loadPack(url: string): Promise<ContentPack> {
  const res = await fetch(new URL('content/pack.json', url));
  const body = (await res.json()) as { ok: boolean; pack: ContentPack };
  if (!body.ok) throw new Error('the content pack served by the host is invalid: run npm run content:check');
  return body.pack;
}

// The routes come from the same content folder the host serves (checked below against the served pack), so each
// route is its own test with its own budget: a slow or broken route is named instead of timing out the lot.
const localPack = await loadContentDir('content');
if (!localPack.ok) throw new Error('the content pack is invalid: run npm run content:check');
const routes = kitRoutes(localPack.pack);

test.describe('every route', () => {
  test('the routes cover the pack the host serves', async ({ host }) => {
    const served = kitRoutes(await loadPack(host.url));
    expect(served.map((r) => r.path)).toEqual(routes.map((r) => r.path));
    expect(routes.length).toBeGreaterThan(60);
  });

  for (const route of routes) {
    test(`${route.path} renders with no request to another origin, no console error, no broken image, axe-clean`, async ({
      page,
      offsiteRequests,
      consoleErrors,
    }) => {
      await useThemeIn(page, 'light');
      await page.goto(route.path);
      await expect(page.locator('main h1').first()).toBeVisible();
      await expect(page.getByText('No such')).toHaveCount(0);
      await expectImagesLoaded(page);
      await screenshot(page, route.name);
      await expectNoSeriousA11yViolations(page, `${route.path} (light)`);
      expect(offsiteRequests, 'requests to other origins').toEqual([]);
      expect(consoleErrors, 'console errors').toEqual([]);
    });
  }

  test('every control has an accessible name on the main pages', async ({ page }) => {
    for (const path of [
      '/',
      '/kit/agenda',
      '/kit/phases/engage',
      '/kit/concepts',
      '/kit/decks/explain-deck',
      '/kit/worksheets/devops-vs-mlops-worksheet',
      '/kit/polls',
    ]) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      await expectAccessibleNames(page);
    }
  });
});

test('home shows the lesson: title, audience, duration, objectives with Bloom levels, agenda', async ({ page, host }) => {
  const pack = await loadPack(host.url);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pack.lesson.title);
  await expect(page.getByText(/Professional software engineers/).first()).toBeVisible();
  const objectives = page.locator('#objectives tbody tr');
  await expect(objectives).toHaveCount(4);
  for (const o of pack.lesson.objectives) await expect(page.locator('#objectives')).toContainText(o.bloom);
  const segments = page.locator('.timeline-seg');
  await expect(segments).toHaveCount(5);
  await expect(segments).toHaveText([/Engage\s*30 min/, /Explore\s*45 min/, /Explain\s*45 min/, /Elaborate\s*45 min/, /Evaluate\s*15 min/]);
});

test('a phase page has every section of the plan and its run-of-show', async ({ page }) => {
  await page.goto('/kit/phases/explore');
  for (const heading of [
    'Facilitator actions',
    'Learner activities',
    'Resources',
    'Differentiation',
    'Technology integration',
    'Run of show',
  ]) {
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
  await expect(page.locator('.ros-step').first()).toBeVisible();
  await page
    .getByRole('link', { name: /Explain/ })
    .last()
    .click();
  await expect(page).toHaveURL(/\/kit\/phases\/explain$/);
});

test('the diagrams page lists the board pieces teams find in their whiteboard library, linked to concepts', async ({ page }) => {
  await page.goto('/kit/diagrams');
  const pieces = page.getByTestId('board-pieces');
  await expect(pieces.getByRole('heading', { level: 3 })).toHaveText([
    'Pipeline stage',
    'Data source',
    'Feature store',
    'Model registry',
    'Monitor',
    'Human in the loop',
    'Experiment tracking',
    'Model serving',
    'Retraining trigger',
    'Trust boundary',
    'Validation gate',
    'Fallback',
    'Alert and on-call',
  ]);
  await pieces.locator('#piece-feature-store').getByRole('link', { name: 'Feature store', exact: true }).click();
  await expect(page).toHaveURL(/\/kit\/concepts\/feature-stores$/);
});

test('glossary search narrows the concepts and says when nothing matches', async ({ page }) => {
  await page.goto('/kit/concepts');
  const items = page.locator('.glossary > li');
  await expect(items).toHaveCount(10);
  await page.getByRole('searchbox', { name: 'Search concepts' }).fill('drift');
  await expect(items.first()).toContainText('drift');
  expect(await items.count()).toBeLessThan(10);
  await screenshot(page, 'concepts-search-drift');
  await page.getByRole('searchbox', { name: 'Search concepts' }).fill('qwertyzzz');
  await expect(items).toHaveCount(0);
  await expect(page.getByText('No concept matches')).toBeVisible();
});

test('the glossary: 30+ terms, searchable; the first use of a term on a page links to its entry; facts cite sources', async ({ page }) => {
  await page.goto('/kit/glossary');
  const terms = page.locator('.glossary-term');
  expect(await terms.count()).toBeGreaterThanOrEqual(30);
  await page.getByRole('searchbox', { name: 'Search the glossary' }).fill('holdout');
  await expect(terms.first()).toContainText('holdout');
  expect(await terms.count()).toBeLessThan(5);
  await screenshot(page, 'glossary-search-holdout');
  await page.getByRole('searchbox', { name: 'Search the glossary' }).fill('qwertyzzz');
  await expect(terms).toHaveCount(0);
  await expect(page.getByText('No term matches')).toBeVisible();

  // On a concept page, "label shift" is linked once (its first use), and the link lands on the entry.
  await page.goto('/kit/concepts/model-drift');
  const links = page.locator('main a.glossary-link[href="/kit/glossary#term-label-shift"]');
  await expect(links).toHaveCount(1);
  await links.click();
  await expect(page).toHaveURL(/\/kit\/glossary#term-label-shift$/);
  await expect(page.locator('#term-label-shift')).toHaveClass(/is-target/);
  await expect(page.locator('#term-label-shift')).toContainText('flu');
  await screenshot(page, 'glossary-term-label-shift');

  // Changed facts carry their sources where they appear.
  await page.goto('/kit/tools/kserve-seldon');
  await expect(page.locator('#sources')).toContainText('kserve/kserve#4608');
  await page.goto('/kit/decks/explain-deck/explain-governance');
  await expect(page.getByTestId('sources')).toContainText('Digital Omnibus');
});

test('keyboard: skip link, focus is visible, slides move with the arrow keys', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  await page.goto('/kit/decks/explain-deck');
  await expect(page.getByText('Slide 1 of')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Slide 2 of')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByText('Slide 1 of')).toBeVisible();
});

test('dark theme is remembered across reloads', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, 'home-dark');
  await page.goto('/kit/phases/engage');
  await screenshot(page, 'phase-engage-dark');
  await page.goto('/kit/decks/explain-deck/' + 'x');
  await screenshot(page, 'slides-dark');
});

test('the facilitator guide prints to a clean PDF', async ({ page }) => {
  await page.goto('/kit/guide');
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  const path = `${SCREENSHOTS}/facilitator-guide.pdf`;
  await page.pdf({ path, format: 'A4', printBackground: true });
  expect(statSync(path).size).toBeGreaterThan(50_000);
  const pdf = readFileSync(path, 'latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThan(8);
  await page.goto('/kit/handout');
  await page.pdf({ path: `${SCREENSHOTS}/learner-handout.pdf`, format: 'A4', printBackground: true });
});

test('a broken content file shows an error page naming the file and the field, not a blank screen', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'wk-e2e-content-'));
  cpSync('content', dir, { recursive: true });
  const file = join(dir, 'phases', 'explain.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^minutes: 45$/m, 'minutes: forty-five'));
  const broken = await startHostProcess({ args: ['--content', dir] });
  try {
    await page.goto(broken.url);
    await expect(page.getByRole('heading', { name: 'The lesson content has problems' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'content/phases/explain.yaml' }).first();
    await expect(row).toContainText('minutes');
    await screenshot(page, 'content-error');
  } finally {
    await broken.stop();
  }
});

test('the ML Test Score self-assessment: marks give section scores, the final score is the weakest section with its band, kept on the device, reset', async ({
  page,
  consoleErrors,
}) => {
  const rubric = localPack.pack.mltestscore[0]!;
  const [data, model, infra, monitoring] = rubric.categories;
  const mark = (testTitle: string, choice: 'Not done' | 'Manual (0.5)' | 'Automated (1)') =>
    page.getByRole('radiogroup', { name: testTitle, exact: true }).getByRole('radio', { name: choice }).check();
  await page.goto(`/kit/ml-test-score/${rubric.id}`);
  await expect(page.getByTestId('mts-final')).toHaveText('0');
  await expect(page.getByTestId('mts-band')).toContainText('More of a research project');
  await expectAccessibleNames(page);

  for (const t of data!.tests) await mark(t.title, 'Automated (1)'); // 7
  for (const t of model!.tests.slice(0, 4)) await mark(t.title, 'Manual (0.5)'); // 2
  for (const t of infra!.tests.slice(0, 3)) await mark(t.title, 'Automated (1)'); // 3
  await mark(monitoring!.tests[0]!.title, 'Automated (1)');
  await mark(monitoring!.tests[1]!.title, 'Manual (0.5)'); // 1.5
  await mark(monitoring!.tests[2]!.title, 'Not done');

  const sections = page.getByTestId('mts-sections');
  await expect(sections.locator('tbody tr')).toHaveText([
    `${data!.name}7 / 7`,
    `${model!.name}2 / 7`,
    `${infra!.name}3 / 7`,
    `${monitoring!.name}1.5 / 7`,
  ]);
  await expect(page.getByTestId('mts-final')).toHaveText('1.5');
  await expect(page.getByTestId('mts-band')).toContainText('1.5–2');
  await expect(page.getByTestId('mts-band')).toContainText('first pass at basic productionization');
  await expect(page.getByTestId('mts-progress')).toHaveText(`17 of 28 tests marked`);
  // The bars are drawn (SVG, one rectangle per section) and hidden from screen readers, which get the table.
  await expect(sections.locator('.recharts-bar-rectangle')).toHaveCount(4);
  await expect(sections.locator('.chart-drawing')).toHaveAttribute('aria-hidden', 'true');
  await page.locator('#your-score').scrollIntoViewIfNeeded();
  await screenshot(page, 'ml-test-score-marked');
  await page.locator(`#${monitoring!.id}`).screenshot({ path: `${SCREENSHOTS}/ml-test-score-tests.png` });

  // Kept on this device.
  await page.reload();
  await expect(page.getByTestId('mts-final')).toHaveText('1.5');
  await expect(
    page.getByRole('radiogroup', { name: model!.tests[0]!.title, exact: true }).getByRole('radio', { name: 'Manual (0.5)' }),
  ).toBeChecked();

  // Raising the weakest section raises the score: monitoring to 3.5 gives min(7, 2, 3, 3.5) = 2.
  for (const t of monitoring!.tests.slice(2, 4)) await mark(t.title, 'Automated (1)');
  await expect(page.getByTestId('mts-final')).toHaveText('2');

  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByTestId('mts-final')).toHaveText('0');
  await expect(page.getByTestId('mts-progress')).toHaveText('0 of 28 tests marked');
  await page.reload();
  await expect(page.getByTestId('mts-final')).toHaveText('0');
  expect(consoleErrors, 'console errors').toEqual([]);
});
