/**
 * axe-core on the room screens (issue 14, point 6), in the light and the dark theme, on a real host with a running
 * session: the home page and the join pages a learner meets, the printable join card, the console (sessions list
 * and the running session with groups and an open poll), the projector (a poll, the join card overlay, the blank
 * screen) and the learner room (the open poll, the room notes, the team's notes, strategy and board opened; on a
 * laptop and on a phone). Each screen fails on any violation of impact serious or critical (tests/e2e/axe.ts); the
 * kit's routes are checked in kit.spec.ts (light) and kit-dark.spec.ts (dark).
 *
 * Each page is opened once and switched between themes by the saved choice (localStorage) and a reload, the way
 * the theme button keeps it: the learners stay in their group, the poll stays open.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { BOARD_CHUNK_TIMEOUT, expect, joinRoom, screenshot, test } from './fixtures';
import { THEME_KEY, expectNoSeriousA11yViolations, type Theme } from './axe';

const THEMES: Theme[] = ['light', 'dark'];
let host: HostProcess;
let code: string;
let key: string;
let consolePage: Page;
let presenter: Page;
let ann: Page;
let visitor: Page;
let pollId: string;
const contexts: BrowserContext[] = [];

/** The page in `theme`, as a user who picked it would have it (saved choice, then a reload). */
async function inTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate(([k, t]) => localStorage.setItem(k, t), [THEME_KEY, theme] as const);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000); // bounds a hang only: a host, a console and two learners
  host = await startHostProcess({ args: ['--session', 'Accessibility e2e'] });
  code = host.line.room as string;
  key = new URL(host.line.facilitatorUrl as string).hash.replace('#key=', '');
  const facilitator = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(facilitator);
  consolePage = await facilitator.newPage();
  await consolePage.goto(host.line.facilitatorUrl as string);
  await expect(consolePage.getByTestId('room-code')).toHaveText(code);
  presenter = await facilitator.newPage();
  await presenter.setViewportSize({ width: 1280, height: 720 });

  ann = await joinRoom(browser, (host.line.joinUrls as string[])[0]!, 'Ann');
  const ben = await joinRoom(browser, (host.line.joinUrls as string[])[0]!, 'Ben');
  contexts.push(ann.context(), ben.context());
  await consolePage.getByRole('button', { name: 'Start the first phase' }).click();
  await consolePage.getByLabel('Group size').fill('2');
  await consolePage.getByRole('button', { name: 'Form groups' }).click();
  await expect(ann.getByTestId('my-group')).toContainText('Your group: Team 1');
  await consolePage
    .getByRole('group', { name: 'Poll or quiz to open' })
    .getByRole('radio', { name: /^explore\b/ })
    .first()
    .check();
  await consolePage.getByRole('button', { name: 'Open poll and push it' }).click();
  const pollCard = consolePage.locator('[data-testid^="console-poll-"]').first();
  pollId = (await pollCard.getAttribute('data-testid'))!.replace('console-poll-', '');
  await expect(ann.getByTestId(`poll-${pollId}`)).toBeVisible();

  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(visitorContext);
  visitor = await visitorContext.newPage();
});
test.afterAll(async () => {
  for (const c of contexts) await c.close();
  await host?.stop();
});

test('the home page with a running session, the join pages and the printable join card', async () => {
  for (const theme of THEMES) {
    await visitor.goto(host.url);
    await inTheme(visitor, theme);
    await expect(visitor.getByTestId('home-join')).toBeVisible();
    await expectNoSeriousA11yViolations(visitor, `the home page (${theme})`, { soft: true });
    await visitor.goto(`${host.url}join`);
    await expect(visitor.locator('main h1')).toBeVisible();
    await expectNoSeriousA11yViolations(visitor, `/join (${theme})`, { soft: true });
    await visitor.goto(`${host.url}join/${code}`);
    await expect(visitor.getByLabel('Display name')).toBeVisible();
    await expectNoSeriousA11yViolations(visitor, `/join/:code (${theme})`, { soft: true });
    await visitor.goto(`${host.url}join-card/${code}#key=${key}`);
    await expect(visitor.getByTestId('print-room-code')).toHaveText(code);
    await expectNoSeriousA11yViolations(visitor, `/join-card/:code (${theme})`, { soft: true });
  }
});

