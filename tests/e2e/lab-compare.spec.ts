/**
 * /kit/lab/compare (issue 16 §8): a DevOps-only team and an MLOps team on the same incident, side by side, with no
 * room. The comparison runs in the page's own worker on the real engine (Paylark, 10,000 payments a day, 60 days
 * for both teams — a few seconds); the page shows the headline numbers, the charts and each team's timeline, and
 * is axe-clean in both themes.
 */
import { expectNoSeriousA11yViolations, useThemeIn, type Theme } from './axe';
import { expect, expectAccessibleNames, screenshot, test } from './fixtures';

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`DevOps-only vs MLOps: the default incident, numbers and charts (${theme})`, async ({ page, consoleErrors, offsiteRequests }) => {
    test.setTimeout(180_000); // bounds a hang only: two 60-day simulations run in the page's worker
    await useThemeIn(page, theme);
    await page.goto('/kit/lab/compare');
    await expect(page.getByRole('heading', { level: 1, name: 'DevOps-only vs MLOps' })).toBeVisible();
    const summary = page.getByTestId('comparison-summary');
    await expect(summary).toBeVisible({ timeout: 120_000 });
    // Paylark's own plumbing incident, moved to day 21: the processor starts sending cents.
    await expect(summary).toContainText('upstream unit change on “amount” from day 21');
    // The DevOps-only team hears of it from complaints, a week after the cost rose; monitoring sees it on day 21.
    await expect(page.getByTestId('ttd-devops')).toContainText(/\d+ days \(complaints\)/);
    await expect(page.getByTestId('ttd-mlops')).toContainText(/0 days \((drift|validation|prediction-drift) alert\)/);
    await expect(page.getByTestId('total-devops')).toContainText(/EUR \d{1,3}(,\d{3})+/);
    const devops = Number((await page.getByTestId('extra-devops').innerText()).replace(/\D/g, ''));
    const mlops = Number((await page.getByTestId('extra-mlops').innerText()).replace(/\D/g, ''));
    expect(mlops).toBeLessThan(devops);
    await expect(page.getByTestId('comparison-status')).toContainText(/Simulated 60 days for both teams in \d+\.\d s/);
    // Both charts are drawn, two lines each (the drawing is a picture: the tables above carry the numbers).
    await expect(page.locator('.lab-compare-chart .recharts-line-curve')).toHaveCount(4);
    await expect(page.getByTestId('timeline-devops')).toContainText('Complaints arrive');
    await expect(page.getByTestId('timeline-mlops')).toContainText('the on-call engineer is paged');
    await expectAccessibleNames(page);
    await expectNoSeriousA11yViolations(page, `/kit/lab/compare (${theme})`);
    await screenshot(page, `lab-compare-${theme}`, true);
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
}

test('DevOps-only vs MLOps: another incident from the form', async ({ page, consoleErrors }) => {
  test.setTimeout(240_000);
  await page.goto('/kit/lab/compare');
  await expect(page.getByTestId('comparison-summary')).toBeVisible({ timeout: 120_000 });
  await page.getByLabel('Incident', { exact: true }).selectOption('pipelineBug');
  await page.getByLabel('Feature').selectOption('payments-24h');
  await page.getByLabel('Days simulated').selectOption('30');
  await page.getByLabel('Starts on day').fill('10');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('comparison-status')).toContainText('Simulated 30 days', { timeout: 120_000 });
  await expect(page.getByTestId('comparison-summary')).toContainText('feature-pipeline bug on “payments-24h” from day 10');
  await expect(page.getByTestId('timeline-mlops')).toContainText('Fixed the feature pipeline of "payments-24h"');
  expect(consoleErrors).toEqual([]);
});
