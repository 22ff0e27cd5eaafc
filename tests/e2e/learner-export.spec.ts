/**
 * A team's work on one page, and a learner taking their own work home (issue 13, points 1 and 5), on a real host
 * with the built app. Team Red (Ada in Chromium, Bo a Node client) has written most of its strategy (rich text, one
 * long section, one hostile), drawn on its board and scored its ML Test Score; Ada writes her journal. While Red
 * presents, the projector shows the strategy as one page of cards that fits 1920×1080 and 1280×720, and Cy (Blue, in
 * Chromium) reads the same summary of the shared team. Red's scores are revealed; Ada clicks "Export my work": the
 * status line steps through the export, the download opens from file:// with every request refused and recorded
 * (none is made), and shows each part, with the hostile text inert.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { loadContentDir } from '../../electron/host/contentLoader';
import { rubricSpec } from '../../shared/room/rubricScores';
import { BoardSync } from '../../shared/sync/boardSync';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';
import { BOARD_CHUNK_TIMEOUT, expect, screenshot, test, joinRoom, openOffline } from './fixtures';

const HOSTILE = '<script>document.title="pwned"</script>';
let host: HostProcess;
let admin: RoomClient;
const nodeClients: RoomClient[] = [];
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  host = await startHostProcess({ args: ['--session', 'Take it home'] });
  admin = connectClient(host.url, host.line.room as string, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
  nodeClients.push(admin);
  await admin.whenSynced('session');
});
test.afterAll(async () => {
  for (const c of nodeClients) c.close();
  for (const c of contexts) await c.close();
  await host?.stop();
});

async function joinAs(browser: Browser, name: string): Promise<Page> {
  const page = await joinRoom(browser, (host.line.joinUrls as string[])[0]!, name, { acceptDownloads: true });
  contexts.push(page.context());
  return page;
}

/** A field as TipTap writes it: blocks of paragraphs (or a bullet list), text with marks as attributes. */
function write(doc: Y.Doc, field: string, blocks: (string | [string, string] | string[])[]): void {
  const text = (s: string, bold?: string) => {
    const t = new Y.XmlText();
    t.insert(0, s);
    if (bold) t.insert(s.length, bold, { bold: {} });
    return t;
  };
  const paragraph = (s: string, bold?: string) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [text(s, bold)]);
    return p;
  };
  doc.getXmlFragment(field).insert(
    0,
    blocks.map((b) => {
      if (typeof b === 'string') return paragraph(b);
      if (b.length === 2 && !b[1]!.startsWith('•')) return paragraph(b[0]!, b[1]);
      const list = new Y.XmlElement('bulletList');
      list.insert(
        0,
        b.map((item) => {
          const li = new Y.XmlElement('listItem');
          li.insert(0, [paragraph(item.replace(/^• /, ''))]);
          return li;
        }),
      );
      return list;
    }),
  );
}

