/**
 * Running the session end to end: a facilitator console, a presenter view and four learners in Chromium (plus 20
 * Node learners, the room's load at a fraction of the cost of browsers) on a real host. The facilitator advances
 * phases (with the grace period), pushes a slide and a poll; every learner follows; the presenter shows the exact
 * tally after reveal; a learner's attempt to advance the phase or close the poll is refused by the host; a late
 * joiner lands on the current slide. One scenario in serial steps, each with its own budget, so a slow step is
 * named. How fast screens follow is measured in the benchmarks (bench:poll, bench:room), not here.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Tally } from '../../shared/room/pollTally';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, online, waitFor } from '../helpers/roomClients';
import type { RoomClient } from '../../shared/sync/roomClient';
import { drawRectangle, expect, screenshot, test, BOARD_CHUNK_TIMEOUT, joinRoom } from './fixtures';

test.describe.configure({ mode: 'serial' });

let host: HostProcess;
const nodeClients: RoomClient[] = [];
const contexts: BrowserContext[] = [];
let code: string;
let key: string;
let consolePage: Page;
let presenter: Page;
let facilitatorContext: BrowserContext;
const learners: Page[] = [];
let mallory: RoomClient;
let watcher: RoomClient;
let pollId: string;
let teamId: string;

async function joinAs(browser: Browser, name: string): Promise<Page> {
  const page = await joinRoom(browser, (host.line.joinUrls as string[])[0]!, name, { viewport: { width: 1280, height: 720 } });
  contexts.push(page.context());
  return page;
}

test.beforeAll(async ({ browser }) => {
  host = await startHostProcess({ args: ['--session', 'Live e2e'] });
  code = host.line.room as string;
  key = new URL(host.line.facilitatorUrl as string).hash.replace('#key=', '');
  facilitatorContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  contexts.push(facilitatorContext);
  consolePage = await facilitatorContext.newPage();
  presenter = await facilitatorContext.newPage();
});
test.afterAll(async () => {
  for (const c of nodeClients) c.close();
  for (const c of contexts) await c.close();
  await host?.stop();
});

/** Every learner page shows the same thing: checked on all of them at once (a cue is for the whole room). */
async function everyLearner(check: (page: Page) => Promise<void>): Promise<void> {
  await Promise.all(learners.map(check));
}

test('the console, the projector and three learners join', async ({ browser }) => {
  await consolePage.goto(host.line.facilitatorUrl as string);
  await expect(consolePage.getByTestId('room-code')).toHaveText(code);
  await presenter.goto(`${host.url}present/${code}#key=${key}`);
  await expect(presenter.getByTestId('presenter')).toBeVisible();
  for (const name of ['Ada', 'Bo', 'Cy']) learners.push(await joinAs(browser, name));
});

test('phases: the first starts at once, the next after the grace period, announced to everyone first', async () => {
  await consolePage.getByRole('button', { name: 'Start the first phase' }).click();
  await everyLearner((page) => expect(page.getByTestId('now-card')).toContainText('Engage'));
  await consolePage.getByRole('button', { name: /Start clock/ }).click();
  await consolePage.getByRole('button', { name: 'Next phase' }).click();
  // The banner lasts the grace period (8 s): watched on every page at once, from the click on.
  await everyLearner((page) => expect(page.getByTestId('moving-banner')).toContainText('Moving to Explore'));
  await everyLearner((page) => expect(page.getByTestId('now-card')).toContainText('Explore'));
  await expect(consolePage.getByRole('row', { name: /Engage/ })).toContainText('done');
});

test("a learner whose device clock is an hour ahead shows the room's countdown, not its own", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // The page's clock runs an hour ahead of the host's (and of the console's): only the host-time estimate saves it.
  await context.clock.install({ time: Date.now() + 60 * 60_000 });
  const page = await context.newPage();
  try {
    await page.goto((host.line.joinUrls as string[])[0]!);
    await page.getByLabel('Display name').fill('Fast clock');
    await page.getByRole('button', { name: /Join room/ }).click();
    const seconds = (text: string | null) => {
      const m = /(−?)(\d+):(\d\d)/.exec(text ?? '');
      return m ? (m[1] ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : Number.NaN;
    };
    // Both clocks tick every second and are read one after the other: retried until they agree within a few seconds.
    await expect(async () => {
      const learner = seconds(await page.getByTestId('phase-clock').textContent());
      const facilitator = seconds(await consolePage.getByTestId('console-clock').textContent());
      expect(Math.abs(learner - facilitator)).toBeLessThanOrEqual(3);
    }).toPass({ timeout: 30_000 });
  } finally {
    await context.close();
  }
});

