/**
 * The MLOps lab in self-study, end to end in Chromium against the real host, with no room: the learner opens
 * /kit/lab, picks the fraud scenario, trains two runs (logistic regression and a tree), compares them (charts and
 * the diff table), registers and promotes one (the gate's checks shown), turns on maturity level 1 (monitoring),
 * advances days, injects a covariate drift, advances again and sees the drift alert; a reload replays the action
 * list kept in IndexedDB and shows the same lab; "Start over" with another seed clears it (and stays cleared). About 17 simulated days in all, to keep the run short.
 * Screenshots of each tab (light theme) and of the Runs tab in the dark theme.
 */
import { expect, screenshot, test } from './fixtures';
import { expectNoSeriousA11yViolations, useThemeIn } from './axe';
import type { Page } from '@playwright/test';

/** The worker has caught up: the lab is built and nothing is computing. */
async function idle(page: Page): Promise<void> {
  await expect(page.getByTestId('lab-status-day')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('lab-busy')).toHaveCount(0, { timeout: 60_000 });
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

test('self-study lab: train, compare, register, promote, monitor, drift, reload', async ({ page, consoleErrors, offsiteRequests }) => {
  test.setTimeout(240_000); // bounds a hang only: simulating days on a busy 2-core machine
  await useThemeIn(page, 'light');
  await page.goto('/kit/lab');
  await expect(page.getByRole('heading', { level: 1, name: 'MLOps lab' })).toBeVisible();
  await screenshot(page, 'lab-picker');
  await page.getByRole('link', { name: /Paylark/ }).click();
  await expect(page).toHaveURL(/\/kit\/lab\/fraud-paylark$/);
  await idle(page);
  await expect(page.getByTestId('lab-day')).toHaveText('0');
  await expect(tab(page, 'Production')).toHaveAttribute('aria-selected', 'true');

  // Two runs: logistic regression, then a tree.
  await tab(page, 'Runs').click();
  await expect(tab(page, 'Runs')).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Train the run' }).click();
  await expect(page.locator('[data-run="run-1"]')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Model', { exact: true }).selectOption('tree');
  await page.getByRole('button', { name: 'Train the run' }).click();
  await expect(page.locator('[data-run="run-2"]')).toBeVisible({ timeout: 60_000 });
  await idle(page);
  await expect(page.locator('[data-run="run-1"]')).toContainText('logistic');
  await expect(page.locator('[data-run="run-2"]')).toContainText('tree');

  // Sorting by AUC sets aria-sort on the header.
  await page.getByRole('button', { name: /^AUC/ }).click();
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('AUC');

  // Compare them side by side: charts and the diff table.
  await page.getByLabel('Compare run-1').check();
  await page.getByLabel('Compare run-2').check();
  await expect(page.getByTestId('lab-compare-charts').locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('lab-diff')).toContainText('differs');
  await expect(page.getByTestId('lab-diff').locator('tr', { hasText: 'Model' }).first()).toContainText('tree');
  await expectNoSeriousA11yViolations(page, '/kit/lab/fraud-paylark runs (light)');
  await screenshot(page, 'lab-runs', true);

  // Register run-1 and promote it through the gate.
  await page.getByRole('button', { name: 'Register run-1' }).click();
  await expect(page.locator('[data-run="run-1"]')).toContainText('v1');
  await tab(page, 'Registry').click();
  await page.getByRole('button', { name: 'Promote v1' }).click();
  await expect(page.getByTestId('lab-gate')).toContainText('The gate passed', { timeout: 60_000 });
  await expect(page.getByTestId('lab-gate')).toContainText('AUC');
  await expect(page.locator('[data-version="1"]')).toContainText('production');
  await expect(page.getByTestId('lab-lineage')).toContainText('run-1');
  await expectNoSeriousA11yViolations(page, '/kit/lab/fraud-paylark registry (light)');
  await screenshot(page, 'lab-registry', true);

  // Level 1 (monitoring on), a week of production, then a covariate drift and three more days.
  await tab(page, 'Production').click();
  await page.getByRole('radio', { name: /Level 1/ }).check();
  await idle(page);
  await expect(page.getByRole('radio', { name: /Level 1/ })).toBeChecked();
  await page.getByRole('button', { name: '+7 days' }).click();
  await expect(page.getByTestId('lab-day')).toHaveText('7', { timeout: 90_000 });
  await expect(page.getByTestId('lab-champion')).toContainText('v1');
  await page.getByRole('button', { name: /Merchant risk score rises by 1.5/ }).click();
  await expect(page.getByLabel('Kind')).toHaveValue('covariate');
  await page.getByRole('button', { name: 'Inject the incident' }).click();
  await page.getByLabel('Run to day').fill('10');
  await page.getByLabel('Speed').selectOption('1');
  await page.getByRole('button', { name: /Play to day 10/ }).click();
  await expect(page.getByTestId('lab-day')).toHaveText('10', { timeout: 90_000 });
  await idle(page);
  await expect(page.getByTestId('lab-alerts')).toContainText('drift');
  await expect(page.getByTestId('lab-alerts')).toContainText('Merchant risk score');
  await expect(page.getByRole('table').filter({ hasText: 'covariate' })).toContainText('day 7');
  await expectNoSeriousA11yViolations(page, '/kit/lab/fraud-paylark production (light)');
  await screenshot(page, 'lab-production', true);

  // A refused action is said in words, above the tabs.
  await page.getByRole('button', { name: 'Fix pipeline' }).click();
  await expect(page.getByTestId('lab-refusals')).toContainText('Nothing to fix');

  // The placeholders of the views wired in at merge time.
  for (const name of ['Pipeline', 'Monitoring', 'Explain']) {
    await tab(page, name).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
  }

  // A reload replays the list kept in IndexedDB: same day, same champion, same alert.
  await page.reload();
  await idle(page);
  await expect(page.getByTestId('lab-day')).toHaveText('10');
  await expect(page.getByTestId('lab-champion')).toContainText('v1');
  await expect(page.getByTestId('lab-alerts')).toContainText('Merchant risk score');
  await tab(page, 'Runs').click();
  await expect(page.locator('[data-run="run-2"]')).toBeVisible();

  // Start over (confirmed) with another seed: the list is cleared and the worker replays the empty list.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByLabel(/^Seed/).fill('2');
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByTestId('lab-status-day')).toHaveText('Day 0');
  await expect(page.getByTestId('lab-status')).toContainText('0 runs');
  await page.reload();
  await idle(page);
  await expect(page.getByLabel(/^Seed/)).toHaveValue('2');
  await expect(page.getByTestId('lab-status')).toContainText('0 runs');

  expect(offsiteRequests, 'requests to other origins').toEqual([]);
  expect(consoleErrors, 'console errors').toEqual([]);
});

test('the lab tabs work from the keyboard, and the Runs tab is axe-clean in the dark theme', async ({ page }) => {
  await useThemeIn(page, 'dark');
  await page.goto('/kit/lab/healthcare-northvale');
  await idle(page);
  await tab(page, 'Production').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Runs')).toBeFocused();
  await expect(tab(page, 'Runs')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(tab(page, 'Explain')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'lab-tab-runs');
  await page.getByRole('button', { name: 'Train the run' }).click();
  await page.getByLabel('Model', { exact: true }).selectOption('tree');
  await page.getByRole('button', { name: 'Train the run' }).click();
  await expect(page.locator('[data-run="run-2"]')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Compare run-1').check();
  await page.getByLabel('Compare run-2').check();
  await expect(page.getByTestId('lab-compare-charts').locator('svg.recharts-surface').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/kit/lab/healthcare-northvale runs (dark)');
  await screenshot(page, 'lab-runs-dark', true);
});