test('the projector shows a team strategy on one page; a learner exports their work as one offline HTML file', async ({ browser }) => {
  test.setTimeout(300_000); // bounds a hang only
  const loaded = await loadContentDir('content');
  if (!loaded.ok) throw new Error('content pack invalid');
  const pack = loaded.pack;
  const code = host.line.room as string;
  const sections = pack.templates[0]!.sections;

  const ada = await joinAs(browser, 'Ada Export');
  const cy = await joinAs(browser, 'Cy Blue');
  const bo = connectClient(host.url, code, { name: 'Bo Node' });
  nodeClients.push(bo);
  await online(bo);
  await admin.whenSynced('roster');
  const idOf = (name: string) =>
    [...admin.doc('roster').getMap<{ get(k: string): unknown }>('participants')].find(([, e]) => e.get('name') === name)?.[0];
  await waitFor(() => ['Ada Export', 'Cy Blue'].every((n) => idOf(n)), 'both browsers on the roster');
  await placeGroups(admin, [
    { id: 'red', name: 'Red', members: [idOf('Ada Export')!, bo.welcome!.learnerId] },
    { id: 'blue', name: 'Blue', members: [idOf('Cy Blue')!] },
  ]);
  admin.doc('session').getMap('state').set('elaborateCase', 'elaborate-voltgrid');
  admin.doc('session').getMap('state').set('phase', 'evaluate');

  // Bo fills four of the canvas's five sections (not the third), draws on the board and marks the ML Test Score.
  await waitFor(() => bo.canRead('team/red/strategy'), 'Bo reads his team documents');
  const strategy = bo.doc('team/red/strategy');
  write(strategy, sections[0]!.id, [
    ['Decisions: day-ahead bids by 10:30, transformer replacements. Success: ', 'MAPE below 3% on the day-ahead market.'],
  ]);
  write(strategy, sections[1]!.id, [
    ['• Meter data aggregated per feeder', '• Feast for shared features', '• Great Expectations checks on the three incident sources'],
  ]);
  write(strategy, sections[3]!.id, [
    'Airflow pipelines build, test and train on every merge; monthly continuous training with a validation gate against the champion. '.repeat(
      4,
    ),
  ]);
  write(strategy, sections[4]!.id, [`Postponed: a feature store; versioned tables cover the audit. ${HOSTILE}`]);
  new BoardSync(bo.doc('team/red/board')).pushLocal([
    {
      id: 'r1',
      type: 'rectangle',
      version: 1,
      versionNonce: 1,
      x: 0,
      y: 0,
      width: 220,
      height: 90,
      strokeColor: '#1971c2',
      backgroundColor: '#a5d8ff',
    },
    { id: 't1', type: 'text', version: 1, versionNonce: 2, x: 20, y: 30, width: 180, height: 25, text: 'Feature store' },
    {
      id: 'a1',
      type: 'arrow',
      version: 1,
      versionNonce: 3,
      x: 220,
      y: 45,
      width: 120,
      height: 0,
      points: [
        [0, 0],
        [120, 0],
      ],
    },
    { id: 'r2', type: 'ellipse', version: 1, versionNonce: 4, x: 340, y: 0, width: 200, height: 90 },
    { id: 't2', type: 'text', version: 1, versionNonce: 5, x: 375, y: 30, width: 150, height: 25, text: 'Registry' },
  ]);
  const mtsTests = pack.mltestscore[0]!.categories.flatMap((c) => c.tests.slice(0, 2).map((t) => t.id));
  for (const id of mtsTests) bo.doc('team/red/mltestscore').getMap('marks').set(id, 1);
  await waitFor(() => bo.pendingCount === 0, "Bo's edits saved");

  // Ada writes her journal (Evaluate's prompt comes first), with markup that must stay text.
  const current = ada.getByTestId('journal-current');
  await expect(current).toContainText('Now · Evaluate');
  await current.getByRole('textbox').first().fill(`${HOSTILE} Put our churn model in a registry.`);

  // Red presents: the projector shows the summary, not the template.
  admin.command('queue', { cmd: 'evaluate-queue', teams: ['red', 'blue'], rubric: rubricSpec(pack.rubrics[0]!), seconds: 180 });
  admin.command('start', { cmd: 'evaluate-start', teamId: 'red' });
  admin.command('share', { cmd: 'update-group', teamId: 'red', shared: true }); // as the console does when a slot starts
  await waitFor(() => admin.pendingCount === 0, 'Red started');
  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  contexts.push(projectorContext);
  const projector = await projectorContext.newPage();
  await projector.goto(`${host.url}present/${code}#key=${hostKeyOf(host.line.facilitatorUrl as string)}`);
  const summary = projector.getByTestId('strategy-summary');
  await expect(summary).toHaveAttribute('data-team', 'red');
  await expect(summary).toContainText('Case: VoltGrid');
  await expect(summary.locator('.strategy-card')).toHaveCount(4);
  await expect(summary).toContainText('MAPE below 3% on the day-ahead market.');
  await expect(summary.locator('.strategy-card strong')).toContainText('MAPE below 3%');
  await expect(summary.getByTestId('strategy-not-filled')).toContainText(
    `Not filled: ${sections[2]!.title}`,
  );
  await expect(summary.getByTestId('summary-mltestscore')).toContainText('ML Test Score');
  await expect(summary).toContainText(HOSTILE);
  await expect(summary.locator('[data-clamped="true"]')).toContainText('…');
  await expect(projector.getByTestId('team-strategy')).toHaveCount(0);
  await expect(projector.getByTestId('team-work-red').getByTestId('board-preview').locator('img')).toBeVisible({
    timeout: BOARD_CHUNK_TIMEOUT,
  });
  for (const [width, height, name] of [
    [1920, 1080, 'evaluate-projector-summary'],
    [1280, 720, 'evaluate-projector-summary-720'],
  ] as const) {
    await projector.setViewportSize({ width, height });
    // Its content (the grid row it sits in may be taller, beside the board and notes) ends on the screen.
    const bottom = await summary.evaluate((el) => Math.max(...Array.from(el.children, (c) => c.getBoundingClientRect().bottom)));
    expect(bottom, `the summary fits a ${width}×${height} screen`).toBeLessThanOrEqual(height);
    expect(await summary.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screenshot(projector, name);
  }

  // Cy (Blue) reads the presenting team's work on his own screen: the same summary, read-only.
  const shared = cy.getByTestId('shared-teams');
  await expect(shared.getByText("Red's work")).toBeVisible();
  await shared.getByText("Red's work").click();
  await shared.getByText('Read the strategy').click();
  await expect(shared.getByTestId('strategy-summary')).toContainText('MAPE below 3%');
  await expect(shared.getByTestId('team-strategy')).toHaveCount(0);

  // Scores: Cy and the facilitator score Red, which is then revealed.
  const levels = Object.fromEntries(pack.rubrics[0]!.criteria.map((c) => [c.id, 3]));
  const cyClient = connectClient(host.url, code, { name: 'Cy Node' });
  nodeClients.push(cyClient);
  await online(cyClient);
  admin.command('cy-to-blue', { cmd: 'move-learner', learnerId: cyClient.welcome!.learnerId, teamId: 'blue' });
  await waitFor(() => admin.pendingCount === 0, 'Cy Node placed');
  cyClient.command('cy-score', {
    cmd: 'score',
    teamId: 'red',
    levels,
    strength: 'Clear rollback plan',
    question: 'Who owns drift alerts?',
  });
  admin.command('f-score', { cmd: 'score', teamId: 'red', levels: Object.fromEntries(Object.keys(levels).map((k) => [k, 4])) });
  admin.command('close', { cmd: 'evaluate-close', teamId: 'red', closed: true });
  admin.command('reveal', { cmd: 'evaluate-reveal', teamId: 'red', revealed: true });
  await waitFor(() => cyClient.pendingCount === 0 && admin.pendingCount === 0, 'scores sent and revealed');
  await expect(ada.getByTestId('team-feedback')).toContainText('Clear rollback plan');

  // Ada exports her work; the status line names each step.
  await ada.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { exportSteps: string[] }).exportSteps = seen;
    const line = document.querySelector('[data-testid="export-my-work-status"]')!;
    new MutationObserver(() => seen.push(line.textContent ?? '')).observe(line, { childList: true, characterData: true, subtree: true });
  });
  const exportCard = ada.getByTestId('export-my-work');
  const [download] = await Promise.all([ada.waitForEvent('download'), exportCard.getByRole('button', { name: 'Export my work' }).click()]);
  await expect(exportCard.getByRole('status')).toHaveText(/^Saved my-work-take-it-home-ada-export\.html \(\d+ KB\)/);
  const steps = await ada.evaluate(() => (window as unknown as { exportSteps: string[] }).exportSteps);
  expect(steps).toContain("Reading your team's board… 2 of 5");
  expect(steps).toContain('Building the page… 5 of 5');
  const path = join(tmpdir(), `wk-my-work-${Date.now()}.html`);
  await download.saveAs(path);

  // The file from file://: every request that is not the file itself is refused and recorded.
  const { page, requests } = await openOffline(browser, path, { viewport: { width: 1280, height: 900 } });
  contexts.push(page.context());
  await expect(page).toHaveTitle('Ada Export — my work — Take it home');
  for (const heading of [
    'Ada Export: my work',
    'Our MLOps strategy',
    'Our board',
    'Our ML Test Score',
    'My journal',
    'Scores our team received',
  ])
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  await expect(page.getByText('Case: VoltGrid')).toBeVisible();
  await expect(page.getByRole('heading', { name: sections[3]!.title })).toBeVisible();
  await expect(page.getByText('Feast for shared features')).toBeVisible();
  await expect(page.getByText(`Not filled: ${sections[2]!.title}`)).toBeVisible();
  await expect(page.getByRole('img', { name: /Red's board: Feature store · Registry/ })).toBeVisible();
  await expect(page.getByText(/Final score/)).toBeVisible();
  await expect(page.getByText(`${HOSTILE} Put our churn model in a registry.`)).toBeVisible();
  await expect(page.getByText(/Weighted total: peers 75 \(1 scorers\), facilitator 100/)).toBeVisible();
  await expect(page.getByText('Clear rollback plan')).toBeVisible();
  await expect(page.getByText('Who owns drift alerts?')).toBeVisible();
  expect(await page.locator('script').count()).toBe(0);
  expect(await page.title()).not.toBe('pwned');
  await screenshot(page, 'learner-export', true);
  expect(requests).toEqual([]);
});
