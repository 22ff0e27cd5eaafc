/**
 * Cues that reach people, and a room that comes first (issue 14, points 1, 2 and the home page's join field): on a
 * real host, a learner scrolled deep into the room page still has the phase change countdown and "5 minutes left"
 * in the viewport (pinned cue bar); the projector shows both, large; a 390×844 learner sees the pushed poll without
 * scrolling; a late joiner is not shown a message that expired before they joined; a learner who opens the host's
 * address (/) joins with the room code typed on the home page.
 *
 * The phase change is announced by a Node facilitator client with a long grace period (a minute, not the console's
 * 8 s), so the checks made during it never race the clock on a busy machine; the console's own 8 s announcement is
 * covered by live.spec.ts.
 */
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, online } from '../helpers/roomClients';
import type { RoomClient } from '../../shared/sync/roomClient';
import { BOARD_CHUNK_TIMEOUT, expect, screenshot, test, joinRoom } from './fixtures';

test.describe.configure({ mode: 'serial' });

let host: HostProcess;
let code: string;
let key: string;
let facilitator: RoomClient;
let consolePage: Page;
let presenter: Page;
let laptop: Page;
let phone: Page;
const contexts: BrowserContext[] = [];

async function joinAs(browser: Browser, name: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await joinRoom(browser, (host.line.joinUrls as string[])[0]!, name, { viewport });
  contexts.push(page.context());
  return page;
}

/** The element's box lies wholly inside the page's viewport (no scrolling needed to see it). */
async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const viewport = page.viewportSize()!;
  await expect(async () => {
    const box = (await locator.boundingBox())!;
    expect(box, 'element has a box').not.toBeNull();
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  }).toPass({ timeout: 10_000 });
}

test.beforeAll(async ({ browser }) => {
  host = await startHostProcess({ args: ['--session', 'Cues e2e'] });
  code = host.line.room as string;
  key = new URL(host.line.facilitatorUrl as string).hash.replace('#key=', '');
  facilitator = connectClient(host.url, code, { secret: key });
  await online(facilitator);
  await facilitator.whenSynced('session');
  const facilitatorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(facilitatorContext);
  consolePage = await facilitatorContext.newPage();
  presenter = await facilitatorContext.newPage();
  await presenter.setViewportSize({ width: 1920, height: 1080 });
});
test.afterAll(async () => {
  facilitator?.close();
  for (const c of contexts) await c.close();
  await host?.stop();
});

test('a learner scrolled down the room page sees the phase change and "5 minutes left" in view; so does the projector', async ({
  browser,
}) => {
  await consolePage.goto(host.line.facilitatorUrl as string);
  await expect(consolePage.getByTestId('room-code')).toHaveText(code);
  await presenter.goto(`${host.url}present/${code}#key=${key}`);
  await consolePage.getByRole('button', { name: 'Start the first phase' }).click();
  laptop = await joinAs(browser, 'Lena', { width: 1280, height: 720 });
  await expect(laptop.getByTestId('now-card')).toContainText('Engage');

  // Deep in the page: the room notes at the top of the screen, everything before them scrolled away.
  await laptop.locator('#room-notes-text').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await laptop.getByLabel('Shared with everyone in the room').fill('Our notes, long enough to be reading them.');
  await expect(laptop.getByTestId('now-card')).not.toBeInViewport();

  // Announced with a minute's grace (see the header), exactly as the console writes it.
  facilitator
    .doc('session')
    .getMap('state')
    .set('pending', { phase: 'explore', at: facilitator.hostNow() + 60_000 });
  await expectInViewport(laptop, laptop.getByTestId('moving-banner'));
  await expect(laptop.getByTestId('moving-banner')).toContainText(/Moving to Explore in \d+ s/);
  await expect(presenter.getByTestId('presenter-moving')).toContainText(/Moving to Explore in \d+ s/);

  await consolePage.getByRole('button', { name: '5 minutes left' }).click();
  await expectInViewport(laptop, laptop.getByTestId('broadcast'));
  await expect(laptop.getByTestId('broadcast')).toContainText('5 minutes left');
  await expect(presenter.getByTestId('presenter-message')).toHaveText('5 minutes left');
  await expectInViewport(presenter, presenter.getByTestId('presenter-message'));
  await screenshot(laptop, 'cues-learner-laptop');
  await screenshot(presenter, 'cues-projector-announcement');

  // Undone: the countdown goes, on every screen, and the learner is told the room stays.
  facilitator.doc('session').getMap('state').set('pending', null);
  await expect(laptop.getByTestId('moving-banner')).toHaveCount(0);
  await expect(laptop.getByTestId('moving-undone')).toContainText('staying in Engage');
  await expect(presenter.getByTestId('presenter-moving')).toHaveCount(0);

  // A message for learners only ("Bring everyone back") stays off the projector.
  facilitator
    .doc('session')
    .getMap('state')
    .set('broadcast', { text: 'Back to the room, please.', at: facilitator.hostNow(), learnersOnly: true });
  await expect(laptop.getByTestId('broadcast')).toContainText('Back to the room, please.');
  await expect(presenter.getByTestId('presenter-message')).toHaveCount(0);
});

