/**
 * The facilitator console is complete (issue 14, point 3): the sticky bar with the clock and run-of-show controls
 * stays in view while the console scrolls; a raised hand shows on the roster in words and the facilitator lowers
 * it; browsing the slide list with ↓ pushes nothing until "Push slide"; the projector's blank is black and its join
 * card fills the screen; "Give roles from the lesson" gives every member a role, and a team's own pick shows.
 * Each test sets up what it needs on the one host, so a failing test does not take the others with it.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { goToPhase, initialClock, start } from '../../shared/room/clock';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, online, placeGroups, waitFor } from '../helpers/roomClients';
import { expect, screenshot, test, joinRoom } from './fixtures';

let host: HostProcess;
let code: string;
let key: string;
const contexts: BrowserContext[] = [];
const nodeClients: RoomClient[] = [];

test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'Console e2e'] });
  code = host.line.room as string;
  key = new URL(host.line.facilitatorUrl as string).hash.replace('#key=', '');
});
// Each test's browsers close after it: a 2-core machine running a dozen pages slows every test down.
test.afterEach(async () => {
  for (const c of nodeClients.splice(0)) c.close();
  for (const c of contexts.splice(0)) await c.close();
});
test.afterAll(async () => {
  await host?.stop();
});

async function openConsole(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(host.line.facilitatorUrl as string);
  await expect(page.getByTestId('console-bar')).toBeVisible();
  return page;
}

async function joinAs(browser: Browser, name: string): Promise<Page> {
  const page = await joinRoom(browser, (host.line.joinUrls as string[])[0]!, name);
  contexts.push(page.context());
  return page;
}

/**
 * The first phase running (the sticky-bar test starts it from the bar; the others, which may run on a fresh host
 * after a failure, start it the way the console does: a write to the session state).
 */
async function ensureStarted(console_: Page): Promise<void> {
  const facilitator = connectClient(host.url, code, { secret: key });
  nodeClients.push(facilitator);
  await online(facilitator);
  await facilitator.whenSynced('session');
  const doc = facilitator.doc('session');
  const state = doc.getMap('state');
  if (!state.get('phase')) {
    const now = facilitator.hostNow();
    doc.transact(() => {
      state.set('phase', 'engage');
      state.set('clock', start(goToPhase(initialClock(), 'engage', now), now));
    });
    await waitFor(() => facilitator.pendingCount === 0, 'phase started');
  }
  await expect(console_.getByTestId('console-bar').getByRole('button', { name: 'Pause for questions' })).toBeVisible();
}