test('a learner cannot move the room: the host refuses it', async () => {
  mallory = connectClient(host.url, code, { name: 'Mallory' });
  nodeClients.push(mallory);
  await mallory.whenSynced('session');
  mallory.doc('session').getMap('state').set('phase', 'evaluate');
  await waitFor(() => mallory.rejections.some((r) => r.reason === 'forbidden' && r.doc === 'session'), 'phase change refused');
});

let slideTitle: string;
test('a pushed slide reaches everyone, and a late joiner lands on it', async ({ browser }) => {
  await consolePage.getByLabel('Slide to push').selectOption({ index: 4 });
  await consolePage.getByRole('button', { name: 'Push slide' }).click();
  slideTitle = (await consolePage.getByLabel('Slide to push').locator('option:checked').textContent())!.replace(/^\d+\.\s*/, '');
  await everyLearner((page) => expect(page.getByTestId('pushed-slide')).toContainText(slideTitle));
  await expect(presenter.getByRole('heading', { name: slideTitle })).toBeVisible();
  await expect(consolePage.getByText('Speaker notes')).toBeVisible();

  const late = await joinAs(browser, 'Late Lou');
  await expect(late.getByTestId('pushed-slide')).toContainText(slideTitle);
  await expect(late.getByTestId('now-card')).toContainText('Explore');
  learners.push(late);
});

test('a poll: browser and Node learners vote, a learner cannot close it, the projector shows the exact tally', async () => {
  await consolePage
    .getByRole('group', { name: 'Poll or quiz to open' })
    .getByRole('radio', { name: /^explore\b/ })
    .first()
    .check();
  await consolePage.getByRole('button', { name: 'Open poll and push it' }).click();
  const pollCard = consolePage.locator('[data-testid^="console-poll-"]').first();
  pollId = (await pollCard.getAttribute('data-testid'))!.replace('console-poll-', '');
  await everyLearner((page) => expect(page.getByTestId(`poll-${pollId}`)).toBeVisible());
  await screenshot(learners[0]!, 'live-learner-poll');
  const options = await learners[0]!.getByTestId(`poll-${pollId}`).locator('input[type=radio], input[type=checkbox]').count();
  expect(options).toBeGreaterThan(1);
  // Browser learners: learner i picks option i % 2; then Ada changes her mind to option 1.
  for (const [i, page] of learners.entries()) {
    await page
      .getByTestId(`poll-${pollId}`)
      .locator('input')
      .nth(i % 2)
      .check();
    await page.getByRole('button', { name: 'Send answer' }).click();
    await expect(page.getByText('Your answer is in')).toBeVisible();
  }
  await learners[0]!.getByTestId(`poll-${pollId}`).locator('input').nth(1).check();
  await learners[0]!.getByRole('button', { name: 'Change my answer' }).click();
  // 20 Node learners vote for option index 2 (or 0 when there are only two options).
  const nodeVoters = Array.from({ length: 20 }, (_, i) => connectClient(host.url, code, { name: `Node ${i}` }));
  nodeClients.push(...nodeVoters);
  await Promise.all(nodeVoters.map((c) => online(c)));
  const sessionPolls = nodeVoters[0]!.doc('session').getMap('polls');
  await waitFor(() => sessionPolls.has(pollId), 'poll visible to node learners');
  const optionIds = ((sessionPolls.get(pollId) as { def: { options: { id: string }[] } }).def.options ?? []).map((o) => o.id);
  const nodeChoice = optionIds[2] ?? optionIds[0]!;
  nodeVoters.forEach((c, i) => c.command(`node-vote-${i}`, { cmd: 'vote', pollId, answer: { choices: [nodeChoice] } }));
  await Promise.all(nodeVoters.map((c) => waitFor(() => c.pendingCount === 0, 'node vote saved')));

  // Expected: browser learners chose i % 2, then learner 0 changed to option 1.
  const expected: Record<string, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
  learners.forEach((_, i) => (expected[optionIds[i === 0 ? 1 : i % 2]!]! += 1));
  expected[nodeChoice]! += 20;
  await expect(consolePage.getByTestId('answered').first()).toContainText(`${learners.length + 20} answered`);
  await expect(presenter.getByTestId('presenter-answered')).toContainText(`${learners.length + 20} answered`);

  // A learner cannot close the poll either.
  mallory
    .doc('session')
    .getMap('polls')
    .set(pollId, { ...(mallory.doc('session').getMap('polls').get(pollId) as object), status: 'closed' });
  await waitFor(() => mallory.rejections.filter((r) => r.doc === 'session').length >= 2, 'poll close refused');
  await expect(consolePage.getByText(/open · results hidden/).first()).toBeVisible();

  await pollCard.getByRole('button', { name: 'Close poll' }).click();
  await pollCard.getByRole('button', { name: 'Reveal results' }).click();
  const results = presenter.getByTestId('poll-results');
  await expect(results).toHaveAttribute('data-respondents', String(learners.length + 20));
  for (const [id, count] of Object.entries(expected))
    await expect(results.locator(`li[data-option="${id}"]`)).toHaveAttribute('data-count', String(count));
  await expect(results.locator('svg.recharts-surface')).toBeVisible(); // the chart (lazily loaded) behind the list
  const tally = nodeVoters[0]!.doc(`poll/${pollId}/tally`);
  await waitFor(
    () => (tally.getMap('tally').get('result') as Tally | undefined)?.respondents === learners.length + 20,
    'revealed tally readable by learners',
  );
  await screenshot(presenter, 'live-presenter-results');
  await screenshot(consolePage, 'live-console', true);
});

