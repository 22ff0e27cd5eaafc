/**
 * The MLOps lab in a room, end to end (issue 16): the facilitator opens the lab and runs its clock from the
 * console; two learners in team 1 and one in team 2; a learner of team 1 trains two runs, compares them,
 * registers and promotes one, and switches on continuous training (maturity level 2), team 2 promotes one model by
 * hand and stays at level 0 (DevOps-only); the facilitator injects an
 * upstream unit change for every team; the clock runs on; team 1's lab shows the drift alert and the automatic
 * retraining, the projector shows every team's response (team 1 recovers), and the teammate's screen shows the
 * same lab (same runs, same champion, same day).
 */
import type { Browser, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, placeGroups, waitFor } from '../helpers/roomClients';
import type { RoomClient } from '../../shared/sync/roomClient';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, joinRoom, screenshot, test } from './fixtures';

let host: HostProcess;
let admin: RoomClient;
test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'Lab e2e'] });
  admin = connectClient(host.url, host.line.room as string, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
  await admin.whenSynced('session');
});
test.afterAll(async () => {
  admin?.close();
  await host?.stop();
});

const joinAs = (browser: Browser, name: string): Promise<Page> => joinRoom(browser, (host.line.joinUrls as string[])[0]!, name);
const LONG = 120_000; // bounds a hang only: training and simulating days on a busy 2-core machine

/** The room day the console shows. */
async function roomDay(console_: Page): Promise<number> {
  return Number(((await console_.getByTestId('lab-room-day').textContent()) ?? '').replace(/\D/g, ''));
}

/** The learner's status line: "Day N · k runs · champion vN". */
const status = (page: Page) => page.locator('.lab-status').first();

async function openLab(page: Page): Promise<void> {
  await page.getByText('Our MLOps lab').click();
  await expect(status(page)).toContainText('Day', { timeout: LONG });
}

