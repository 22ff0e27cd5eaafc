/**
 * Reflection end to end (issue 13, point 4) on a real host with the built app: in Evaluate, a learner writes a
 * journal entry (the current phase's prompts come first) and sends an exit ticket; a second learner (a Node client)
 * sends one too; the facilitator's console shows the aggregate — distributions, mean shift, answers without names —
 * and the facilitator writes an observation note with a look-for tag. Screenshots of both screens.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, online, waitFor } from '../helpers/roomClients';
import type { RoomClient } from '../../shared/sync/roomClient';
import { expect, screenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

let host: HostProcess;
let code: string;
const contexts: BrowserContext[] = [];
const nodeClients: RoomClient[] = [];
let consolePage: Page;
let learner: Page;

test.beforeAll(async ({ browser }) => {
  host = await startHostProcess({ args: ['--session', 'Reflect e2e'] });
  code = host.line.room as string;
  for (const _ of [0, 1]) contexts.push(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
  consolePage = await contexts[0]!.newPage();
  learner = await contexts[1]!.newPage();
});
test.afterAll(async () => {
  for (const c of nodeClients) c.close();
  for (const c of contexts) await c.close();
  await host?.stop();
});

test('a learner writes a journal entry and an exit ticket; the console shows the anonymous aggregate', async () => {
  test.setTimeout(180_000);
  await consolePage.goto(host.line.facilitatorUrl as string);
  await expect(consolePage.getByTestId('room-code')).toHaveText(code);
  // The facilitator (its console, here a Node client with the same capability) is in Evaluate, with two teams.
  const facilitator = connectClient(host.url, code, { secret: new URL(host.line.facilitatorUrl as string).hash.replace('#key=', '') });
  nodeClients.push(facilitator);
  await online(facilitator);
  await facilitator.whenSynced('session');
  facilitator.doc('session').getMap('state').set('phase', 'evaluate');
  facilitator.command('make-team', { cmd: 'create-group', teamId: 'team-a', name: 'Team A' });
  await waitFor(() => facilitator.pendingCount === 0, 'phase and team saved');

  await learner.goto((host.line.joinUrls as string[])[0]!);
  await learner.getByLabel('Display name').fill('Ada Journal');
  await learner.getByRole('button', { name: /Join room/ }).click();
  await expect(learner.locator('main [data-status]').first()).toHaveAttribute('data-status', 'online');

  // Journal: Evaluate's prompts first.
  const current = learner.getByTestId('journal-current');
  await expect(current).toContainText('Now · Evaluate');
  await current.getByLabel(/One practice you will try/).fill('Put our churn model in a registry with versioned inputs.');
  // Exit ticket (open at the close).
  const ticket = learner.getByTestId('exit-ticket');
  await ticket.getByLabel('One practice I will bring to my team, and the signal that would show it works').fill('Add a data validation gate before training');
  await ticket.getByLabel('One question I still have').fill('How do we monitor without labels?');
  await ticket.getByLabel(/Before today.*: 2$/).check();
  await ticket.getByLabel(/And now.*: 4$/).check();
  await ticket.getByRole('button', { name: 'Send exit ticket' }).click();
  await expect(learner.getByTestId('exit-ticket-sent')).toBeVisible();
  await learner.getByTestId('journal').scrollIntoViewIfNeeded();
  await screenshot(learner, 'reflect-learner-journal', true);

  // A second learner's ticket (Node), then the aggregate on the console.
  const bo = connectClient(host.url, code, { name: 'Bo Node' });
  nodeClients.push(bo);
  await online(bo);
  bo.command('bo-exit', { cmd: 'exit-ticket', change: 'Monitor input drift weekly', question: '', before: 3, after: 4 });
  await waitFor(() => bo.pendingCount === 0, 'Bo sent his ticket');

  const summary = consolePage.getByTestId('exit-summary');
  await expect(summary).toHaveAttribute('data-count', '2');
  await expect(consolePage.getByTestId('exit-shift')).toHaveText('+1.50');
  await expect(consolePage.getByTestId('exit-before').locator('[data-level="2"]')).toHaveAttribute('data-count', '1');
  await expect(consolePage.getByTestId('exit-after').locator('[data-level="4"]')).toHaveAttribute('data-count', '2');
  await expect(consolePage.getByTestId('exit-changes')).toContainText('Add a data validation gate before training');
  await expect(consolePage.getByTestId('exit-questions')).toContainText('How do we monitor without labels?');
  await expect(summary).not.toContainText('Ada');
  await expect(summary).not.toContainText('Bo Node');

  // Observation notes: a look-for tag and a line for Team A in Evaluate (facilitator only).
  await consolePage.getByText('Observation notes per team and phase').click();
  const team = consolePage.getByTestId('observe-team-a');
  await team.getByRole('button', { name: 'Names a trade-off or cost' }).click();
  await expect(team.getByRole('button', { name: 'Names a trade-off or cost' })).toHaveAttribute('aria-pressed', 'true');
  await team.getByLabel(/Notes on Team A/).fill('Strong link from incidents to owners.');
  await consolePage.getByText('Your reflection after the session').click();
  await consolePage.getByLabel(/How effectively did the lesson engage/).fill('Mixed groups carried the novices well.');
  await expect(consolePage.getByRole('button', { name: /session feedback poll/ })).toBeEnabled();
  await consolePage.locator('#reflection').scrollIntoViewIfNeeded();
  await screenshot(consolePage, 'reflect-console-aggregate', true);
  await waitFor(
    () => facilitator.doc('facilitator/observations').getText('evaluate:team-a').toString() === 'Strong link from incidents to owners.',
    'the note reached the host',
    30_000,
  );
});