test('a quiz: once revealed, the projector marks the correct answer in the chart and in its list', async () => {
  await consolePage
    .getByRole('group', { name: 'Poll or quiz to open' })
    .getByRole('radio', { name: /Why can an ML model fail/ })
    .first()
    .check();
  await consolePage.getByRole('button', { name: 'Open poll and push it' }).click();
  const card = consolePage.locator('[data-testid^="console-poll-"]', { hasText: 'Why can an ML model fail' });
  const quizId = (await card.getAttribute('data-testid'))!.replace('console-poll-', '');
  const voters = nodeClients.slice(0, 3);
  await waitFor(() => voters[0]!.doc('session').getMap('polls').has(quizId), 'quiz visible to node learners');
  const answers = ['inputs-changed', 'inputs-changed', 'no-logs'];
  voters.forEach((c, i) => c.command(`quiz-vote-${i}`, { cmd: 'vote', pollId: quizId, answer: { choices: [answers[i]!] } }));
  await Promise.all(voters.map((c) => waitFor(() => c.pendingCount === 0, 'quiz vote saved')));
  // A browser learner sees the options in an order of their own (not the stored one) and their vote counts for the
  // option they picked, whatever its place on their screen.
  const stored = ((voters[0]!.doc('session').getMap('polls').get(quizId) as { def: { options: { id: string }[] } }).def.options ?? []).map((o) => o.id);
  const form = learners[1]!.getByTestId(`poll-${quizId}`);
  await expect(form.locator('label[data-option]')).toHaveCount(stored.length);
  const shown = await form.locator('label[data-option]').evaluateAll((els) => els.map((e) => e.getAttribute('data-option')));
  expect([...shown].sort()).toEqual([...stored].sort());
  expect(shown).not.toEqual(stored);
  await form.locator('label[data-option="inputs-changed"] input').check();
  await form.getByRole('button', { name: 'Send answer' }).click();
  await expect(form.getByText('Your answer is in')).toBeVisible();
  await screenshot(learners[1]!, 'live-learner-quiz-shuffled');
  await learners[1]!.reload();
  await expect(learners[1]!.getByTestId(`poll-${quizId}`).locator('label[data-option]')).toHaveCount(stored.length);
  expect(await learners[1]!.getByTestId(`poll-${quizId}`).locator('label[data-option]').evaluateAll((els) => els.map((e) => e.getAttribute('data-option')))).toEqual(shown);
  await expect(card.getByTestId('answered')).toContainText('4 answered');
  await card.getByRole('button', { name: 'Close poll' }).click();
  await card.getByRole('button', { name: 'Reveal results' }).click();
  const results = presenter.getByTestId('poll-results');
  // The facilitator's results keep the stored order.
  expect(await results.locator('li[data-option]').evaluateAll((els) => els.map((e) => e.getAttribute('data-option')))).toEqual(stored);
  await expect(results.locator('li[data-option="inputs-changed"]')).toHaveAttribute('data-count', '3');
  await expect(results.locator('li.correct')).toHaveCount(1);
  await expect(results.locator('li.correct')).toHaveAttribute('data-option', 'inputs-changed');
  await expect(results.locator('svg.recharts-surface')).toContainText('✓ The data it sees');
  await screenshot(presenter, 'live-presenter-quiz');
});

