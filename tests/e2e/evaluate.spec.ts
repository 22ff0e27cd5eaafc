/**
 * Evaluate end to end: a facilitator console, a presenter view and four learners in two teams in Chromium. The
 * console runs the presentation queue for both teams; each learner scores the other team on its screen (their own
 * team is never offered, and the host refuses it when sent anyway); the facilitator scores; reveal shows the
 * right distributions and weighted totals on the projector.
 */
import type { Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BoardSync } from '../../shared/sync/boardSync';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, placeGroups, waitFor } from '../helpers/roomClients';
import type { RoomClient } from '../../shared/sync/roomClient';
import { expect, screenshot, SCREENSHOTS, test, joinRoom, openOffline } from './fixtures';

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

const joinAs = (browser: Browser, name: string): Promise<Page> => joinRoom(browser, (host.line.joinUrls as string[])[0]!, name);

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
  const facilitator = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
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
  await giveTeamsWork(admin);
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
  await expect(rows).toHaveCount(6);
  const peers = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-peer')));
  expect(peers).toEqual(['0,0,1,1', '0,1,1,0', '0,0,1,1', '0,1,1,0', '0,0,1,1', '0,1,1,0']);
  // Peer means 3.5, 2.5, 3.5, 2.5, 3.5, 2.5 against the content rubric's weights (six criteria with the critique).
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

  // Reflection: a learner of the first team writes a journal entry and an exit ticket.
  await writeJournalAndTicket(f1!);
  await waitFor(() => admin.doc('facilitator/observations') !== null, 'observations doc');
  admin.doc('facilitator/observations').getText('evaluate:red').insert(0, 'Red linked every incident to an owner.');
  await waitFor(() => admin.pendingCount === 0, 'observation saved');

  // The facilitator takes the session home: the report opens offline and shows every part.
  const { archivePath } = await exportAndCheckReport(browser, console_, {
    first,
    peerTotal: expected,
    strength: 'Clear rollback plan',
    exitChange: 'Add a data validation gate before training',
    observation: 'Red linked every incident to an owner.',
  });
  await reimportArchive(browser, archivePath, { first, peerTotal: expected });
});

/** Strategy text, a board element and ML Test Score marks for both teams, a poll with a vote (all in the report). */
async function giveTeamsWork(admin: RoomClient): Promise<void> {
  for (const [team, text] of [
    ['red', 'Registry plus versioned inputs for the audit'],
    ['blue', 'Validation gate before every retrain'],
  ] as const) {
    await admin.whenSynced(`team/${team}/strategy`);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    admin.doc(`team/${team}/strategy`).getXmlFragment('canvas-row-1').insert(0, [p]);
    new BoardSync(admin.doc(`team/${team}/board`)).pushLocal([
      { id: `${team}-idea`, type: 'rectangle', version: 1, versionNonce: 1, x: 0, y: 0, width: 160, height: 80, strokeColor: '#1e1e1e' },
    ]);
    admin.doc(`team/${team}/mltestscore`).getMap('marks').set('mts-data-1', 1);
  }
  const def = {
    id: 'e2e-cost',
    kind: 'single' as const,
    prompt: 'Biggest cost of MLOps?',
    options: [
      { id: 'a', label: 'Tools' },
      { id: 'b', label: 'People' },
    ],
  };
  admin.doc('session').getMap('polls').set(def.id, { def, status: 'open', revealed: true, anonymous: true });
  await waitFor(() => admin.pendingCount === 0, 'team work and poll saved');
}

async function writeJournalAndTicket(page: Page): Promise<void> {
  const current = page.getByTestId('journal-current');
  await expect(current).toContainText('Now · Evaluate');
  await current.getByLabel(/One practice you will try/).fill('Version our training data next sprint.');
  const ticket = page.getByTestId('exit-ticket');
  await ticket.getByLabel('One practice I will bring to my team, and the signal that would show it works').fill('Add a data validation gate before training');
  await ticket.getByLabel('One question I still have').fill('How do we monitor without labels?');
  await ticket.getByLabel(/Before today.*: 2$/).check();
  await ticket.getByLabel(/And now.*: 4$/).check();
  await ticket.getByRole('button', { name: 'Send exit ticket' }).click();
  await expect(page.getByTestId('exit-ticket-sent')).toBeVisible();
}

/**
 * Exports the report from the console, opens it from file:// with every other request refused and recorded, checks
 * each part, prints it to PDF (one page per team at least) and turns the pages into images with pdftoppm.
 */
