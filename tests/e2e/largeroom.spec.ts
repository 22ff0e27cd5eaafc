/**
 * The large-room plan on the facilitator's console, against a real host: with eight teams the console shows only
 * the standard run of show; with nine (Explain's `largeRoom.fromTeams`) it also shows the large-room step for the
 * phase clock (the break that opens Explain) and the cuts to make at this size; with fifteen, the cuts for 12+ too.
 */
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, placeGroups } from '../helpers/roomClients';
import type { RoomClient } from '../../shared/sync/roomClient';
import { expect, screenshot, test } from './fixtures';

let host: HostProcess;
let admin: RoomClient;
test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'Large room e2e'] });
  admin = connectClient(host.url, host.line.room as string, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
  await admin.whenSynced('session');
});
test.afterAll(async () => {
  admin?.close();
  await host?.stop();
});

const teams = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${i + 1}`, name: `Team ${i + 1}`, members: [] }));

test('the console shows the large-room step and the cuts once the room has enough teams', async ({ browser }) => {
  test.setTimeout(180_000); // bounds a hang only
  await placeGroups(admin, teams(8));
  admin.doc('session').getMap('state').set('phase', 'explore');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(host.line.facilitatorUrl as string);
  const runOfShow = page.getByRole('region', { name: 'Run of show' });
  await expect(runOfShow).toContainText('Groups and the task');
  await expect(page.getByTestId('console-large-room')).toHaveCount(0);

  await placeGroups(admin, teams(9));
  const panel = page.getByTestId('console-large-room');
  await expect(panel).toHaveAttribute('data-teams', '9');
  await expect(panel).toContainText('Large room (9 teams): +0′ The task (trios stay as they are)');
  await expect(panel).toContainText('Debrief reports beyond four');
  await expect(panel).not.toContainText('Whole-worksheet coverage');

  admin.doc('session').getMap('state').set('phase', 'explain');
  await expect(panel).toContainText('+0′ Break');
  await placeGroups(admin, teams(15));
  await expect(panel).toHaveAttribute('data-teams', '15');
  admin.doc('session').getMap('state').set('phase', 'explore');
  await expect(panel).toContainText('Whole-worksheet coverage');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'console-large-room');
  await context.close();
});