test('eyes on the front, the presenter keys, and the plain /present route', async () => {
  await consolePage.getByRole('button', { name: 'Eyes on the front' }).click();
  await everyLearner((page) => expect(page.getByTestId('blank-overlay')).toBeVisible());
  await consolePage.getByRole('button', { name: 'Release screens' }).click();
  await everyLearner((page) => expect(page.getByTestId('blank-overlay')).toBeHidden());

  // Presenter keys: → moves to the next slide for everyone.
  await consolePage.getByLabel('Slide to push').selectOption({ index: 1 });
  await consolePage.getByRole('button', { name: 'Push slide' }).click();
  await presenter.keyboard.press('ArrowRight');
  await expect(consolePage.getByLabel('Slide to push')).toHaveValue(/.+/);
  const second = (await consolePage.getByLabel('Slide to push').locator('option').nth(2).textContent())!.replace(/^\d+\.\s*/, '');
  await expect(learners[1]!.getByTestId('pushed-slide')).toContainText(second);
  await screenshot(presenter, 'live-presenter-slide');
  // The plain /present route finds the host's open session by itself.
  const projector = await facilitatorContext.newPage();
  await projector.goto(`${host.url}present#key=${key}`);
  await expect(projector.getByTestId('presenter')).toContainText(`Room ${code}`);
  await expect(projector.getByRole('heading', { name: second })).toBeVisible();
  await projector.close();
});

test('groups, roles and group notes; the gallery shows the notes and puts them on the projector', async () => {
  // Groups: formed from who is online, mixed by background; each learner sees their group, and a role.
  await consolePage.getByLabel('Group size').fill('3');
  await consolePage.getByRole('button', { name: 'Form groups' }).click();
  await expect(consolePage.locator('[data-testid^="group-team-"]').first()).toBeVisible();
  await consolePage.getByLabel('Role of Ada').selectOption({ index: 1 });
  await expect(learners[0]!.getByTestId('my-group')).toContainText('Your role:');
  for (const page of learners.slice(1)) await expect(page.getByTestId('my-group')).toContainText('Your group: Team');
  await screenshot(consolePage, 'live-console-groups', true);

  // Group notes: rich text shared with the group and the facilitator (loaded on demand).
  const adaGroup = consolePage.locator('[data-testid^="group-team-"]', { hasText: 'Ada' });
  teamId = (await adaGroup.getAttribute('data-testid'))!.replace('group-', '');
  const notesEditor = learners[0]!.getByRole('textbox', { name: /notes$/ });
  // The notes start as the Explore worksheet: Ada answers the first dimension's MLOps line.
  await notesEditor.getByText('MLOps:').first().click();
  await learners[0]!.keyboard.press('End');
  await learners[0]!.keyboard.type('Drift needs monitoring, not just uptime.');
  await expect(notesEditor.locator('li').nth(1)).toHaveText('MLOps: Drift needs monitoring, not just uptime.');
  await expect(notesEditor.locator('li').nth(1).locator('strong')).toHaveText('MLOps:'); // the answer is not bold
  watcher = connectClient(host.url, code, { secret: key });
  nodeClients.push(watcher);
  await watcher.whenSynced(`team/${teamId}/notes`);
  await waitFor(
    () => watcher.doc(`team/${teamId}/notes`).getXmlFragment('notes').toString().includes('Drift needs monitoring'),
    'facilitator reads the group notes',
  );
  await screenshot(learners[0]!, 'live-learner-group-notes');

  // Team work: the gallery shows Ada's group notes live; one click puts them on the projector.
  await expect(consolePage.getByTestId(`team-work-${teamId}`)).toContainText('Drift needs monitoring');
  await consolePage
    .getByTestId('team-gallery')
    .locator('.card', { has: consolePage.getByTestId(`team-work-${teamId}`) })
    .getByRole('button', { name: 'Show on the projector' })
    .click();
  await expect(presenter.getByTestId(`team-work-${teamId}`)).toContainText('Drift needs monitoring');
  await screenshot(presenter, 'live-presenter-team');
});