test('a 390×844 learner sees the pushed poll without scrolling, the kit behind a Menu button', async ({ browser }) => {
  phone = await joinAs(browser, 'Pip', { width: 390, height: 844 });
  const menu = phone.getByRole('button', { name: 'Menu', exact: true });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(phone.getByRole('navigation', { name: 'Kit' })).toBeHidden();

  await consolePage
    .getByRole('group', { name: 'Poll or quiz to open' })
    .getByRole('radio', { name: /^engage\b/ })
    .first()
    .check();
  await consolePage.getByRole('button', { name: 'Open poll and push it' }).click();
  const poll = phone.locator('form[data-testid^="poll-"]');
  await expectInViewport(phone, poll);
  await expectInViewport(phone, poll.getByRole('button', { name: 'Send answer' }));
  const send = (await poll.getByRole('button', { name: 'Send answer' }).boundingBox())!;
  expect(send.height, 'tap target at least 44 px').toBeGreaterThanOrEqual(44);
  await screenshot(phone, 'cues-learner-phone');

  // The menu is a real disclosure: opens, shows the kit, Escape closes it and focus returns to the button.
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(phone.getByRole('navigation', { name: 'Kit' }).getByRole('link', { name: 'Agenda' })).toBeVisible();
  await phone.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();

  // The room board on a phone: a read-only picture, the note, and the way to open the whole board anyway.
  await phone.getByText("The whole room's brainstorm board").click();
  await expect(phone.getByTestId('board-phone')).toContainText('open it on a larger screen');
  await expect(phone.getByTestId('team-board')).toHaveCount(0);
  await phone.getByRole('button', { name: 'Open the board here anyway' }).click();
  await expect(phone.getByTestId('team-board')).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
});

test('a late joiner is not shown a message that expired before they joined', async ({ browser }) => {
  // A message sent three minutes ago (host time), as the console writes it: already over for everyone.
  facilitator
    .doc('session')
    .getMap('state')
    .set('broadcast', { text: 'Old news from three minutes ago', at: facilitator.hostNow() - 3 * 60_000 });
  await expect(laptop.getByTestId('broadcast')).toHaveCount(0);
  const late = await joinAs(browser, 'Late Lou', { width: 1280, height: 720 });
  // Synced: the session document has reached the page (the pushed poll is there), and still no message.
  await expect(late.locator('form[data-testid^="poll-"]')).toBeVisible();
  await expect(late.getByTestId('cue-bar')).toBeAttached();
  await expect(late.getByTestId('broadcast')).toHaveCount(0);
  await expect(late.getByText('Old news from three minutes ago')).toHaveCount(0);
  // A message sent now reaches the late joiner at once.
  await consolePage.getByRole('button', { name: '10 minutes left' }).click();
  await expect(late.getByTestId('broadcast')).toContainText('10 minutes left');
});

test("a learner who opens the host's address joins with the room code from the home page", async ({ browser }) => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(host.url);
    const field = page.getByLabel('Room code');
    await expectInViewport(page, field);
    await expectInViewport(page, page.getByTestId('home-join').getByRole('button', { name: 'Continue' }));
    if (viewport.width === 390) {
      await screenshot(page, 'home-join');
      await field.fill(code.toLowerCase());
      await page.getByTestId('home-join').getByRole('button', { name: 'Continue' }).click();
      await expect(page).toHaveURL(new RegExp(`/join/${code}$`));
      await page.getByLabel('Display name').fill('Walk-in Wen');
      await page.getByRole('button', { name: `Join room ${code}` }).click();
      await expect(page).toHaveURL(new RegExp(`/room/${code}$`));
      await expect(page.locator('main [data-status]')).toHaveAttribute('data-status', 'online');
    }
  }
});
