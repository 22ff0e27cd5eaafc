/**
 * The lab's Pipeline, Monitoring and Explain screens (issue 16, points 5–7) on the preview route
 * /kit/lab-views-preview: a fixed lab (level 1, a promoted model, 20 days, an injected covariate drift, 15 more days)
 * replayed in the page. Checks what each screen shows and that its controls change the lab, keyboard access to the
 * pipeline graph's nodes, the hindsight toggle, axe in both themes, and takes the screenshots to look at.
 * The route may later be swapped for the real /kit/lab (the screens take the same LabApi).
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessibleNames, screenshot, test } from './fixtures';
import { expectNoSeriousA11yViolations, useThemeIn, type Theme } from './axe';

const PREVIEW = '/kit/lab-views-preview';

async function openPreview(page: Page, theme: Theme): Promise<void> {
  await useThemeIn(page, theme);
  await page.goto(PREVIEW);
  // The lab is replayed on the main thread (35 days at 2,000 rows): bounded generously, never timed.
  await expect(page.getByTestId('lab-views-preview')).toHaveAttribute('data-day', '35', { timeout: 60_000 });
  await expect(page.getByTestId('pipeline-graph').locator('.react-flow__node')).toHaveCount(8);
}

async function shoot(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  await page.getByTestId(testId).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, name);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the three lab screens render, are axe-clean and named (${theme})`, async ({ page, consoleErrors, offsiteRequests }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openPreview(page, theme);
    await expect(page.getByRole('heading', { name: 'Pipeline', level: 2 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Monitoring', level: 2 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Explain', level: 2 })).toBeVisible();
    await expect(page.getByTestId('monitoring-drift-chart').locator('svg.recharts-surface')).toBeVisible();
    await expect(page.getByTestId('explain-waterfall')).toBeVisible();
    await screenshot(page, `lab-views-top-${theme}`);
    await shoot(page, 'pipeline-graph', `lab-views-pipeline-${theme}`);
    await shoot(page, 'monitoring-drift-chart', `lab-views-monitoring-${theme}`);
    await shoot(page, 'monitoring-quality-chart', `lab-views-quality-${theme}`);
    await shoot(page, 'explain-waterfall', `lab-views-explain-${theme}`);
    await shoot(page, 'explain-subgroups', `lab-views-fairness-${theme}`);
    await expectAccessibleNames(page);
    await expectNoSeriousA11yViolations(page, `lab views preview (${theme})`);
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
}

test('pipeline: nodes are reached by keyboard; steps, triggers and deploy mode change the lab', async ({ page }) => {
  await openPreview(page, 'light');
  // Level 1 preset: train on a 14-day schedule; the run promoted on day 0 passed the gate.
  await expect(page.getByTestId('pipeline-trigger-summary')).toContainText('every 14 days');
  const evaluate = page.getByRole('button', { name: /^Evaluate On promotion gate/ });
  await evaluate.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('pipeline-step-panel');
  await expect(panel.getByRole('heading', { level: 3 })).toContainText('Evaluate');
  await expect(panel).toContainText('v1 passed');
  // Bypassing the feature store: the node and the panel say so, with the leak warning.
  await page.getByRole('switch', { name: 'Build features step on' }).uncheck();
  await expect(page.getByRole('button', { name: /^Build features Off bypassed/ })).toBeVisible();
  await page.getByRole('button', { name: 'Build features', exact: true }).click();
  await expect(page.getByTestId('pipeline-leak-warning')).toContainText('training/serving skew');
  // Level 2: continuous training draws the monitor → train loop.
  await page.getByRole('radio', { name: /Level 2/ }).check();
  await expect(page.getByTestId('pipeline-trigger-summary')).toContainText('continuous training');
  await expect(page.getByTestId('pipeline-graph').getByText(/alert → retrain \(cooldown 7 d\)/)).toBeVisible();
  await page.getByRole('spinbutton', { name: 'Every' }).fill('5');
  await page.getByRole('button', { name: 'Set schedule' }).click();
  await expect(page.getByTestId('pipeline-trigger-summary')).toContainText('every 5 days');
  await page.getByRole('radio', { name: /Canary/ }).check();
  await expect(page.getByRole('button', { name: /^Deploy On automatic \(canary\)/ })).toBeVisible();
  await expect(page.getByTestId('pipeline-deploy-honest')).toContainText('Canary: the challenger runs beside the champion');
});

test('monitoring: alerts from the injected drift, hindsight only behind its toggle, flying blind without the monitor', async ({ page }) => {
  await openPreview(page, 'light');
  await expect(page.getByTestId('monitoring-alerts')).toContainText('feature drift');
  await expect(page.getByTestId('monitoring-seen-cost')).toContainText(/\d/);
  await expect(page.getByTestId('monitoring-incidents')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show hindsight (debrief)' }).click();
  await expect(page.getByTestId('monitoring-incidents')).toContainText('preview: injected covariate drift');
  await page.getByRole('button', { name: 'Hide hindsight' }).click();
  await expect(page.getByTestId('monitoring-incidents')).toHaveCount(0);
  await page.getByRole('switch', { name: 'Monitor step on' }).uncheck();
  await expect(page.getByTestId('monitoring-blind')).toContainText('flying blind');
  await expect(page.getByTestId('monitoring-drift-chart')).toHaveCount(0);
  await shoot(page, 'monitoring-blind', 'lab-views-monitoring-blind');
  await expect(page.getByTestId('monitoring-alerts')).toHaveCount(0);
});

test('explain: a prediction’s contributions for a chosen row, importance and quality by subgroup (Northvale age bands)', async ({
  page,
}) => {
  await useThemeIn(page, 'light');
  await page.goto(`${PREVIEW}?scenario=healthcare-northvale`);
  await expect(page.getByTestId('lab-views-preview')).toHaveAttribute('data-day', '35', { timeout: 60_000 });
  const waterfall = page.getByTestId('explain-waterfall');
  await expect(waterfall).toContainText('Base (average case)');
  await expect(waterfall).toContainText('years');
  const first = await waterfall.locator('table').innerText();
  await page.getByRole('button', { name: 'Next row' }).click();
  await expect(waterfall).toHaveAttribute('aria-label', /row 1 on day 34/);
  expect(await waterfall.locator('table').innerText()).not.toBe(first);
  await expect(page.getByTestId('explain-importance')).toContainText('Oxygen saturation');
  const groups = page.getByTestId('explain-subgroups');
  for (const band of ['18–39', '40–64', '65 and over']) await expect(groups.getByRole('rowheader', { name: band })).toBeVisible();
  await expect(page.getByRole('link', { name: 'safety & ethics discussion' })).toHaveAttribute('href', '/kit/ethics');
  await shoot(page, 'explain-subgroups', 'lab-views-fairness-northvale');
});