test('messages to every screen, and bringing a wandering learner back', async () => {
  await consolePage.getByRole('button', { name: '5 minutes left' }).click();
  await everyLearner((page) => expect(page.getByTestId('broadcast')).toContainText('5 minutes left'));
  const wanderer = learners[1]!;
  await wanderer.getByRole('navigation', { name: 'Kit' }).getByRole('link', { name: 'Agenda' }).click();
  await expect(wanderer).toHaveURL(/\/kit\/agenda$/);
  await consolePage.getByRole('button', { name: 'Bring everyone back' }).click();
  await expect(wanderer).toHaveURL(new RegExp(`/room/${code}$`));
});

test('the team board: Excalidraw, bundled (no request leaves the host), synced element by element', async () => {
  const offsite: string[] = [];
  learners[0]!.on('request', (r) => {
    if (!r.url().startsWith(host.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) offsite.push(r.url());
  });
  await learners[0]!.getByText('Our board').click();
  const board = learners[0]!.getByTestId('team-board');
  await expect(board.locator('canvas').first()).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
  await drawRectangle(learners[0]!);
  await watcher.whenSynced(`team/${teamId}/board`);
  await waitFor(
    () => watcher.doc(`team/${teamId}/board`).getMap('elements').size >= 1,
    'the rectangle reaches the host and the facilitator',
    30_000,
  );
  const drawn = [...watcher.doc(`team/${teamId}/board`).getMap<{ type: string }>('elements').values()];
  expect(drawn.map((e) => e.type)).toContain('rectangle');
  expect(offsite).toEqual([]);
  await screenshot(learners[0]!, 'live-learner-board');
});

test('the strategy template, per team: a section typed shows as progress on the console', async () => {
  await consolePage.getByLabel('Elaborate case for every team').selectOption({ index: 1 });
  await learners[0]!.getByText('Our MLOps strategy').click();
  await expect(learners[0]!.getByTestId('team-strategy')).toContainText('Case study:');
  await learners[0]!
    .getByRole('textbox', { name: /your team's answer$/ })
    .first()
    .click();
  await learners[0]!.keyboard.type('Forecast error on the day-ahead market, in MWh.');
  await expect(learners[0]!.getByTestId('strategy-progress')).toHaveText(/^1 of \d+ sections started$/);
  await expect(consolePage.getByTestId(`progress-${teamId}`)).toContainText('Strategy: 1 of');
  await screenshot(learners[0]!, 'live-learner-strategy');
});

test('Q&A: a learner asks, another upvotes; the facilitator sees it', async () => {
  await learners[2]!.getByLabel('Ask a question').fill('How do we retrain without labels?');
  await learners[2]!.getByRole('button', { name: 'Ask', exact: true }).click();
  await learners[3]!.getByRole('button', { name: /Upvote: How do we retrain/ }).click();
  await expect(consolePage.getByTestId('console-qa')).toContainText('▲ 1');
  await expect(consolePage.getByTestId('console-qa')).toContainText('anonymous');
});
