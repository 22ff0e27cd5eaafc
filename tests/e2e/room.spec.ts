/**
 * The room end to end in Chromium: a facilitator and three learners (by join URL and by room code) on a real
 * host; the roster updates live; a learner goes offline, edits, reloads, comes back and the edit reaches
 * everyone; the status indicator shows each state; ending the session makes it read-only for everyone.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, online, waitFor } from '../helpers/roomClients';
import { expect, screenshot, test } from './fixtures';

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'E2E room'] });
});
test.afterAll(async () => {
  await host?.stop();
});

async function learner(browser: Browser, name: string, how: 'url' | 'code'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const code = host.line.room as string;
  if (how === 'url') {
    await page.goto((host.line.joinUrls as string[])[0]!);
  } else {
    await page.goto(new URL('/join', host.url).toString());
    await page.getByLabel('Room code').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Your background').selectOption({ index: 2 });
  await page.getByRole('button', { name: `Join room ${code}` }).click();
  await expect(page).toHaveURL(new RegExp(`/room/${code}$`));
  await expect(page.locator('main [data-status]')).toHaveAttribute('data-status', 'online');
  return { context, page };
}

const notes = (page: Page) => page.getByLabel('Shared with everyone in the room');

test('facilitator and three learners: join, roster, offline edit with reload, status states, end of session', async ({ browser }) => {
  test.setTimeout(180_000); // bounds a hang only
  const code = host.line.room as string;
  const facilitatorContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const console_ = await facilitatorContext.newPage();
  await console_.goto(host.line.facilitatorUrl as string);
  await expect(console_.getByTestId('room-code')).toHaveText(code);
  await expect(console_).not.toHaveURL(/#key=/);
  await expect(console_.getByRole('img', { name: /QR code for http:\/\/127\.0\.0\.1:\d+\/join\// })).toBeVisible();

  const ada = await learner(browser, 'Ada', 'url');
  const bo = await learner(browser, 'Bo', 'code');
  const cy = await learner(browser, 'Cy', 'url');
  const roster = console_.getByTestId('roster');
  for (const name of ['Ada', 'Bo', 'Cy']) await expect(roster.locator('li[data-online="true"]', { hasText: name })).toBeVisible();
  await expect(console_.getByRole('heading', { name: /Roster · 3 online of 3/ })).toBeVisible();
  await screenshot(console_, 'room-console-roster');

  await notes(ada.page).fill('Challenge: nobody monitors the model.');
  for (const { page } of [bo, cy]) await expect(notes(page)).toHaveValue('Challenge: nobody monitors the model.');

  // The facilitator moves the room to a phase; every learner sees it.
  await console_.getByRole('button', { name: 'Start the first phase' }).click();
  await console_.getByRole('button', { name: 'Next phase' }).click();
  for (const { page } of [ada, bo, cy]) await expect(page.getByText('Explore · 45 min')).toBeVisible();
  await screenshot(ada.page, 'room-learner');

  // Bo loses the network, keeps working, reloads the page, and comes back.
  await bo.page.evaluate(() => navigator.serviceWorker?.ready);
  await bo.context.setOffline(true);
  await expect(bo.page.locator('main [data-status]')).toHaveAttribute('data-status', 'offline');
  await expect(bo.page.locator('main [data-status]')).toContainText('your work is saved on this device');
  await expect(roster.locator('li[data-online="false"]', { hasText: 'Bo' })).toBeVisible();
  await notes(bo.page).fill('Challenge: nobody monitors the model.\nSolution: drift alerts (written offline).');
  // A question asked offline is a command: kept on the device like an edit, through the reload.
  await bo.page.getByLabel('Ask a question').fill('Who owns the model after launch?');
  await bo.page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(bo.page.locator('main [data-status]')).toContainText(/edits? waiting to sync/);
  await screenshot(bo.page, 'room-learner-offline');
  await bo.page.reload();
  await expect(notes(bo.page)).toHaveValue(/written offline/);
  await expect(bo.page.locator('main [data-status]')).toHaveAttribute('data-status', 'offline');
  await expect(ada.page.getByLabel('Shared with everyone in the room')).not.toHaveValue(/written offline/);
  await bo.context.setOffline(false);
  await expect(bo.page.locator('main [data-status]')).toHaveAttribute('data-status', 'online');
  await expect(bo.page.locator('main [data-status]')).toHaveText('Synced with the room');
  for (const { page } of [ada, cy]) await expect(notes(page)).toHaveValue(/Solution: drift alerts \(written offline\)\./);
  await expect(roster.locator('li[data-online="true"]', { hasText: 'Bo' })).toBeVisible();
  await expect(ada.page.getByTestId('learner-qa')).toContainText('Who owns the model after launch?');

  // A late joiner lands on the current state.
  const dee = await learner(browser, 'Dee', 'code');
  await expect(notes(dee.page)).toHaveValue(/written offline/);
  await expect(dee.page.getByText('Explore · 45 min')).toBeVisible();

  // Ending the session: everyone sees it, and the notes become read-only.
  await console_.goto(new URL('/console', host.url).toString());
  await console_.getByRole('button', { name: 'End E2E room' }).click();
  for (const { page } of [ada, bo, cy, dee]) {
    await expect(page.locator('main [data-status]')).toHaveAttribute('data-status', 'ended');
    await expect(notes(page)).toHaveAttribute('readonly', '');
  }
  await screenshot(ada.page, 'room-ended');
  await screenshot(console_, 'console-sessions');
  for (const c of [ada, bo, cy, dee]) await c.context.close();
  await facilitatorContext.close();
});

test('a wrong room code gets a clear message', async ({ page }) => {
  await page.goto('/join');
  await page.getByLabel('Room code').fill('123');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('6 letters and digits');
  await page.goto('/join/ZZZZZZ');
  await page.getByLabel('Display name').fill('Lost');
  await page.getByRole('button', { name: 'Join room ZZZZZZ' }).click();
  await expect(page.locator('main [data-status]')).toHaveAttribute('data-status', 'refused');
  await expect(page.locator('main [data-status]')).toContainText('no session with room code ZZZZZZ');
});

test('a rejoin code is shown only on request, and using it elsewhere asks this device first', async ({ browser }) => {
  test.setTimeout(120_000); // bounds a hang only
  const host = await startHostProcess({ args: ['--session', 'E2E rejoin'] }); // its own session (the first test ends its)
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const code = host.line.room as string;
  await page.goto((host.line.joinUrls as string[])[0]!);
  await page.getByLabel('Display name').fill('Eve');
  await page.getByRole('button', { name: `Join room ${code}` }).click();
  await expect(page.locator('main [data-status]')).toHaveAttribute('data-status', 'online');
  await expect(page.getByTestId('rejoin-code')).toHaveCount(0); // not on the screen until asked for
  await page.getByRole('button', { name: 'Show my rejoin code' }).click();
  const rejoinCode = (await page.getByTestId('rejoin-code').textContent())!;

  // Someone else types the code: Eve's screen asks; she says no; they get nothing.
  const stranger = connectClient(host.url, code, { rejoinCode });
  const prompt = page.getByTestId('move-request');
  await expect(prompt).toBeVisible();
  await screenshot(page, 'room-rejoin-confirm');
  await prompt.getByRole('button', { name: 'No, it is not me' }).click();
  await waitFor(() => stranger.status === 'refused', 'the stranger is refused');
  expect(stranger.lastError?.reason).toBe('move-declined');
  await expect(prompt).toBeHidden();
  await expect(page.locator('main [data-status]')).toHaveAttribute('data-status', 'online');

  // Eve herself on her tablet: she says yes; the tablet is Eve, this browser becomes read-only.
  const tablet = connectClient(host.url, code, { rejoinCode });
  await prompt.getByRole('button', { name: 'Yes, continue on the other device' }).click();
  await online(tablet);
  await expect(page.locator('main [data-status]')).toHaveAttribute('data-status', 'moved');
  expect(tablet.welcome!.rejoinCode).not.toBe(rejoinCode);
  stranger.close();
  tablet.close();
  await context.close();
  await host.stop();
});