test('the sticky bar keeps the clock and the run-of-show controls in view at the bottom of the console', async ({ browser }) => {
  const console_ = await openConsole(browser);
  const bar = console_.getByTestId('console-bar');
  await bar.getByRole('button', { name: 'Start the first phase' }).click();
  await bar.getByRole('button', { name: 'Start clock' }).click();
  await expect(bar.getByRole('button', { name: 'Pause for questions' })).toBeVisible();
  await console_.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => console_.evaluate(() => window.scrollY)).toBeGreaterThan(1000); // the console is long
  const box = (await bar.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  // Everything a facilitator reaches for mid-sentence, by its accessible name ("+5 min" is "+5 min: add 5 minutes":
  // the visible text first, for voice control, then what it does).
  for (const name of ['Pause for questions', '+5 min: add 5 minutes', 'Next phase', 'Eyes on the front', '5 minutes left']) {
    await expect(bar.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expect(bar.getByTestId('console-clock')).toHaveText(/\d+:\d\d/);
  // Keyboard reachable: the bar's buttons are in the tab order, and pausing works from down here.
  await bar.getByRole('button', { name: 'Pause for questions' }).focus();
  await console_.keyboard.press('Enter');
  await expect(bar.getByText('Paused')).toBeVisible();
  await screenshot(console_, 'console-sticky-bar');
  await bar.getByRole('button', { name: 'Resume' }).click();
  await expect(bar.getByRole('button', { name: 'Pause for questions' })).toBeVisible();
});

test('a raised hand shows on the console roster in words; the facilitator lowers it and the learner sees it lowered', async ({
  browser,
}) => {
  const console_ = await openConsole(browser);
  const ada = await joinAs(browser, 'Ada Hand');
  await ada.getByRole('button', { name: 'Raise hand' }).click();
  const row = console_.getByTestId('roster').locator('li', { hasText: 'Ada Hand' });
  await expect(row).toContainText('Hand raised');
  await expect(row.locator('svg.lucide-hand')).toHaveCount(1); // an icon, not an emoji that needs an emoji font
  await expect(console_.getByTestId('console-bar')).toContainText('1 hand raised');
  await row.scrollIntoViewIfNeeded();
  await screenshot(console_, 'console-roster-hand');
  await row.getByRole('button', { name: 'Lower hand of Ada Hand' }).click();
  await expect(row).not.toContainText('Hand raised');
  await expect(ada.getByRole('button', { name: 'Raise hand' })).toHaveAttribute('aria-pressed', 'false');
});

test('browsing the slide list with ↓ pushes nothing until "Push slide"', async ({ browser }) => {
  const console_ = await openConsole(browser);
  await ensureStarted(console_);
  // A learner's device records every slide that reaches it.
  const watcher = connectClient(host.url, code, { name: 'Slide watcher' });
  nodeClients.push(watcher);
  await online(watcher);
  await watcher.whenSynced('session');
  const seen: string[] = [];
  const state = watcher.doc('session').getMap('state');
  state.observe(() => {
    const pushed = state.get('pushed') as { kind?: string; slide?: string } | null | undefined;
    if (pushed?.kind === 'slide' && pushed.slide && seen.at(-1) !== pushed.slide) seen.push(pushed.slide);
  });
  const list = console_.getByLabel('Slide to push');
  await list.focus();
  for (let i = 0; i < 3; i++) await console_.keyboard.press('ArrowDown');
  const chosen = await list.inputValue();
  expect(chosen).not.toBe('');
  // Without the explicit push the slides passed would have gone out already (and the button would be disabled).
  const push = console_.getByRole('button', { name: 'Push slide' });
  if (await push.isEnabled()) await push.click();
  await waitFor(() => seen.length > 0, 'the pushed slide reaches the learner');
  expect(seen).toEqual([chosen]);
});

test('the projector: B blanks to black, Q shows a join card that fills the screen, "Paused" by the clock, an h1', async ({ browser }) => {
  const console_ = await openConsole(browser);
  await ensureStarted(console_);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  contexts.push(context);
  const presenter = await context.newPage();
  await presenter.goto(`${host.url}present/${code}#key=${key}`);
  await expect(presenter.getByTestId('presenter')).toBeVisible();
  await expect(presenter.locator('h1')).toHaveCount(1);

  await presenter.keyboard.press('b');
  const blank = presenter.getByTestId('presenter-blank');
  await expect(blank).toBeVisible();
  expect(await blank.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
  await expect(presenter.locator('h1')).toHaveCount(1);
  await screenshot(presenter, 'presenter-blank');
  await presenter.keyboard.press('b');
  await expect(presenter.getByTestId('presenter')).toBeVisible();

  await presenter.keyboard.press('q');
  const card = presenter.getByRole('region', { name: 'Join card' });
  await expect(card).toBeVisible();
  const qr = card.getByRole('img', { name: /QR code for/ });
  await expect(qr).toBeVisible();
  const qrBox = (await qr.boundingBox())!;
  expect(qrBox.height).toBeGreaterThanOrEqual(0.6 * 720);
  await expect(card).toContainText(`join/${code}`);
  await screenshot(presenter, 'presenter-join-card');
  await presenter.keyboard.press('q');

  await console_.getByTestId('console-bar').getByRole('button', { name: 'Pause for questions' }).click();
  await expect(presenter.getByTestId('presenter-paused')).toHaveText('Paused');
  await console_.getByTestId('console-bar').getByRole('button', { name: 'Resume' }).click();
  await expect(presenter.getByTestId('presenter-paused')).toHaveCount(0);
});

test('"Give roles from the lesson" gives every member a role; a role a learner picked alone shows on the console', async ({ browser }) => {
  test.setTimeout(180_000); // bounds a hang only: a console and three learners
  const console_ = await openConsole(browser);
  const bo = await joinAs(browser, 'Bo Roles');
  const cy = await joinAs(browser, 'Cy Roles');
  const dee = await joinAs(browser, 'Dee Roles');
  // Bo and Cy together, Dee alone (placed through the host's group commands, as the console does).
  const facilitator = connectClient(host.url, code, { secret: key });
  nodeClients.push(facilitator);
  await online(facilitator);
  await facilitator.whenSynced('roster');
  const idOf = (name: string) => {
    const roster = facilitator.doc('roster').getMap('participants').toJSON() as Record<string, { name?: string }>;
    return Object.entries(roster).find(([, p]) => p.name === name)![0];
  };
  await placeGroups(facilitator, [
    { id: 'team-1', name: 'Team 1', members: [idOf('Bo Roles'), idOf('Cy Roles')] },
    { id: 'team-2', name: 'Team 2', members: [idOf('Dee Roles')] },
  ]);
  for (const page of [bo, cy, dee]) await expect(page.getByTestId('my-group')).toBeVisible();
  await expect(console_.getByTestId('group-team-2')).toContainText('Dee Roles');
  // Dee picks her role herself: the console shows it in words, whoever else is (or is not) in her group.
  await dee.getByLabel('Pick your role (agree it with your team)').selectOption({ label: 'Data steward' });
  const deeRow = console_.locator('.group-member', { hasText: 'Dee Roles' });
  await expect(deeRow.locator('[data-testid^="role-of-"]')).toHaveText('Data steward (their pick)');

  await console_.getByRole('button', { name: 'Give roles from the lesson to every team' }).click();
  const members = console_.locator('[data-testid^="group-team-"] [data-testid^="member-"]');
  await expect(members).toHaveCount(3);
  const count = 3;
  await expect(console_.locator('[data-testid^="group-team-"] [data-testid^="role-of-"]')).toHaveCount(count);
  await expect(deeRow.locator('[data-testid^="role-of-"]')).toHaveText('Data steward (their pick)');
  await expect(bo.getByTestId('my-role')).toContainText('(from the facilitator)');
});

// Last: it ends the session.
test('"Bring everyone back" reaches the learners, not the console; "End the session…" ends it from the browser console', async ({
  browser,
}) => {
  const console_ = await openConsole(browser);
  const eve = await joinAs(browser, 'Eve End');
  await eve
    .getByRole('navigation', { name: 'Kit' })
    .getByRole('link', { name: /Agenda/ })
    .click(); // in the app: still in the room
  await expect(eve).toHaveURL(/\/kit\/agenda$/);
  await console_.getByRole('button', { name: 'Bring everyone back' }).click();
  await expect(eve).toHaveURL(new RegExp(`/room/${code}$`));
  await expect(eve.getByTestId('broadcast')).toContainText('Back to the room, please.');
  await expect(console_.getByTestId('broadcast')).toHaveCount(0);

  await console_.getByRole('button', { name: 'End the session…' }).click();
  await console_.getByRole('group', { name: 'Confirm ending the session' }).getByRole('button', { name: 'End now' }).click();
  await expect(console_.getByText('This session has ended — everything is read-only').first()).toBeVisible();
  await expect(eve.getByText('This session has ended — everything is read-only').first()).toBeVisible();
  await expect(console_.getByTestId('console-bar')).toHaveCount(0);
});
