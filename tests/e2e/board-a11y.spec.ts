/**
 * The room's board for everyone (issue 14, points 1, 2 and 6), on a real host: the board is a named region with a
 * text alternative (its elements as a list, labels, arrow ends and lanes, kept up to date, hostile text cut short)
 * and axe finds no unnamed button on it; a tablet learner opens the full-screen board, draws with a finger and a
 * laptop learner gets the drawing; a phone learner gets the read-only picture, its list and "open on a larger
 * screen"; the sound/vibration option persists across a reload and a new cue goes down the sound path (observed by
 * a spy on the browser's AudioContext and navigator.vibrate, installed before the page's scripts); going offline
 * is announced by one live region, not two.
 *
 * The facilitator is a Node client with the host key: it draws the lanes and notes in its layer of the room board
 * (as the console's board does) and sends the cues (as the console writes them).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, online } from '../helpers/roomClients';
import { BoardSync } from '../../shared/sync/boardSync';
import type { BoardElement } from '../../shared/room/elementMerge';
import type { RoomClient } from '../../shared/sync/roomClient';
import { BOARD_CHUNK_TIMEOUT, drawRectangle, expect, expectImagesLoaded, screenshot, test, joinRoom } from './fixtures';

test.describe.configure({ mode: 'serial' });

let host: HostProcess;
let code: string;
let facilitator: RoomClient;
let laptop: Page;
const contexts: BrowserContext[] = [];
const BOARD = "The room's brainstorm board";

async function joinAs(browser: Browser, name: string, options: BrowserContextOptions): Promise<Page> {
  const page = await joinRoom(browser, (host.line.joinUrls as string[])[0]!, name, options);
  contexts.push(page.context());
  return page;
}

async function openRoomBoard(page: Page): Promise<void> {
  await page.getByText("The whole room's brainstorm board").click();
}

let seq = 0;
const el = (fields: Partial<BoardElement> & { id: string; type: string }): BoardElement => ({
  version: 1,
  versionNonce: ++seq,
  x: 0,
  y: 0,
  width: 100,
  height: 60,
  ...fields,
});
const text = (id: string, containerId: string | null, value: string, x: number, y: number): BoardElement =>
  el({ id, type: 'text', x, y, width: 120, height: 25, text: value, originalText: value, containerId, fontSize: 20 });

/** The facilitator's lanes and notes (its layer: learners see them locked), an arrow between two notes, hostile text. */
function drawFacilitatorLayer(): void {
  const layer = new BoardSync(facilitator.doc('layer/brainstorm'));
  layer.pushLocal([
    el({ id: 'lane', type: 'rectangle', x: 0, y: 0, width: 700, height: 420, boundElements: [{ id: 'lane-t', type: 'text' }] }),
    text('lane-t', 'lane', 'Monitor', 300, 10),
    el({
      id: 'note',
      type: 'rectangle',
      x: 40,
      y: 120,
      width: 180,
      height: 80,
      boundElements: [
        { id: 'note-t', type: 'text' },
        { id: 'arrow', type: 'arrow' },
      ],
    }),
    text('note-t', 'note', 'Data drift', 60, 140),
    el({
      id: 'src',
      type: 'rectangle',
      x: 400,
      y: 120,
      width: 180,
      height: 80,
      boundElements: [
        { id: 'src-t', type: 'text' },
        { id: 'arrow', type: 'arrow' },
      ],
    }),
    text('src-t', 'src', 'Data source', 420, 140),
    el({
      id: 'arrow',
      type: 'arrow',
      x: 400,
      y: 160,
      width: -180,
      height: 0,
      points: [
        [0, 0],
        [-180, 0],
      ],
      startBinding: { elementId: 'src', focus: 0, gap: 1 },
      endBinding: { elementId: 'note', focus: 0, gap: 1 },
    }),
    text('long', null, `Hostile ${'very '.repeat(2_000)}long note\u0007`, 40, 500),
  ]);
}

test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'Board a11y e2e'] });
  code = host.line.room as string;
  const key = new URL(host.line.facilitatorUrl as string).hash.replace('#key=', '');
  facilitator = connectClient(host.url, code, { secret: key });
  await online(facilitator);
  await facilitator.whenSynced('session');
  await facilitator.whenSynced('layer/brainstorm');
});
test.afterAll(async () => {
  facilitator?.close();
  for (const c of contexts) await c.close();
  await host?.stop();
});