async function exportAndCheckReport(
  browser: Browser,
  console_: Page,
  want: { first: string; peerTotal: number; strength: string; exitChange: string; observation: string },
): Promise<{ archivePath: string }> {
  const title = 'Evaluate e2e';
  const dir = mkdtempSync(join(tmpdir(), 'wk-evaluate-export-'));
  await console_.goto(host.line.facilitatorUrl as string);
  const [reportDownload] = await Promise.all([
    console_.waitForEvent('download'),
    console_.getByRole('button', { name: `Export the session report of ${title}` }).click(),
  ]);
  const reportPath = join(dir, 'report.html');
  await reportDownload.saveAs(reportPath);

  const { page: report, requests } = await openOffline(browser, reportPath, { viewport: { width: 1280, height: 900 } });
  for (const heading of [
    title,
    'Agenda: planned and as run',
    'Polls and quizzes',
    'Questions from the room',
    'Team Red',
    'Team Blue',
    'Exit tickets',
    "The facilitator's notes",
  ])
    await expect(report.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  await expect(report.getByText('Biggest cost of MLOps?')).toBeVisible();
  const firstTeam = report.locator(`#team-${want.first}`);
  await expect(
    firstTeam.getByText(want.first === 'red' ? 'Registry plus versioned inputs for the audit' : 'Validation gate before every retrain'),
  ).toBeVisible();
  await expect(firstTeam.locator('svg').first()).toBeVisible(); // the board picture
  await expect(firstTeam).toContainText('Final score');
  await expect(firstTeam).toContainText(`peers ${want.peerTotal}`);
  await expect(firstTeam).toContainText('facilitator 75');
  await expect(firstTeam).toContainText(want.strength);
  await expect(report.locator('#exit')).toContainText(want.exitChange);
  await expect(report.locator('#facilitator')).toContainText(want.observation);
  await screenshot(report, 'evaluate-report-html', true);
  expect(requests, 'the report asks for nothing outside the file').toEqual([]);

  // Print: a clean PDF, each team on its own page, looked at as images.
  await report.emulateMedia({ media: 'print' });
  const pdfPath = join(dir, 'report.pdf');
  await report.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  const pages = (readFileSync(pdfPath, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages, 'the title and agenda, then a page per team at least').toBeGreaterThanOrEqual(3);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-l', '6', pdfPath, join(SCREENSHOTS, 'evaluate-report-pdf')]);
  expect(readdirSync(SCREENSHOTS).filter((f) => f.startsWith('evaluate-report-pdf')).length).toBeGreaterThanOrEqual(3);
  await report.context().close();

  const [archiveDownload] = await Promise.all([
    console_.waitForEvent('download'),
    console_.getByRole('button', { name: `Export the archive of ${title}` }).click(),
  ]);
  const archivePath = join(dir, 'archive.json');
  await archiveDownload.saveAs(archivePath);
  return { archivePath };
}

/** Another kit with a fresh data folder: a corrupted archive is refused with a message, the real one shows read-only. */
async function reimportArchive(browser: Browser, archivePath: string, want: { first: string; peerTotal: number }): Promise<void> {
  const other = await startHostProcess({ args: ['--session', 'Another room'] });
  try {
    const corruptPath = `${archivePath}.corrupt.json`;
    // One flipped character in a document's state, as a bad USB stick would: the checksum no longer matches.
    const archive = JSON.parse(readFileSync(archivePath, 'utf8')) as { documents: { state: string }[] };
    const state = archive.documents[0]!.state;
    archive.documents[0]!.state = (state[0] === 'A' ? 'B' : 'A') + state.slice(1);
    writeFileSync(corruptPath, JSON.stringify(archive));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(other.line.facilitatorUrl as string);
    await expect(page.getByTestId('room-code')).toHaveText(other.line.room as string);
    await page.goto(new URL('/console', other.url).toString());
    await page.getByLabel(/Import an archive/).setInputFiles(corruptPath);
    await expect(page.getByRole('alert')).toContainText('Not imported:');
    await expect(page.getByRole('row').filter({ hasText: 'Evaluate e2e' })).toHaveCount(0);
    await page.getByLabel(/Import an archive/).setInputFiles(archivePath);
    await expect(page.getByRole('status').filter({ hasText: 'Imported “Evaluate e2e” as a past session (read-only).' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'Evaluate e2e' });
    await expect(row).toContainText('ended');
    // Opened, the past session is the same console, read-only: the queue with both teams' rubric results.
    await row.getByRole('link', { name: 'Open Evaluate e2e' }).click();
    await expect(page.getByTestId('ended-banner')).toHaveText(/This session has ended — everything is read-only/);
    const queue = page.getByTestId('console-evaluate');
    await expect(queue.getByTestId(`queue-${want.first}`).getByTestId('peer-total')).toHaveText(String(want.peerTotal));
    await expect(queue.getByTestId(`queue-${want.first}`).getByTestId('facilitator-total')).toHaveText('75');
    await expect(queue.getByTestId(`queue-${want.first}`).getByRole('button', { name: 'Hide results' })).toBeDisabled();
    await screenshot(page, 'evaluate-past-session', true);
    await context.close();
  } finally {
    await other.stop();
  }
}