test('the console: the sessions list and the running session with groups and an open poll', async () => {
  for (const theme of THEMES) {
    await inTheme(consolePage, theme);
    await expect(consolePage.getByTestId('room-code')).toHaveText(code);
    await expect(consolePage.locator(`[data-testid="console-poll-${pollId}"]`)).toBeVisible();
    await expectNoSeriousA11yViolations(consolePage, `the console of a running session (${theme})`, { soft: true });
    await screenshot(consolePage, `a11y-console-${theme}`);
    await consolePage.goto(`${host.url}console#key=${key}`);
    await expect(consolePage.locator('main h1')).toBeVisible();
    await expectNoSeriousA11yViolations(consolePage, `the sessions list, /console (${theme})`, { soft: true });
    await consolePage.goto(host.line.facilitatorUrl as string);
  }
});

test('the projector: an open poll, the join card overlay, the blank screen', async () => {
  await presenter.goto(`${host.url}present/${code}#key=${key}`);
  for (const theme of THEMES) {
    await inTheme(presenter, theme);
    await expect(presenter.getByTestId('presenter')).toBeVisible();
    await expect(presenter.getByTestId('presenter')).toContainText(/\?/); // the poll's question
    await expectNoSeriousA11yViolations(presenter, `the projector with a poll (${theme})`, { soft: true });
    await screenshot(presenter, `a11y-presenter-${theme}`);
    await presenter.keyboard.press('q');
    await expect(presenter.getByRole('region', { name: 'Join card' })).toBeVisible();
    await expectNoSeriousA11yViolations(presenter, `the projector's join card (${theme})`, { soft: true });
    await presenter.keyboard.press('q');
    await expect(presenter.getByRole('region', { name: 'Join card' })).toHaveCount(0);
    await presenter.keyboard.press('b');
    await expect(presenter.getByTestId('presenter-blank')).toBeVisible();
    await expectNoSeriousA11yViolations(presenter, `the projector's blank screen (${theme})`, { soft: true });
    await presenter.keyboard.press('b');
    await expect(presenter.getByTestId('presenter')).toBeVisible();
  }
});

test("the learner room: the open poll, the room notes, the team's notes, strategy and board", async () => {
  test.setTimeout(180_000); // bounds a hang only: the board's chunk loads twice
  for (const theme of THEMES) {
    await inTheme(ann, theme);
    await expect(ann.locator('main [data-status]').first()).toHaveAttribute('data-status', 'online');
    await expect(ann.getByTestId(`poll-${pollId}`)).toBeVisible();
    await expect(ann.getByRole('textbox', { name: 'Team 1 notes' })).toBeVisible();
    await expectNoSeriousA11yViolations(ann, `the learner room with a poll and team notes (${theme})`, { soft: true });
    await ann.getByText('Our MLOps strategy').click();
    await ann.getByText('Our board').click();
    await expect(ann.getByTestId('team-board').locator('canvas').first()).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
    await expectNoSeriousA11yViolations(ann, `the learner room with the strategy and the board open (${theme})`, {
      soft: true,
    });
    await screenshot(ann, `a11y-room-${theme}`);
    // The same room on a phone (the kit behind the Menu button, the board as a picture).
    await ann.setViewportSize({ width: 390, height: 844 });
    await expect(ann.getByRole('button', { name: 'Menu', exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(ann, `the learner room on a 390×844 phone (${theme})`, {
      soft: true,
    });
    await screenshot(ann, `a11y-room-phone-${theme}`);
    await ann.setViewportSize({ width: 1280, height: 900 });
  }
});