test('the board is a named region with its elements as a list, kept up to date; axe finds no unnamed button on it', async ({ browser }) => {
  laptop = await joinAs(browser, 'Lena', { viewport: { width: 1280, height: 900 } });
  await openRoomBoard(laptop);
  const region = laptop.getByRole('region', { name: `${BOARD} — drawing canvas` });
  await expect(region.locator('canvas').first()).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
  const list = laptop.getByTestId('board-list');
  await expect(list.locator('summary')).toHaveText(`${BOARD} as a list: The board is empty.`);
  // The region's description is the list's summary: a screen reader hears the count on entering the board.
  await expect(region).toHaveAccessibleDescription(`${BOARD} as a list: The board is empty.`);

  drawFacilitatorLayer();
  await expect(list.locator('summary')).toHaveText(`${BOARD} as a list: 5 items on the board`);
  await list.locator('summary').click();
  const items = list.getByRole('listitem');
  await expect(items).toHaveText([
    'rectangle “Monitor” (locked)',
    'rectangle “Data drift” in “Monitor” (locked)',
    'rectangle “Data source” in “Monitor” (locked)',
    'arrow from “Data source” to “Data drift” in “Monitor” (locked)',
    /^text “Hostile very very .*…” \(locked\)$/,
  ]);
  const hostile = (await items.last().textContent()) ?? '';
  expect(hostile.length, 'hostile text cut short').toBeLessThan(120);

  // The learner draws: the list follows the local change too.
  await drawRectangle(laptop, 700);
  await expect(list.locator('summary')).toHaveText(`${BOARD} as a list: 6 items on the board`);
  await expect(items.filter({ hasText: /^rectangle$/ })).toHaveCount(1);
  await region.evaluate((node) => node.scrollIntoView({ block: 'start' }));
  await screenshot(laptop, 'board-a11y-list');

  // axe on the board and its list: no button without a name (Excalidraw's own included), nothing serious or critical.
  const results = await new AxeBuilder({ page: laptop })
    .include('[data-testid="team-board"]')
    .include('[data-testid="board-list"]')
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
  expect(bad, 'axe violations on the board').toEqual([]);
});

test('a tablet learner draws on the full-screen board with a finger; a laptop learner gets it', async ({ browser }) => {
  const tablet = await joinAs(browser, 'Tom', { viewport: { width: 820, height: 1180 }, hasTouch: true });
  await openRoomBoard(tablet);
  await tablet.getByRole('button', { name: 'Full screen board' }).tap();
  const dialog = tablet.getByRole('dialog', { name: 'Room board, full screen' });
  await expect(dialog).toBeVisible();
  const board = dialog.getByTestId('team-board');
  await expect(board.locator('canvas').first()).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
  // Full screen: the board takes most of the tablet's height.
  await expect(async () => {
    const box = (await board.boundingBox())!;
    expect(box.height).toBeGreaterThan(1180 * 0.7);
  }).toPass();
  // Elements, labels included: the facilitator's 8 and Lena's rectangle.
  await expect(board).toHaveAttribute('data-elements', '9');

  // A finger drags a rectangle: real touch events (touchstart/move/end), as a tablet sends them.
  await board
    .getByTitle(/Rectangle/)
    .first()
    .tap();
  const box = (await board.boundingBox())!;
  const cdp = await tablet.context().newCDPSession(tablet);
  const at = (x: number, y: number) => [{ x: box.x + x, y: box.y + y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(300, 800) });
  for (let step = 1; step <= 6; step++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(300 + step * 25, 800 + step * 15) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect(board).toHaveAttribute('data-elements', '10');
  await expect(laptop.getByTestId('team-board')).toHaveAttribute('data-elements', '10');
  await expect(laptop.getByTestId('board-list').locator('summary')).toHaveText(`${BOARD} as a list: 7 items on the board`);
  await screenshot(tablet, 'board-tablet-full-screen');

  // Escape belongs to the board here (it ends the tool or the selection); the button leaves full screen.
  await dialog.getByRole('button', { name: 'Leave full screen' }).tap();
  await expect(dialog).toHaveCount(0);
  await expect(tablet.getByRole('button', { name: 'Full screen board' })).toBeVisible();
});

test('a phone learner gets the picture, its list and "open on a larger screen"', async ({ browser }) => {
  const phone = await joinAs(browser, 'Pip', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await openRoomBoard(phone);
  const picture = phone.getByTestId('board-phone');
  await expect(picture).toContainText('open it on a larger screen');
  await expect(picture.getByRole('img', { name: `${BOARD}: 10 shapes` })).toBeVisible({ timeout: BOARD_CHUNK_TIMEOUT });
  await expect(phone.getByTestId('team-board')).toHaveCount(0);
  await expect(picture.getByTestId('board-list').locator('summary')).toHaveText(`${BOARD} as a list: 7 items on the board`);
  await picture.getByTestId('board-list').locator('summary').click();
  await expect(picture.getByRole('listitem').filter({ hasText: 'arrow from “Data source” to “Data drift”' })).toHaveCount(1);
  await expectImagesLoaded(phone);
  await picture.evaluate((node) => node.scrollIntoView({ block: 'start' }));
  await screenshot(phone, 'board-phone-picture');
});

/** Installed before the page's scripts: counts the beeps and buzzes the page asks the browser for (no mock host). */
function installCueSpy(): void {
  const log = { oscillators: 0, vibrations: [] as unknown[] };
  (window as unknown as { __cueSpy: typeof log }).__cueSpy = log;
  const Original = window.AudioContext;
  if (Original) {
    window.AudioContext = class extends Original {
      override createOscillator(): OscillatorNode {
        log.oscillators += 1;
        return super.createOscillator();
      }
    };
  }
  Object.defineProperty(Navigator.prototype, 'vibrate', {
    configurable: true,
    value: (pattern: unknown) => {
      log.vibrations.push(pattern);
      return true;
    },
  });
}
const cueSpy = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cueSpy: { oscillators: number; vibrations: unknown[] } }).__cueSpy);
const broadcast = (textOf: string) =>
  facilitator.doc('session').getMap('state').set('broadcast', { text: textOf, at: facilitator.hostNow() });

