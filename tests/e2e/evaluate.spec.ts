/**
 * Evaluate end to end: a facilitator console, a presenter view and four learners in two teams in Chromium. The
 * console runs the presentation queue for both teams; each learner scores the other team on its screen (their own
 * team is never offered, and the host refuses it when sent anyway); the facilitator scores; reveal shows the
 * right distributions and weighted totals on the projector.
 */
import type { Browser, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, placeGroups, waitFor } from '../helpers/roomClients';
import type { RoomClient } from '../../shared/sync/roomClient';
import { SCREENSHOTS, expect, screenshot, test } from './fixtures';

let host: HostProcess;
let admin: RoomClient;
test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'Evaluate e2e'] });
  admin = connectClient(host.url, host.line.room as string, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
  await admin.whenSynced('session');
});
test.afterAll(async () => {
  admin?.close();
  await host?.stop();
});

async function joinAs(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto((host.line.joinUrls as string[])[0]!);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: /Join room/ }).click();
  await expect(page.locator('main [data-status]').first()).toHaveAttribute('data-status', 'online');
  return page;
}

/** Chooses one level per criterion (by its position, 1-based) and a strength, then sends the score. */
async function score(page: Page, teamId: string, levels: number[], strength: string): Promise<void> {
  const form = page.getByTestId(`score-form-${teamId}`);
  const fieldsets = form.locator('fieldset');
  const count = await fieldsets.count();
  for (let i = 0; i < count; i++)
    await fieldsets
      .nth(i)
      .getByRole('radio')
      .nth(levels[i % levels.length]! - 1)
      .check();
  await form.getByLabel('One strength').fill(strength);
  await form.getByRole('button', { name: /Send my score/ }).click();
  await expect(form.getByRole('status')).toContainText('Sent');
}

