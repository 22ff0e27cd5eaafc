/**
 * Taking a session home from the console: the session report downloads and opens from file:// with no request
 * leaving the page and every part shown; the archive downloads, a corrupted copy is refused with a message on
 * another kit's sessions page, and the real one imports there as a read-only (ended) past session, which opens on
 * the console with the team work and the questions, the ended banner, write controls disabled and the facilitator's
 * reflection still writable. Ending the session running there shows the banner on a learner's screen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, screenshot, openOffline } from './fixtures';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';
import * as Y from 'yjs';

let origin: HostProcess;
let target: HostProcess;
test.beforeAll(async () => {
  [origin, target] = await Promise.all([
    startHostProcess({ args: ['--session', 'Export room'] }),
    startHostProcess({ args: ['--session', 'Other kit'] }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([origin?.stop(), target?.stop()]);
});

test('export the session report and the archive; the archive re-imports read-only, a corrupted one is refused', async ({ browser }) => {
  test.setTimeout(180_000); // bounds a hang only
  const code = origin.line.room as string;
  const facilitator = connectClient(origin.url, code, { secret: hostKeyOf(origin.line.facilitatorUrl as string) });
  const ada = connectClient(origin.url, code, { name: 'Ada' });
  await Promise.all([online(facilitator), online(ada)]);
  await placeGroups(facilitator, [{ id: 'red', name: 'Red', members: [ada.welcome!.learnerId] }]);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('Ship a feature store first')]);
  ada.doc('team/red/notes').getXmlFragment('notes').insert(0, [p]);
  ada.command('ask-e2e', { cmd: 'ask', questionId: 'question-e2e', text: 'How do we roll back a model?', anonymous: true });
  facilitator.doc('facilitator/reflection').getText('plan:0').insert(0, 'The pitches ran long.');
  facilitator.doc('facilitator/observations').getText('explore:red').insert(0, 'Red asked how to roll back.');
  await waitFor(() => ada.pendingCount === 0 && facilitator.pendingCount === 0, 'edits saved');
  ada.close();
  facilitator.close();

  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const console_ = await context.newPage();
  await console_.goto(origin.line.facilitatorUrl as string);
  await expect(console_.getByTestId('room-code')).toHaveText(code);

  const [reportDownload] = await Promise.all([
    console_.waitForEvent('download'),
    console_.getByRole('button', { name: 'Export the session report of Export room' }).click(),
  ]);
  await expect(console_.getByRole('status').filter({ hasText: /Saved .*\.html/ })).toBeVisible();
  const reportPath = join(tmpdir(), `wk-report-${Date.now()}.html`);
  await reportDownload.saveAs(reportPath);

  // The report from file://, every request that is not the file itself recorded and refused.
  const { page: report, requests } = await openOffline(browser, reportPath);
  for (const heading of [
    'Export room',
    'Agenda: planned and as run',
    'Polls and quizzes',
    'Questions from the room',
    'Team Red',
    'Exit tickets',
    "The facilitator's notes",
  ]) {
    await expect(report.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
  await expect(report.getByText('Ship a feature store first')).toBeVisible();
  await expect(report.getByText('How do we roll back a model?')).toBeVisible();
  await screenshot(report, 'session-report', true);
  expect(requests).toEqual([]);
  await report.context().close();

  const [archiveDownload] = await Promise.all([
    console_.waitForEvent('download'),
    console_.getByRole('button', { name: 'Export the archive of Export room' }).click(),
  ]);
  const archivePath = join(tmpdir(), `wk-archive-${Date.now()}.json`);
  await archiveDownload.saveAs(archivePath);
  const corruptPath = `${archivePath}.corrupt.json`;
  const text = readFileSync(archivePath, 'utf8');
  writeFileSync(corruptPath, text.slice(0, Math.floor(text.length * 0.7)));

  // Another kit, where a learner is in the session that runs there now.
  const learnerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const learner = await learnerContext.newPage();
  await learner.goto((target.line.joinUrls as string[])[0]!);
  await learner.getByLabel('Display name').fill('Bo');
  await learner.getByLabel('Your background').selectOption({ index: 2 });
  await learner.getByRole('button', { name: `Join room ${target.line.room as string}` }).click();
  await expect(learner.locator('main [data-status]')).toHaveAttribute('data-status', 'online');
  await expect(learner.getByTestId('ended-banner')).toHaveCount(0);
  await learner.getByLabel('Ask a question').fill('Will the slides be shared?');
  await expect(learner.getByRole('button', { name: 'Ask', exact: true })).toBeEnabled();
  await expect(learner.getByLabel('Shared with everyone in the room')).toBeEnabled();

  // There the corrupted archive is refused with a message, the real one becomes a past session.
  const other = await context.newPage();
  await other.goto(target.line.facilitatorUrl as string);
  await expect(other.getByTestId('room-code')).toHaveText(target.line.room as string);
  await other.goto(new URL('/console', target.url).toString());
  await expect(other.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
  await other.getByLabel(/Import an archive/).setInputFiles(corruptPath);
  await expect(other.getByRole('alert')).toContainText('Not imported: This file is not a session archive');
  await expect(other.getByText('Export room')).toHaveCount(0);
  await other.getByLabel(/Import an archive/).setInputFiles(archivePath);
  await expect(other.getByRole('status').filter({ hasText: 'Imported “Export room” as a past session (read-only).' })).toBeVisible();
  const row = other.getByRole('row').filter({ hasText: 'Export room' });
  await expect(row).toContainText('ended');
  await expect(row.getByRole('button', { name: 'End Export room' })).toHaveCount(0);
  await screenshot(other, 'console-imported-session');

  // Ending the session that runs there: the learner's screen says so at once, and its write controls are disabled.
  await other.getByRole('button', { name: 'End Other kit' }).click();
  await expect(learner.getByTestId('ended-banner')).toHaveText(/This session has ended — everything is read-only/);
  await expect(learner.getByRole('button', { name: 'Ask', exact: true })).toBeDisabled();
  await expect(learner.getByLabel('Shared with everyone in the room')).toBeDisabled();
  await learner.evaluate(() => window.scrollTo(0, 0));
  await screenshot(learner, 'room-learner-ended');
  await learnerContext.close();

  // Opening the imported past session: the same console, everything the room did, read-only, the banner on top;
  // only the facilitator's reflection can still be written.
  await row.getByRole('link', { name: 'Open Export room' }).click();
  await expect(other.getByTestId('ended-banner')).toHaveText(/This session has ended — everything is read-only/);
  await expect(other.getByRole('heading', { name: 'Export room', exact: true })).toBeVisible();
  await expect(other.getByTestId('team-work-red')).toContainText('Ship a feature store first');
  await expect(other.getByText('How do we roll back a model?').first()).toBeVisible();
  await expect(other.getByRole('button', { name: 'Show on the projector' })).toBeDisabled();
  await other.getByText('Observation notes per team and phase').click();
  await expect(other.getByLabel('Notes on Red in Explore')).toHaveValue('Red asked how to roll back.');
  await expect(other.getByLabel('Notes on Red in Explore')).toBeDisabled();
  const reflection = other.getByTestId('facilitator-reflection').getByRole('textbox').first();
  await expect(reflection).toHaveValue('The pitches ran long.');
  await expect(reflection).toBeEnabled();
  await reflection.fill('The pitches ran long. Next time: 4 minutes each.');
  await expect(other.locator('main [data-status]').first()).toHaveAttribute('data-status', 'ended');
  await expect(other.getByTestId('sync-problem')).toHaveCount(0);
  await screenshot(other, 'console-past-session', true);
  // The projector on that past session says so too.
  const importedCode = new URL(other.url()).pathname.split('/').pop()!;
  const projector = await context.newPage();
  await projector.goto(new URL(`/present/${importedCode}#key=${hostKeyOf(target.line.facilitatorUrl as string)}`, target.url).toString());
  await expect(projector.getByTestId('ended-banner')).toHaveText(/This session has ended — everything is read-only/);
  await screenshot(projector, 'presenter-ended');
  await context.close();
});
