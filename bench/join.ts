/**
 * `npm run bench:join -- [--learners 60] [--wave 10] [--keep-data]`
 *
 * Joining, as a room does it: a real host (the built app, loopback, --no-discovery) and N learners in Debian's
 * Chromium, each a fresh browser context (a new phone: no cache, no storage), opening the join URL, typing a name
 * and pressing Join, in waves of --wave at once (60 pages at the same moment do not fit a 2-core machine; a wave
 * starts when the previous one is on the room screen, and every learner stays connected, so the room grows to N).
 * Measured per learner: from opening the URL to the room screen showing "online" (welcomed and synced).
 * `joinPageKbGz`: the JavaScript the join page loads until then (every script response of the first learner,
 * gzipped here at level 9), in KB.
 * Progress goes to stderr; the LAST line of stdout is one JSON object (a contract: keep the key names):
 *   {"learners":60,"p50_join_ms":…,"p95_join_ms":…,"joinPageKbGz":…, …}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { benchCli } from './cli';
import { startServerChild } from '../tests/helpers/serverChild';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const USAGE = `Usage: npm run bench:join -- [options]
  --learners N   learners who join (default 60), each a fresh Chromium context
  --wave N       learners opening the join URL at the same moment (default 10)
  --keep-data    keep the host's temporary data folder (its path is printed)`;

const cli = benchCli('bench:join', USAGE);
const args = cli.parse(
  () =>
    parseArgs({
      options: {
        learners: { type: 'string', default: '60' },
        wave: { type: 'string', default: '10' },
        'keep-data': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values,
);
const learners = cli.number('learners', args.learners, 1);
const wave = Math.min(learners, cli.number('wave', args.wave, 1));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

/** One learner: a fresh context opens the join URL, names itself and joins; resolves with the time to "online". */
async function joinOnce(browser: Browser, url: string, name: string, scripts?: Map<string, Buffer>): Promise<{ ms: number; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  if (scripts) {
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      void response
        .body()
        .then((body) => scripts.set(response.url(), body))
        .catch(() => undefined);
    });
  }
  const started = performance.now();
  await page.goto(url);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: /Join room/ }).click();
  await page.locator('main [data-status="online"]').first().waitFor({ timeout: 120_000 });
  return { ms: performance.now() - started, page };
}

execFileSync(process.execPath, [join(repoRoot, 'scripts', 'ensure-built.mjs')], { stdio: ['ignore', 'ignore', 'inherit'], cwd: repoRoot });
const dataDir = mkdtempSync(join(tmpdir(), 'wk-bench-join-'));
const host = await startServerChild<{ room: string; joinUrls: string[] }>(
  'host',
  [
    '--import',
    'tsx',
    'electron/host/cli.ts',
    '--port',
    '0',
    '--bind',
    '127.0.0.1',
    '--no-discovery',
    '--data',
    dataDir,
    '--session',
    'Join bench',
  ],
  { cwd: repoRoot },
);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const joinUrl = host.line.joinUrls[0]!;
const times: number[] = [];
const scripts = new Map<string, Buffer>();
const pages: Page[] = [];
try {
  for (let first = 0; first < learners; first += wave) {
    const size = Math.min(wave, learners - first);
    const results = await Promise.all(
      Array.from({ length: size }, (_, i) => joinOnce(browser, joinUrl, `Learner ${first + i + 1}`, first + i === 0 ? scripts : undefined)),
    );
    for (const r of results) {
      times.push(r.ms);
      pages.push(r.page);
    }
    log(`bench:join: ${first + size}/${learners} joined (this wave: ${results.map((r) => Math.round(r.ms)).join(', ')} ms)`);
  }
} finally {
  await browser.close();
  await host.stop();
  if (args['keep-data']) log(`bench:join: host data kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}

const sorted = [...times].sort((a, b) => a - b);
const joinPageKbGz = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0) / 1024;
process.stdout.write(
  `${JSON.stringify({
    learners,
    p50_join_ms: round(percentile(sorted, 50)),
    p95_join_ms: round(percentile(sorted, 95)),
    joinPageKbGz: round(joinPageKbGz),
    max_join_ms: round(sorted.at(-1) ?? 0),
    wave,
    scripts: scripts.size,
    targets: { p95_join_ms: 3000, joinPageKbGz: 400 },
  })}\n`,
);
