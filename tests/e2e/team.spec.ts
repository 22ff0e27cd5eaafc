/**
 * Team work end to end: two learners in one group draw on their board and write their strategy at the same time
 * and see each other's work; a learner of another group does not get them; one learner goes offline, keeps
 * drawing, comes back, and both boards converge; the facilitator's gallery shows the work; a reload keeps it.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, waitFor } from '../helpers/roomClients';
import { contentId } from '../../shared/sync/boardFiles';
import { BoardSync } from '../../shared/sync/boardSync';
import { BOARD_CHUNK_TIMEOUT, SCREENSHOTS, drawRectangle, expect, screenshot, test, joinRoom } from './fixtures';

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'Team e2e'] });
});
test.afterAll(async () => {
  await host?.stop();
});

async function joinAs(browser: Browser, name: string, room: HostProcess = host): Promise<{ context: BrowserContext; page: Page }> {
  const page = await joinRoom(browser, (room.line.joinUrls as string[])[0]!, name);
  return { context: page.context(), page };
}

test('a group draws and writes together, offline drawing converges, other groups are kept out, reload keeps it', async ({ browser }) => {
  test.setTimeout(240_000); // bounds a hang only: three learners, a console and two boards
  const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const console_ = await facilitator.newPage();
  await console_.goto(host.line.facilitatorUrl as string);
  const ann = await joinAs(browser, 'Ann');
  const ben = await joinAs(browser, 'Ben');
  const cat = await joinAs(browser, 'Cat');

  // Two groups; then put Ann and Ben together and Cat on her own.
  await console_.getByLabel('Group size').fill('2');
  await console_.getByRole('button', { name: 'Form groups' }).click();
  await expect(console_.locator('[data-testid^="group-team-"]')).toHaveCount(2);
  // Drag and drop a person onto a group (the "Move to" list does the same from the keyboard).
  const groupOf = async (name: string) =>
    ((await console_.locator('[data-testid^="group-team-"]', { hasText: name }).getAttribute('data-testid')) ?? '').replace('group-', '');
  const dragTo = async (name: string, team: string) => {
    if ((await groupOf(name)) === team) return;
    await console_.locator('.group-member strong', { hasText: name }).dragTo(console_.getByTestId(`group-${team}`));
    await expect(console_.getByTestId(`group-${team}`)).toContainText(name);
  };
  await dragTo('Ann', (await groupOf('Ann')) === 'team-1' ? 'team-2' : 'team-1'); // always one real drag
  await dragTo('Ann', 'team-1');
  await dragTo('Ben', 'team-1');
  await console_.getByLabel('Move Cat to').selectOption({ label: 'Team 2' });
  await expect(console_.getByTestId('group-team-1')).toContainText('Ann');
  await expect(console_.getByTestId('group-team-1')).toContainText('Ben');
  for (const { page } of [ann, ben]) await expect(page.getByTestId('my-group')).toContainText('Your group: Team 1');
  await expect(cat.page.getByTestId('my-group')).toContainText('Your group: Team 2');

  // The group's notes start as the Explore comparison worksheet, once, whoever opened them first.
  const notes = (page: Page) => page.getByRole('textbox', { name: 'Team 1 notes' });
  for (const { page } of [ann, ben]) await expect(notes(page)).toContainText('1. Primary artifacts');
  await expect(notes(ann.page).getByRole('heading', { name: '2. Versioning' })).toHaveCount(1);
  await notes(ann.page).getByRole('heading', { name: '1. Primary artifacts' }).click();
  await ann.page.keyboard.press('End');
  await ann.page.keyboard.type(' (Ann)');
  await expect(notes(ben.page)).toContainText('1. Primary artifacts (Ann)');
  await expect(notes(ben.page).getByRole('heading', { name: /Versioning/ })).toHaveCount(1);

  // The team picks its roles: Ann takes the data steward; Ben sees it, and so does the console.
  await ann.page.getByLabel(/Pick your role/).selectOption({ label: 'Data steward' });
  await expect(ann.page.getByTestId('my-role')).toContainText('Data steward (your pick)');
  await expect(ben.page.getByTestId('teammates')).toContainText('Ann (Data steward)');
  await expect(console_.getByLabel('Role of Ann')).toContainText('Their pick: Data steward');

  // Both open the board; Ann draws, Ben sees it; Ben draws, Ann sees both.
  for (const { page } of [ann, ben, cat]) await page.getByText('Our board').click();
  for (const { page } of [ann, ben, cat])
    await expect(page.getByTestId('team-board').locator('canvas').first()).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
  await drawRectangle(ann.page, 0);
  await expect(ann.page.getByTestId('team-board')).toHaveAttribute('data-elements', '1');
  await expect(ben.page.getByTestId('team-board')).toHaveAttribute('data-elements', '1');
  await drawRectangle(ben.page, 200);
  await expect(ann.page.getByTestId('team-board')).toHaveAttribute('data-elements', '2');
  // Cat's group has its own board: nothing of Team 1 reaches it.
  await expect(cat.page.getByTestId('team-board')).toHaveAttribute('data-elements', '0');

  // The strategy, written at the same time by both.
  for (const { page } of [ann, ben, cat]) await page.getByText('Our MLOps strategy').click();
  const field = (page: Page) => page.getByRole('textbox', { name: /your team's answer$/ }).first();
  await field(ann.page).click();
  await field(ben.page).click();
  await Promise.all([ann.page.keyboard.type('Ann: forecast error in MWh. '), ben.page.keyboard.type('Ben: outage minutes avoided. ')]);
  for (const { page } of [ann, ben]) {
    await expect(field(page)).toContainText('Ann: forecast error in MWh.');
    await expect(field(page)).toContainText('Ben: outage minutes avoided.');
  }
  await expect(field(cat.page)).not.toContainText('Ann');

  // Ben goes offline and keeps drawing; Ann draws too; back online, both boards converge.
  await ben.context.setOffline(true);
  await expect(ben.page.locator('main [data-status]').first()).toHaveAttribute('data-status', 'offline');
  await drawRectangle(ben.page, 400);
  await drawRectangle(ann.page, 600);
  await expect(ben.page.getByTestId('team-board')).toHaveAttribute('data-elements', '3');
  await expect(ann.page.getByTestId('team-board')).toHaveAttribute('data-elements', '3');
  await ben.context.setOffline(false);
  for (const { page } of [ann, ben]) await expect(page.getByTestId('team-board')).toHaveAttribute('data-elements', '4');
  await screenshot(ann.page, 'team-board');
  // Every rectangle arrived whole (not as the zero-size shape it starts as while being drawn).
  const watcher = connectClient(host.url, host.line.room as string, {
    secret: new URL(host.line.facilitatorUrl as string).hash.replace('#key=', ''),
  });
  await watcher.whenSynced('team/team-1/board');
  const shapes = new BoardSync(watcher.doc('team/team-1/board')).elements().filter((e) => !e.isDeleted) as unknown as {
    type: string;
    width: number;
    height: number;
  }[];
  expect(shapes).toHaveLength(4);
  for (const shape of shapes) expect(shape).toMatchObject({ type: 'rectangle', width: expect.any(Number), height: expect.any(Number) });
  expect(shapes.every((e) => e.width >= 50 && e.height >= 50)).toBe(true);
  // Pointers: where Ann's pointer is on the board reaches her group (and the facilitator), with her name.
  const board = ann.page.getByTestId('team-board');
  const area = (await board.boundingBox())!;
  await ann.page.mouse.move(area.x + 300, area.y + 300, { steps: 5 });
  const presence = watcher.awareness('team/team-1/board');
  await expect
    .poll(() => [...presence.getStates().values()].map((s) => (s as { pointer?: { name: string } }).pointer?.name))
    .toContain('Ann');
  watcher.close();

  // Cat builds her diagram from the content's MLOps pieces: the board's library holds them.
  const catBoard = cat.page.getByTestId('team-board');
  await catBoard.scrollIntoViewIfNeeded();
  await catBoard.getByTitle('Library').first().click();
  const pieces = cat.page.locator('.library-unit');
  await expect(pieces).toHaveCount(13);
  await screenshot(cat.page, 'board-library');
  await pieces.nth(3).click(); // the model registry (pieces are in the content's order)
  await expect.poll(async () => Number(await catBoard.getAttribute('data-elements'))).toBeGreaterThan(5);
  const cats = Number(await catBoard.getAttribute('data-elements'));

  // The facilitator's gallery shows each group's work: board pictures, notes, strategy progress.
  await expect(console_.getByTestId('progress-team-1')).toContainText('Strategy: 1 of');
  const gallery = console_.getByTestId('team-gallery');
  await expect(gallery.getByTestId('team-work-team-1').getByTestId('board-preview')).toHaveAttribute('data-elements', '4');
  await expect(gallery.getByTestId('team-work-team-2').getByTestId('board-preview')).toHaveAttribute('data-elements', String(cats));
  await expect(gallery.getByRole('img', { name: 'Team 1 board: 4 shapes' })).toBeVisible();
  await expect(gallery.getByRole('img', { name: `Team 2 board: ${cats} shapes` })).toBeVisible();
  await expect(gallery.getByTestId('team-work-team-1')).toContainText('1. Primary artifacts (Ann)');
  await gallery.getByTestId('team-work-team-2').getByText('Open the board').click();
  await expect(gallery.getByTestId('team-work-team-2').getByTestId('team-board')).toHaveAttribute('data-elements', String(cats));
  await screenshot(console_, 'team-gallery', true);

  // For the presentations the facilitator shares Team 1's work: Cat (Team 2) can now read it, and only read it.
  await expect(cat.page.getByTestId('shared-teams')).toHaveCount(0);
  await console_.getByTestId('group-team-1').getByRole('button', { name: 'Share with the room' }).click();
  const shared = cat.page.getByTestId('shared-teams');
  await shared.getByText("Team 1's work").click();
  await expect(shared.getByRole('img', { name: 'Team 1 board: 4 shapes' })).toBeVisible();
  await expect(shared.getByRole('textbox', { name: 'Team 1 notes (read-only)' })).toContainText('1. Primary artifacts (Ann)');
  await expect(shared.getByRole('textbox', { name: 'Team 1 notes (read-only)' })).toHaveAttribute('contenteditable', 'false');
  await screenshot(cat.page, 'learner-shared-team');

  // A reload keeps everything.
  await ann.page.reload();
  await ann.page.getByText('Our board').click();
  await expect(ann.page.getByTestId('team-board')).toHaveAttribute('data-elements', '4');
  await ann.page.getByText('Our MLOps strategy').click();
  await expect(field(ann.page)).toContainText('Ben: outage minutes avoided.');
  await screenshot(ann.page, 'team-strategy');
  for (const c of [ann, ben, cat]) await c.context.close();
  await facilitator.close();
});

test('learners choose their group (first come first served, closing places the rest), then brainstorm on the room board', async ({
  browser,
}) => {
  test.setTimeout(180_000); // bounds a hang only
  const session = await startHostProcess({ args: ['--session', 'Choose e2e'] });
  try {
    const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const console_ = await facilitator.newPage();
    await console_.goto(session.line.facilitatorUrl as string);
    const join = (name: string) => joinAs(browser, name, session);
    const dan = await join('Dan');
    const eva = await join('Eva');
    const fin = await join('Fin');
    await expect(console_.getByText(/Roster · 3 online/)).toBeVisible();

    await console_.getByLabel('Group size').fill('2');
    await console_.getByLabel('Groups', { exact: true }).selectOption({ label: 'Learners choose' });
    await console_.getByRole('button', { name: 'Form groups' }).click();
    await expect(console_.locator('[data-testid^="group-team-"]')).toHaveCount(2);
    for (const { page } of [dan, eva]) await expect(page.getByTestId('choose-group')).toContainText('Choose your group');

    await dan.page.getByRole('button', { name: 'Join Team 1' }).click();
    await expect(dan.page.getByTestId('choose-group')).toContainText('You are here');
    await expect(dan.page.getByTestId('my-group')).toContainText('Your group: Team 1');
    // Each group holds one more than the size (3): Eva joins Dan, then changes her mind for Team 2.
    await expect(eva.page.getByTestId('choose-group')).toContainText('1/3 — Dan');
    await eva.page.getByRole('button', { name: 'Join Team 1' }).click();
    await expect(eva.page.getByTestId('my-group')).toContainText('With Dan');
    await eva.page.getByRole('button', { name: 'Join Team 2' }).click();
    await expect(eva.page.getByTestId('my-group')).toContainText('Your group: Team 2');
    await expect(console_.getByTestId('group-team-2')).toContainText('Eva');
    await screenshot(eva.page, 'choose-group');

    await console_.getByRole('button', { name: /Close choosing/ }).click();
    for (const { page } of [dan, eva]) await expect(page.getByTestId('choose-group')).toHaveCount(0);
    await expect(dan.page.getByTestId('my-group')).toContainText('Your group: Team 1');
    // Fin never chose: closing puts him in the smallest group (a tie: the first).
    await expect(fin.page.getByTestId('choose-group')).toHaveCount(0);
    await expect(fin.page.getByTestId('my-group')).toContainText('Your group: Team 1');
    await expect(console_.getByTestId('group-team-1')).toContainText('Fin');

    // A late joiner is listed as not in a group, and dragged into one.
    const gil = await join('Gil');
    const none = console_.getByTestId('group-none');
    await expect(none).toContainText('Gil');
    await none.locator('.group-member strong', { hasText: 'Gil' }).dragTo(console_.getByTestId('group-team-2'));
    await expect(gil.page.getByTestId('my-group')).toContainText('Your group: Team 2');
    await expect(none).toHaveCount(0);
    // Re-forming asks first; cancelling changes nothing.
    await console_.getByRole('button', { name: 'Re-form groups…' }).click();
    await expect(console_.getByRole('group', { name: 'Confirm re-forming' })).toContainText('stay with its team number');
    await console_.getByRole('button', { name: 'Cancel' }).click();
    await expect(console_.getByTestId('group-team-2')).toContainText('Gil');

    // Engage's room-wide brainstorm: the facilitator opens it on every screen; Dan draws; the console's picture and
    // the projector follow.
    await console_.getByRole('button', { name: 'Start the first phase' }).click();
    const presenter = await facilitator.newPage();
    const facilitatorUrl = new URL(session.line.facilitatorUrl as string);
    await presenter.goto(`${facilitatorUrl.origin}/present/${session.line.room as string}${facilitatorUrl.hash}`);
    await console_.getByTestId('brainstorm-card').getByRole('button', { name: 'Open it on every screen' }).click();
    await expect(presenter.getByRole('heading', { name: 'Room brainstorm' })).toBeVisible();
    await expect(dan.page.getByTestId('pushed-brainstorm')).toBeVisible();
    await expect(dan.page.getByTestId('team-board').locator('canvas').first()).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
    await drawRectangle(dan.page);
    await expect(console_.getByTestId('brainstorm-card').getByRole('img', { name: 'Room brainstorm: 1 shape' })).toBeVisible();
    await expect(fin.page.getByTestId('team-board')).toHaveAttribute('data-elements', '1');
    await screenshot(console_, 'console-brainstorm', true);
    await expect(presenter.getByRole('img', { name: 'Room brainstorm: 1 shape' })).toBeVisible();
    await screenshot(presenter, 'presenter-brainstorm');

    // Entries that are not elements, written into the room board by a peer (here a Node client with the shared
    // code), break nobody's board: viewers skip them.
    const errors: string[] = [];
    for (const c of [dan, fin]) c.page.on('pageerror', (e) => errors.push(e.message));
    const mallory = connectClient(session.url, session.line.room as string, { name: 'Mallory' });
    await mallory.whenSynced('room/brainstorm');
    const raw = mallory.doc('room/brainstorm').getMap<unknown>('elements');
    mallory.doc('room/brainstorm').transact(() => {
      raw.set('poison', null);
      raw.set('junk', 'text');
      raw.set('list', [1, 2]);
      raw.set('half', { id: 'half', version: 3 });
      raw.set('bad', { id: 'bad', type: 'rectangle', version: 2, versionNonce: 1, x: 'left' });
    });
    await waitFor(() => mallory.pendingCount === 0, 'the junk saved on the host');
    mallory.close();

    // What the facilitator draws on the room board goes to the facilitator's layer (layer/brainstorm): every
    // learner sees it, locked; a learner's select-all + Delete removes the learners' shapes only. A picture the
    // facilitator pastes is shared through the document, named by the hash of its content.
    const card = console_.getByTestId('brainstorm-card');
    await card.getByText('Open the board').click();
    await expect(card.getByTestId('team-board').locator('canvas').first()).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
    await drawRectangle(console_);
    await expect(fin.page.getByTestId('team-board')).toHaveAttribute('data-elements', '2');
    const board = card.getByTestId('team-board');
    const box = (await board.boundingBox())!;
    await console_.mouse.click(box.x + box.width - 120, box.y + box.height - 120);
    await console_.evaluate(async () => {
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [160, 100];
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#e8590c';
      ctx.fillRect(0, 0, 160, 100);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(30, 25, 100, 50);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const data = new DataTransfer();
      data.items.add(new File([blob], 'picture.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await expect(fin.page.getByTestId('team-board')).toHaveAttribute('data-elements', '3');
    const watcher = connectClient(session.url, session.line.room as string, { secret: facilitatorUrl.hash.replace('#key=', '') });
    await Promise.all([watcher.whenSynced('room/brainstorm'), watcher.whenSynced('layer/brainstorm')]);
    const layer = new BoardSync(watcher.doc('layer/brainstorm'));
    await waitFor(
      () => layer.files.all().length === 1 && layer.elements().length === 2,
      'the facilitator’s rectangle and picture in the layer',
    );
    const picture = layer.files.all()[0]!;
    expect(picture.id).toBe(contentId(picture.dataURL));
    expect(layer.elements().find((e) => e.type === 'image')).toMatchObject({ fileId: picture.id });
    const finBoard = fin.page.getByTestId('team-board');
    await finBoard.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await finBoard.screenshot({ path: `${SCREENSHOTS}/brainstorm-with-layer.png` });

    // A picture too large to share stays with its author, who is told so; nobody else gets an empty frame.
    await console_.mouse.click(box.x + 120, box.y + box.height - 120);
    await console_.evaluate(async () => {
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [1400, 1400];
      const ctx = canvas.getContext('2d')!;
      const noise = ctx.createImageData(1400, 1400);
      for (let i = 0; i < noise.data.length; i++) noise.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
      ctx.putImageData(noise, 0, 0);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const data = new DataTransfer();
      data.items.add(new File([blob], 'noise.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await expect(card.getByTestId('board-message')).toContainText('too large to share', { timeout: 60_000 });
    await expect(card.getByTestId('team-board')).toHaveAttribute('data-elements', '4');
    await expect(fin.page.getByTestId('team-board')).toHaveAttribute('data-elements', '3');
    expect(layer.elements()).toHaveLength(2);

    const danBoard = dan.page.getByTestId('team-board');
    const danBox = (await danBoard.boundingBox())!;
    await dan.page.mouse.click(danBox.x + danBox.width / 2, danBox.y + danBox.height - 120);
    await dan.page.keyboard.press('Control+A');
    await dan.page.keyboard.press('Delete');
    await expect(danBoard).toHaveAttribute('data-elements', '2');
    await expect(fin.page.getByTestId('team-board')).toHaveAttribute('data-elements', '2');
    await danBoard.screenshot({ path: `${SCREENSHOTS}/brainstorm-after-learner-delete.png` });
    expect(layer.elements().filter((e) => !e.isDeleted)).toHaveLength(2);
    // The junk was skipped, never turned into an element; a writer may have pruned it meanwhile (boardSync prunes
    // entries that are not elements once a minute, so on a slow run it can be gone — either is right).
    expect(watcher.doc('room/brainstorm').getMap('elements').get('poison') ?? null).toBeNull();
    expect(errors).toEqual([]);
    watcher.close();
    for (const c of [dan, eva, fin, gil]) await c.context.close();
    await facilitator.close();
  } finally {
    await session.stop();
  }
});

test('a team marks its ML Test Score together: both see the same score, the strategy shows it, the console lists it', async ({
  browser,
}) => {
  test.setTimeout(180_000); // bounds a hang only
  const session = await startHostProcess({ args: ['--session', 'MTS e2e'] });
  const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const console_ = await facilitator.newPage();
  await console_.goto(session.line.facilitatorUrl as string);
  const ann = await joinAs(browser, 'Ann', session);
  const ben = await joinAs(browser, 'Ben', session);
  await console_.getByLabel('Group size').fill('2');
  await console_.getByRole('button', { name: 'Form groups' }).click();
  for (const { page } of [ann, ben]) await expect(page.getByTestId('my-group')).toContainText('Your group: Team 1');

  for (const { page } of [ann, ben]) await page.getByText('Our ML Test Score').click();
  const group = (page: Page, title: string) => page.getByTestId('team-mltestscore').getByRole('radiogroup', { name: title, exact: true });
  const sections = await ann.page.getByTestId('team-mltestscore').locator('section').all();
  expect(sections).toHaveLength(4);
  // Ann marks every test of each section "Automated" except the monitoring section, which Ben does by hand.
  for (const [i, section] of sections.entries()) {
    const titles = await section.getByRole('radiogroup').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    for (const title of titles.slice(0, 3)) {
      if (i < 3) await group(ann.page, title).getByRole('radio', { name: 'Automated (1)' }).check();
      else await group(ben.page, title).getByRole('radio', { name: 'Manual (0.5)' }).check();
    }
  }
  // min(3, 3, 3, 1.5) = 1.5, on both screens.
  for (const { page } of [ann, ben]) {
    await expect(page.getByTestId('team-mltestscore').getByTestId('mts-final')).toHaveText('1.5');
    await expect(page.getByTestId('team-mltestscore').getByTestId('mts-band')).toContainText('1.5–2');
  }
  await screenshot(ben.page, 'team-ml-test-score');

  // Attached to the strategy.
  await ann.page.getByText('Our MLOps strategy').click();
  await expect(ann.page.getByTestId('strategy-mltestscore')).toContainText('ML Test Score: 1.5');
  // On the console, one row per team.
  const row = console_.getByTestId('mts-row-team-1');
  await expect(row).toContainText('1.5');
  await expect(row.locator('td')).toHaveText(['3', '3', '3', '1.5', '1.5', '1.5–2', '12/28']);
  await console_.locator('#mltestscore').scrollIntoViewIfNeeded();
  await screenshot(console_, 'console-ml-test-score');

  for (const c of [ann, ben]) await c.context.close();
  await facilitator.close();
  await session.stop();
});