test('a team trains, promotes, automates; the facilitator injects drift; the team recovers; the projector compares every team', async ({
  browser,
}) => {
  test.setTimeout(480_000); // bounds a hang only
  const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const console_ = await facilitator.newPage();
  await console_.goto(host.line.facilitatorUrl as string);
  const code = host.line.room as string;
  const names = ['Ann', 'Ben', 'Cat'];
  const [ann, ben, cat] = (await Promise.all(names.map((n) => joinAs(browser, n)))) as [Page, Page, Page];
  const idOf = (name: string) =>
    [...admin.doc('roster').getMap<{ get(k: string): unknown }>('participants')].find(([, e]) => e.get('name') === name)?.[0];
  await admin.whenSynced('roster');
  await waitFor(() => names.every((n) => idOf(n)), 'everyone on the roster');
  await placeGroups(admin, [
    { id: 'team-1', name: 'Team 1', members: [idOf('Ann')!, idOf('Ben')!] },
    { id: 'team-2', name: 'Team 2', members: [idOf('Cat')!] },
  ]);
  for (const page of [ann, ben]) await expect(page.getByTestId('my-group')).toContainText('Your group: Team 1');

  // The facilitator opens the lab for the room (the e-commerce scenario: labels arrive a day later, so a
  // retrained model learns the new world within days) and puts the comparison on the projector.
  const panel = console_.getByTestId('console-lab');
  await panel.scrollIntoViewIfNeeded();
  await panel.getByLabel('Lab scenario').selectOption({ label: 'Trellis: will this recommendation sell?' });
  await panel.getByRole('button', { name: 'Open the lab for the room' }).click();
  await expect(panel.getByTestId('lab-room-day')).toHaveText('Day 0');
  await panel.getByLabel('Show every team’s response on the projector').check();
  const presenter = await facilitator.newPage();
  await presenter.goto(`${host.url}present/${code}#key=${hostKeyOf(host.line.facilitatorUrl as string)}`);
  await expect(presenter.getByTestId('lab-comparison')).toBeVisible({ timeout: LONG });

  // Ann's team decides before the clock runs: two runs, compared; the better one registered and promoted;
  // monitoring and continuous training on (level 2).
  await openLab(ann);
  await ann.getByRole('tab', { name: 'Runs' }).click();
  const train = ann.getByRole('form', { name: 'Train a run' });
  await train.getByRole('button', { name: 'Train the run' }).click();
  await expect(status(ann)).toContainText('1 run', { timeout: LONG });
  await train.getByLabel('Model', { exact: true }).selectOption('tree');
  await train.getByRole('button', { name: 'Train the run' }).click();
  await expect(status(ann)).toContainText('2 runs', { timeout: LONG });
  const runs = ann.getByTestId('lab-runs');
  await runs.getByLabel('Compare run-1').check();
  await runs.getByLabel('Compare run-2').check();
  await expect(ann.getByTestId('lab-diff')).toContainText(/Model\s*differs\s*logistic\s*tree/);
  await screenshot(ann, 'lab-room-compare');
  await runs.getByRole('button', { name: 'Register run-1' }).click();
  await ann.getByRole('tab', { name: 'Registry' }).click();
  await ann.getByTestId('lab-versions').getByRole('button', { name: 'Promote v1' }).click();
  await expect(status(ann)).toContainText('champion v1', { timeout: LONG });
  await ann.getByRole('tab', { name: 'Production' }).click();
  await ann.getByRole('radio', { name: /Level 2/ }).check();
  await expect(ann.getByRole('radio', { name: /Level 2/ })).toBeChecked({ timeout: LONG });

  // Team 2 runs it the DevOps-only way: one model promoted by hand, level 0 (no monitoring, no automation).
  await openLab(cat);
  await cat.getByRole('tab', { name: 'Runs' }).click();
  await cat.getByRole('form', { name: 'Train a run' }).getByRole('button', { name: 'Train the run' }).click();
  await cat.getByTestId('lab-runs').getByRole('button', { name: 'Register run-1' }).click();
  await cat.getByRole('tab', { name: 'Registry' }).click();
  await cat.getByTestId('lab-versions').getByRole('button', { name: 'Promote v1' }).click();
  await expect(status(cat)).toContainText('1 run · champion v1', { timeout: LONG });

  // The teammate's screen shows the same lab before the clock runs.
  await openLab(ben);
  await expect(status(ben)).toContainText('2 runs · champion v1', { timeout: LONG });

  // The clock runs (fast: a day every second); a few days in, the facilitator injects the incident for every team.
  await panel.getByLabel('Lab speed').selectOption('60');
  await panel.getByRole('button', { name: 'Start the lab clock' }).click();
  await expect.poll(() => roomDay(console_), { timeout: LONG }).toBeGreaterThanOrEqual(3);
  const inject = panel.getByRole('form', { name: 'Inject an incident' });
  await inject.getByLabel('Incident', { exact: true }).selectOption('upstream');
  await inject.getByLabel('Feature', { exact: true }).selectOption({ label: "Price relative to the customer's usual basket" });
  await inject.getByLabel('How much').selectOption({ label: 'values arrive ×100 (euros → cents)' });
  await inject.getByRole('button', { name: 'Inject an incident for every team' }).click();
  await expect(inject.getByTestId('lab-inject-status')).toContainText('Injected for every team from day');
  const incidentDay = Number(/from day (\d+)/.exec((await inject.getByTestId('lab-inject-status').textContent()) ?? '')![1]);
  await screenshot(console_, 'lab-room-console');

  // Ann's lab (Production tab) shows the drift alert as the days pass.
  await expect(ann.getByTestId('lab-alerts')).toContainText(/drift|validation/, { timeout: LONG });
  await ann.getByTestId('lab-alerts').scrollIntoViewIfNeeded();
  await screenshot(ann, 'lab-room-team-alert');

  // Team 1's monitoring raises a drift alert and retrains automatically; the cost comes back: the projector says so.
  const team1 = presenter.getByTestId('lab-team-team-1');
  await expect(team1).toContainText(/after 0 days \((drift|validation|prediction-drift) alert\)/, { timeout: LONG });
  await expect(team1).toContainText(/recovered after \d+ days/, { timeout: 240_000 });
  const team2 = presenter.getByTestId('lab-team-team-2');
  await expect(team2).toContainText('level 0');
  await expect(team2).toContainText('not detected');
  await panel.getByRole('button', { name: 'Pause the lab clock' }).click();
  await screenshot(presenter, 'lab-room-projector');
  await expectNoSeriousA11yViolations(presenter, 'the projector’s lab comparison');
  await expectNoSeriousA11yViolations(console_, 'the console with its lab panel');

  // Ann's lab shows the alert and the automatic retraining; Ben's screen shows exactly the same lab.
  const day = await roomDay(console_);
  for (const page of [ann, ben]) await expect(status(page)).toContainText(`Day ${day}`, { timeout: LONG });
  await ann.getByRole('tab', { name: 'Runs' }).click();
  await expect(ann.getByTestId('lab-runs')).toContainText(/day \d+, drift/); // retrained automatically on the alert
  await ann.getByTestId('lab-runs').scrollIntoViewIfNeeded();
  await screenshot(ann, 'lab-room-team-alert-retrained');
  await ben.getByRole('tab', { name: 'Runs' }).click();
  const line = (page: Page) => status(page).locator('span').first().innerText();
  expect(await line(ben)).toBe(await line(ann));
  expect(await line(ann)).toMatch(new RegExp(`^Day ${day} · \\d+ runs · champion v\\d+$`));
  expect(await ben.getByTestId('lab-runs').locator('tbody').innerText()).toBe(
    await ann.getByTestId('lab-runs').locator('tbody').innerText(),
  );
  expect(incidentDay).toBeGreaterThanOrEqual(3);
  await ben.getByTestId('lab-runs').scrollIntoViewIfNeeded();
  await screenshot(ben, 'lab-room-teammate');

  // The lab feeds the team's ML Test Score: Ann marks what the pipeline automates; Ben's ML Test Score has the marks.
  const mts = ann.getByTestId('lab-ml-test-score');
  const touched = Number(/touches (\d+) of them/.exec(await mts.innerText())![1]);
  expect(touched).toBeGreaterThan(5);
  await mts.getByRole('button', { name: 'Mark these in our ML Test Score' }).click();
  await expect(mts.getByTestId('lab-mts-marked')).toContainText(`Marked ${touched} tests`);
  await ben.getByText('Our ML Test Score', { exact: true }).click();
  await expect(ben.getByTestId('team-mltestscore').getByTestId('mts-progress')).toHaveText(new RegExp(`^${touched} of \\d+ tests marked$`));
});