test('the sound/vibration option persists across a reload, and a new cue plays it', async ({ browser }) => {
  const sam = await joinAs(browser, 'Sam', { viewport: { width: 1280, height: 900 } });
  await sam.context().addInitScript(installCueSpy);
  await sam.reload();
  await expect(sam.locator('main [data-status]').first()).toHaveAttribute('data-status', 'online');
  const toggle = sam.getByRole('checkbox', { name: 'Sound or vibration with announcements' });
  await expect(toggle).not.toBeChecked();

  // Off (the default): a message comes, silently.
  broadcast('A quiet message');
  await expect(sam.getByTestId('broadcast')).toContainText('A quiet message');
  await toggle.check();
  await expect(toggle).toBeChecked();
  expect(await cueSpy(sam)).toEqual({ oscillators: 0, vibrations: [] });

  // Remembered on this device; a cue already up when the page loads plays nothing.
  await sam.reload();
  await expect(sam.locator('main [data-status]').first()).toHaveAttribute('data-status', 'online');
  await expect(sam.getByRole('checkbox', { name: 'Sound or vibration with announcements' })).toBeChecked();
  await expect(sam.getByTestId('broadcast')).toContainText('A quiet message');

  // A new message: one beep and a short buzz. "Eyes on the front": a double beep and a longer buzz.
  broadcast('2 minutes left');
  await expect(sam.getByTestId('broadcast')).toContainText('2 minutes left');
  await expect.poll(() => cueSpy(sam)).toEqual({ oscillators: 1, vibrations: [120] });
  facilitator.doc('session').getMap('state').set('blank', true);
  await expect(sam.getByTestId('blank-overlay')).toBeVisible();
  await expect.poll(() => cueSpy(sam)).toEqual({ oscillators: 3, vibrations: [120, [200, 100, 200]] });
  facilitator.doc('session').getMap('state').set('blank', false);
  await expect(sam.getByTestId('blank-overlay')).toHaveCount(0);
});

/** Outermost live regions (aria-live not "off", or a live role) whose text says offline or reconnecting. */
const liveRegionsSaying = (page: Page, pattern: RegExp) =>
  page.evaluate((source) => {
    const re = new RegExp(source, 'i');
    const live = Array.from(document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]')).filter(
      (el) => el.getAttribute('aria-live') !== 'off',
    );
    return live
      .filter((el) => !live.some((other) => other !== el && other.contains(el)))
      .filter((el) => re.test(el.textContent ?? ''))
      .map((el) => (el.textContent ?? '').trim());
  }, pattern.source);

test('going offline is announced by one live region, not two', async ({ browser }) => {
  const ola = await joinAs(browser, 'Ola', { viewport: { width: 1280, height: 900 } });
  const status = ola.locator('main [data-status]').first();
  // As room.spec.ts: the page's service worker is in place before the network goes.
  await ola.evaluate(() => navigator.serviceWorker?.ready);
  await ola.context().setOffline(true);
  await expect(status).toHaveAttribute('data-status', 'offline');
  // Still in sight on the page, and said once: by the pinned cue bar.
  await expect(status).toContainText('Offline');
  await expect(ola.getByTestId('cue-connection')).toBeVisible();
  await expect
    .poll(() => liveRegionsSaying(ola, /offline|reconnecting/))
    .toEqual([expect.stringContaining('Offline: your work is saved on this device')]);
  await screenshot(ola, 'board-a11y-offline-once');

  // Back: the status's live region says so.
  await ola.context().setOffline(false);
  await expect(status).toHaveAttribute('data-status', 'online');
  await expect.poll(() => liveRegionsSaying(ola, /offline|reconnecting/)).toEqual([]);
  await expect(status.getByRole('status')).toHaveText('Synced with the room');
});
