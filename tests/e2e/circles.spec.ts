/**
 * Parallel pitch circles end to end: a facilitator console, a projector, three learners in Chromium and three more
 * learners as plain room clients, in six teams. The console reorders the queue by dragging a team, switches to
 * parallel circles (two circles of three, formed from the queue), starts round 1: the projector shows the grid of
 * who pitches in each circle with the countdown; each learner sees their circle and score forms only for the teams
 * they are assigned, and a score sent from the form is tallied.
 */
import type { Browser, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, placeGroups, waitFor } from '../helpers/roomClients';
import type { RoomClient } from '../../shared/sync/roomClient';
import type { TeamTally } from '../../shared/room/rubricScores';
import { expect, screenshot, SCREENSHOTS, test, joinRoom } from './fixtures';

let host: HostProcess;
let admin: RoomClient;
const others: RoomClient[] = [];
test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'Circles e2e'] });
  admin = connectClient(host.url, host.line.room as string, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
  await admin.whenSynced('session');
});
test.afterAll(async () => {
  for (const c of others) c.close();
  admin?.close();
  await host?.stop();
});

const joinAs = (browser: Browser, name: string): Promise<Page> => joinRoom(browser, (host.line.joinUrls as string[])[0]!, name);

test('drag reorders the queue; parallel circles run a round with assigned scoring', async ({ browser }) => {
  test.setTimeout(240_000); // bounds a hang only
  const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const console_ = await facilitator.newPage();
  await console_.goto(host.line.facilitatorUrl as string);
  const presenter = await facilitator.newPage();
  const code = host.line.room as string;
  const names = ['Ann', 'Ben', 'Cat'];
  const [ann, ben, cat] = (await Promise.all(names.map((n) => joinAs(browser, n)))) as [Page, Page, Page];
  for (const n of ['Dov', 'Eli', 'Fay']) others.push(connectClient(host.url, code, { name: n, profile: 'new-to-ml' }));
  await waitFor(() => others.every((c) => c.welcome !== null), 'plain clients joined');

  const idOf = (name: string) =>
    [...admin.doc('roster').getMap<{ get(k: string): unknown }>('participants')].find(([, e]) => e.get('name') === name)?.[0];
  await admin.whenSynced('roster');
  await waitFor(() => names.every((n) => idOf(n)), 'everyone on the roster');
  const [dov, eli, fay] = others.map((c) => c.welcome!.learnerId);
  await placeGroups(admin, [
    { id: 'blue', name: 'Blue', members: [idOf('Ben')!] },
    { id: 'gold', name: 'Gold', members: [dov!] },
    { id: 'green', name: 'Green', members: [eli!] },
    { id: 'plum', name: 'Plum', members: [fay!] },
    { id: 'red', name: 'Red', members: [idOf('Ann')!] },
    { id: 'teal', name: 'Teal', members: [idOf('Cat')!] },
  ]);
  admin.doc('session').getMap('state').set('phase', 'evaluate');
  await presenter.goto(`${host.url}present/${code}#key=${hostKeyOf(host.line.facilitatorUrl as string)}`);

  // The console opens the queue (teams by id), then Red is dragged by its handle to the top.
  const queue = console_.getByTestId('console-evaluate');
  await expect(queue.getByTestId('queue-teal')).toBeVisible();
  await queue.getByRole('button', { name: 'Open the queue' }).click();
  const hostQueue = () => (admin.doc('evaluate').getMap('state').get('queue') as string[] | undefined) ?? [];
  admin.doc('evaluate');
  await waitFor(() => hostQueue().length === 6, 'queue opened');
  expect(hostQueue()).toEqual(['blue', 'gold', 'green', 'plum', 'red', 'teal']);
  const handle = queue.getByTestId('drag-red');
  const target = queue.getByTestId('drag-blue');
  // The whole list in view first (page.mouse does not scroll).
  await queue.getByRole('list', { name: 'Teams in presentation order' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await console_.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await console_.mouse.down();
  await console_.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 5 });
  await console_.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 4, { steps: 20 });
  // Drop only once the list knows where Red is (its own announcement): on a busy machine the pointer's last move can
  // be handled after a release sent at once, and Red would drop where it was (seen once in CI).
  await expect(console_.getByText('Red moved to place 1 of 6.')).toBeAttached();
  await console_.mouse.up();
  await waitFor(() => hostQueue()[0] === 'red', 'the drop sent the new order');
  expect(hostQueue()).toEqual(['red', 'blue', 'gold', 'green', 'plum', 'teal']);
  await expect(queue.locator('li[data-testid^="queue-"]').first()).toHaveAttribute('data-testid', 'queue-red');
  // The keyboard path (dnd-kit's keyboard sensor): Space picks Blue up, the down arrow moves it, Space drops it.
  // Each key waits for what it announces (dnd-kit picks up and moves asynchronously: on a busy machine a key
  // pressed before the pick-up took effect would be lost).
  await queue.getByTestId('drag-blue').focus();
  await console_.keyboard.press('Space');
  await expect(console_.getByText(/Picked up Blue, place 2 of 6\.|Blue moved to place 2 of 6\./)).toBeAttached();
  await console_.keyboard.press('ArrowDown');
  await expect(console_.getByText(/Blue moved to place 3 of 6\./)).toBeAttached();
  await console_.keyboard.press('Space');
  await waitFor(() => hostQueue()[2] === 'blue', 'the keyboard drop sent the new order');
  expect(hostQueue()).toEqual(['red', 'gold', 'blue', 'green', 'plum', 'teal']);

  // Parallel circles of three (the content's default), formed from the queue: Red, Gold, Blue | Green, Plum, Teal.
  const circles = console_.getByTestId('console-circles');
  await circles.getByLabel('Parallel circles').click(); // the radio follows the host's state (checked once it has formed the circles)
  await expect(circles).toHaveAttribute('data-mode', 'circles');
  await expect(circles.getByTestId('circle-1')).toContainText('Red');
  await expect(circles.getByTestId('circle-1')).toContainText('Gold');
  await expect(circles.getByTestId('circle-2')).toContainText('Teal');
  await circles.getByRole('button', { name: 'Start round 1' }).click();
  await expect(circles.getByTestId('console-round')).toContainText('Round 1 of 3');
  // Circles pitch for the content's length (pitchCircles.seconds: two minutes), not one queue's one minute for 5+ teams.
  await waitFor(
    () => (admin.doc('evaluate').getMap('state').get('round') as { seconds?: number } | undefined)?.seconds === 120,
    'round length',
  );

  // The projector: each circle's pitching team, with the shared countdown.
  await expect(presenter.getByTestId('presenter-circle-1')).toHaveAttribute('data-team', 'red');
  await expect(presenter.getByTestId('presenter-circle-2')).toHaveAttribute('data-team', 'green');
  await expect(presenter.getByTestId('presenter-circles').getByTestId('slot-countdown')).toBeVisible();
  // Starting the round shared the pitching teams' work (read-only) with the screens, as one queue's start does.
  await waitFor(
    () => ['red', 'green'].every((t) => (admin.doc('groups').getMap('groups').get(t) as { shared?: boolean })?.shared),
    'shared',
  );
  await screenshot(presenter, 'evaluate-projector-circles');

  // Learners: their circle, who pitches in it, and forms only for their assigned teams that have pitched.
  await expect(ben.getByTestId('assigned-teams')).toHaveText('Red and Gold');
  await expect(ben.getByTestId('now-presenting')).toContainText('Red');
  await expect(ben.getByTestId('score-form-red')).toBeVisible();
  await expect(ben.getByTestId('score-form-green')).toHaveCount(0);
  await expect(cat.getByTestId('assigned-teams')).toHaveText('Green and Plum');
  await expect(cat.getByTestId('now-presenting')).toContainText('Green');
  await expect(cat.getByTestId('score-form-green')).toBeVisible();
  await expect(cat.getByTestId('score-form-red')).toHaveCount(0);
  await expect(ann.getByTestId('now-presenting')).toContainText('your team');
  await expect(ann.getByTestId('score-form-red')).toHaveCount(0);

  // Ben scores Red from the form (level 3 everywhere); the host tallies it.
  const form = ben.getByTestId('score-form-red');
  const fieldsets = form.locator('fieldset');
  for (let i = 0; i < (await fieldsets.count()); i++) await fieldsets.nth(i).getByRole('radio').nth(2).check();
  await form.getByLabel('One strength').fill('Clear owners');
  await form.getByRole('button', { name: /Send my score/ }).click();
  await expect(form.getByRole('status')).toContainText('Sent');
  await ben.getByTestId('learner-evaluate').screenshot({ path: `${SCREENSHOTS}/evaluate-learner-circle.png` });
  admin.doc('evaluate/red/tally');
  const tally = () => admin.doc('evaluate/red/tally').getMap('tally').get('result') as TeamTally | undefined;
  await waitFor(() => tally()?.scorers === 1, 'Ben’s score tallied');
  expect(tally()!.criteria.every((c) => c.peerMean === 3)).toBe(true);
  await queue.screenshot({ path: `${SCREENSHOTS}/evaluate-console-circles.png` });
});