test('the queue runs both teams, learners score the other team, reveal shows the results on the projector', async ({ browser }) => {
  test.setTimeout(240_000); // bounds a hang only
  const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const console_ = await facilitator.newPage();
  await console_.goto(host.line.facilitatorUrl as string);
  const presenter = await facilitator.newPage();
  const code = host.line.room as string;
  const names = ['Ann', 'Ben', 'Cat', 'Dan'];
  const pages = [];
  for (const name of names) pages.push(await joinAs(browser, name));
  const [ann, ben, cat, dan] = pages as [Page, Page, Page, Page];

  // Two teams (Ann, Ben) and (Cat, Dan), and the room in the Evaluate phase.
  const idOf = (name: string) =>
    [...admin.doc('roster').getMap<{ get(k: string): unknown }>('participants')].find(([, e]) => e.get('name') === name)?.[0];
  await admin.whenSynced('roster');
  await waitFor(() => names.every((n) => idOf(n)), 'everyone on the roster');
  await placeGroups(admin, [
    { id: 'red', name: 'Red', members: [idOf('Ann')!, idOf('Ben')!] },
    { id: 'blue', name: 'Blue', members: [idOf('Cat')!, idOf('Dan')!] },
  ]);
  admin.doc('session').getMap('state').set('phase', 'evaluate');
  await presenter.goto(`${host.url}present/${code}#key=${hostKeyOf(host.line.facilitatorUrl as string)}`);

  // The console opens the queue and starts Red.
  const queue = console_.getByTestId('console-evaluate');
  await expect(queue.getByTestId('queue-red')).toBeVisible();
  await queue.getByRole('button', { name: 'Open the queue' }).click();
  await expect(queue.getByTestId('queue-red')).not.toContainText('not in the queue yet');
  await queue.getByRole('button', { name: 'Start the first team' }).click();
  await expect(queue.getByTestId('console-current')).toHaveText(/Red|Blue/);
  const first = (await queue.getByTestId('console-current').textContent()) === 'Red' ? 'red' : 'blue';
  const second = first === 'red' ? 'blue' : 'red';
  const membersOf = { red: [ann, ben], blue: [cat, dan] };
  await expect(presenter.getByTestId('presenter-current')).toHaveAttribute('data-team', first);
  await expect(presenter.getByTestId('slot-countdown')).toBeVisible();
  await screenshot(presenter, 'evaluate-projector-queue');

  // The presenting team's members get no form for their own team; the others score it.
  for (const page of pages) await expect(page.getByTestId('now-presenting')).toBeVisible();
  for (const page of membersOf[first]) await expect(page.getByTestId(`score-form-${first}`)).toHaveCount(0);
  const [s1, s2] = membersOf[second];
  // Starting the slot shared the presenting team's work (read-only) with the other learners' screens.
  await expect(s1!.getByTestId('shared-teams')).toContainText(first === 'red' ? 'Red' : 'Blue');
  await score(s1!, first, [3], 'Clear rollback plan');
  await screenshot(s1!, 'evaluate-learner-scoring', true);
  await score(s2!, first, [4, 2], 'Good drift alerts');

  await queue.getByRole('button', { name: 'Next team' }).click();
  await expect(presenter.getByTestId('presenter-current')).toHaveAttribute('data-team', second);
  const [f1, f2] = membersOf[first];
  await score(f1!, second, [1], 'Brave scope');
  await score(f2!, second, [2], 'Honest costs');
  for (const page of membersOf[second]) await expect(page.getByTestId(`score-form-${second}`)).toHaveCount(0);

  // The host refuses a learner's own team even when sent directly.
  const own = connectClient(host.url, code, { name: 'Eve' });
  await waitFor(() => own.welcome !== null && own.status === 'online', 'Eve joined');
  admin.command('eve-to-red', { cmd: 'move-learner', learnerId: own.welcome!.learnerId, teamId: 'red' });
  await waitFor(() => admin.pendingCount === 0, 'Eve placed in Red');
  own.command('eve-own', { cmd: 'score', teamId: 'red', levels: {}, strength: 'we are great' });
  await waitFor(() => own.rejections.some((r) => r.id === 'eve-own'), 'own team refused');
  expect(own.rejections.find((r) => r.id === 'eve-own')).toMatchObject({ reason: 'forbidden' });
  own.close();

  // The facilitator scores the first team (level 3 everywhere), then reveals it.
  await queue.getByTestId(`queue-${first}`).getByRole('button', { name: 'Score and results' }).click();
  const panel = queue.getByTestId(`queue-${first}`);
  const fieldsets = panel.getByTestId(`score-form-${first}`).locator('fieldset');
  for (let i = 0; i < (await fieldsets.count()); i++) await fieldsets.nth(i).getByRole('radio').nth(2).check();
  await panel.getByRole('button', { name: /Send my score/ }).click();
  await expect(panel.getByTestId('facilitator-total')).toHaveText('75');
  await queue.getByTestId(`queue-${first}`).getByRole('button', { name: 'Reveal results' }).click();

  // Projector: the distributions (s1 level 3 everywhere; s2 alternating 4, 2) and the weighted totals.
  await queue.getByRole('button', { name: 'End the presentations' }).click(); // the projector shows the results
  const results = presenter.getByTestId(`presenter-results-${first}`);
  await expect(results.getByTestId('facilitator-total')).toHaveText('75');
  const rows = results.locator('tr[data-criterion]');
  await expect(rows).toHaveCount(5);
  const peers = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-peer')));
  expect(peers).toEqual(['0,0,1,1', '0,1,1,0', '0,0,1,1', '0,1,1,0', '0,0,1,1']);
  // Peer means 3.5, 2.5, 3.5, 2.5, 3.5 against the content rubric's weights.
  const weights = await rows.evaluateAll((trs) =>
    trs.map((tr) => Number(/\((\d+(?:\.\d+)?)\)/.exec(tr.querySelector('th')?.textContent ?? '')?.[1])),
  );
  const expected = Math.round(weights.reduce((sum, w, i) => sum + (w * (i % 2 === 0 ? 3.5 : 2.5)) / 4, 0) * 100) / 100;
  await expect(results.getByTestId('peer-total')).toHaveText(String(expected));
  // The charts (recharts, lazily loaded): the peers' levels stacked, and the mean levels beside them.
  await expect(results.getByTestId('rubric-chart').locator('svg.recharts-surface')).toHaveCount(2);
  await presenter.setViewportSize({ width: 1280, height: 720 });
  await results.scrollIntoViewIfNeeded();
  await screenshot(presenter, 'evaluate-projector-results');
  // The presenting team reads its results and feedback; the other team reads the results only.
  await expect(membersOf[first][0]!.getByTestId('team-feedback')).toContainText('Clear rollback plan');
  await expect(membersOf[second][0]!.getByTestId(`revealed-${first}`)).toBeVisible();
  await expect(membersOf[second][0]!.getByTestId(`revealed-${first}`).locator('svg.recharts-surface')).toHaveCount(2);
  await membersOf[second][0]!.getByTestId(`revealed-${first}`).screenshot({ path: `${SCREENSHOTS}/evaluate-learner-results.png` });
  await expect(membersOf[second][0]!.getByTestId('team-feedback')).toHaveCount(0);
});
