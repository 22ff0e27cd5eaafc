/**
 * The console's Room check (issue 14, point 5) on the real host: it lists this machine's addresses with their
 * result and the learner check. The host in the e2e run listens on loopback only, so any LAN address of the machine
 * is reported as not listening, with the fix — the same check that catches a wrongly bound host in a classroom.
 */
import { expect, screenshot, test } from './fixtures';

test('the Room check on the sessions page shows each address, the fix and the learner check', async ({ page, host }) => {
  await page.goto(host.line.consoleUrl as string);
  const check = page.getByTestId('room-check');
  await check.getByText('Room check: can learners reach this laptop?').click();
  const report = check.getByTestId('room-check-report');
  await expect(report).toBeVisible();
  await expect(check.getByTestId('learner-check')).toHaveAttribute('data-seen', 'false');
  await expect(check).toContainText('Discovery (mDNS): off');
  // Every address the machine has is listed; on a host bound to loopback, none of them is listening.
  const rows = report.locator('tbody tr');
  const count = await rows.count();
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toHaveAttribute('data-outcome', 'refused');
  if (count > 0) {
    await expect(report).toHaveAttribute('data-ok', 'false');
    await expect(check).toContainText('(it is bound to 127.0.0.1)');
    await expect(check).toContainText('--bind 0.0.0.0');
  }
  await screenshot(page, 'console-room-check', true);
});
