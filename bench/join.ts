/**
 * `npm run bench:join -- [--learners 60] [--wave N] [--keep-data]`
 *
 * Joining, as a room does it: a real host (the built app, loopback, --no-discovery) and N learners in Debian's
 * Chromium, each a fresh browser context (a new phone: no cache, no storage), opening the join URL, typing a name
 * and pressing Join, in waves of --wave at once (60 pages at the same moment do not fit a 2-core machine; a wave
 * starts when the previous one is on the room screen). After its wave a learner's browser closes and a Node client
 * joins in its place, so the room on the host grows to N while this machine runs one wave of browsers at a time.
 * The default wave is one browser per core of this machine: in a room every learner's browser runs on its own
 * device, so a wave must not make several simulated devices share one core (the host's own CPU per join, ~66 ms, is
 * printed in cpuMsPerJoin). Larger waves measure this machine's cores more than joining: on 2 cores, waves of 5
 * took p95 3.8 s where waves of 2 took 1.5 s, with the same browser CPU per join (~1.4 s).
 * Measured per learner: from opening the URL to the room screen showing "online" (welcomed and synced).
 * `joinPageKbGz`: the JavaScript the join page loads until then (every script response of the first learner,
 * gzipped here at level 9), in KB.
 * Progress goes to stderr; the LAST line of stdout is one JSON object (a contract: keep the key names):
 *   {"learners":60,"p50_join_ms":…,"p95_join_ms":…,"joinPageKbGz":…, …, "phases":{…}, "cpuMsPerJoin":{…}}
 * `phases`: the median learner's join broken down (see Phases); `cpuMsPerJoin`: browser and host CPU per learner
 * (treeCpu.ts), the figure to compare before/after on a busy machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { benchCli } from './cli';
import { startServerChild } from '../tests/helpers/serverChild';
import { connectClient } from '../tests/helpers/roomClients';
import type { RoomClient } from '../shared/sync/roomClient';
import { descendantsCpuMs, processCpuMs } from './treeCpu';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const USAGE = `Usage: npm run bench:join -- [options]
  --learners N   learners who join (default 60), each a fresh Chromium context
  --wave N       learners opening the join URL at the same moment (default: this machine's cores, one simulated
                 device per core)
  --keep-data    keep the host's temporary data folder (its path is printed)`;

const cli = benchCli('bench:join', USAGE);
const args = cli.parse(
  () =>
    parseArgs({
      options: {
        learners: { type: 'string', default: '60' },
        wave: { type: 'string', default: String(availableParallelism()) },
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

/**
 * Phases of one join, in ms from opening the URL (the page's own clock: navigation start is 0), read from the page's
 * Navigation and Resource Timing and from a WebSocket wrapper the bench puts in the page (it only records times):
 * html (the document received), js (the last script received), dcl (DOMContentLoaded), pack (/content/pack.json
 * received), form (the join form on screen), click (Join pressed), wsOpen (the room socket open), welcome (the host's
 * welcome received), online (the room screen says online).
 */
type Phases = Record<'html' | 'js' | 'dcl' | 'pack' | 'form' | 'click' | 'wsOpen' | 'welcome' | 'online', number>;

const WS_TIMES = `(() => {
  const Native = window.WebSocket;
  const marks = (window.__benchWs = {});
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (marks.created === undefined) marks.created = performance.now();
      this.addEventListener('open', () => { if (marks.open === undefined) marks.open = performance.now(); });
      this.addEventListener('message', (ev) => {
        if (marks.welcome === undefined && typeof ev.data === 'string' && ev.data.includes('"welcome"')) marks.welcome = performance.now();
      });
    }
  };
})();`;

/** Read in the page once it is online: the phases its own clock saw (Navigation and Resource Timing, WS_TIMES). */
const PAGE_PHASES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const scriptEnds = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js')).map((r) => r.responseEnd);
  const pack = resources.find((r) => r.name.includes('/content/pack.json'));
  const ws = window.__benchWs || {};
  return { html: nav ? nav.responseEnd : 0, dcl: nav ? nav.domContentLoadedEventEnd : 0, js: Math.max(0, ...scriptEnds), pack: pack ? pack.responseEnd : 0, wsOpen: ws.open || 0, welcome: ws.welcome || 0 };
})()`;

/** One learner: a fresh context opens the join URL, names itself and joins; resolves with the time to "online". */
async function joinOnce(
  browser: Browser,
  url: string,
  name: string,
  scripts?: Map<string, Buffer>,
): Promise<{ ms: number; page: Page; phases: Phases }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(WS_TIMES);
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
  const form = performance.now() - started;
  await page.getByRole('button', { name: /Join room/ }).click();
  const click = performance.now() - started;
  await page.locator('main [data-status="online"]').first().waitFor({ timeout: 120_000 });
  const ms = performance.now() - started;
  const inPage = (await page.evaluate(PAGE_PHASES)) as Omit<Phases, 'form' | 'click' | 'online'>;
  return { ms, page, phases: { ...inPage, form, click, online: ms } };
}

execFileSync(process.execPath, [join(repoRoot, 'scripts', 'ensure-built.mjs')], { stdio: ['ignore', 'ignore', 'inherit'], cwd: repoRoot });
const dataDir = mkdtempSync(join(tmpdir(), 'wk-bench-join-'));
const host = await startServerChild<{ url: string; room: string; joinUrls: string[] }>(
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
    // Every learner comes from 127.0.0.1 here, unlike a classroom's devices: lift the per-address budgets.
    '--budget',
    'newLearnersPerAddressPerMinute=1000',
    '--budget',
    'maxConnectionsPerAddress=1000',
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
const phaseRuns: Phases[] = [];
// CPU spent while a wave joins (from its start until every page of it is online): the browsers and the host.
let browserCpuMs = 0;
let hostCpuMs = 0;
const scripts = new Map<string, Buffer>();
const stand: RoomClient[] = [];
try {
  for (let first = 0; first < learners; first += wave) {
    const size = Math.min(wave, learners - first);
    const cpuAt = { browser: descendantsCpuMs(process.pid, [host.pid]), host: processCpuMs(host.pid) };
    const results = await Promise.all(
      Array.from({ length: size }, (_, i) => joinOnce(browser, joinUrl, `Learner ${first + i + 1}`, first + i === 0 ? scripts : undefined)),
    );
    browserCpuMs += descendantsCpuMs(process.pid, [host.pid]) - cpuAt.browser;
    hostCpuMs += processCpuMs(host.pid) - cpuAt.host;
    for (const r of results) {
      times.push(r.ms);
      phaseRuns.push(r.phases);
    }
    // The wave's browsers leave and Node clients take their places in the room: the room grows to N on the host,
    // while this machine runs one wave of browsers at a time (sixty live Chromium pages on two cores would measure
    // this machine, not the join).
    await Promise.all(results.map((r) => r.page.context().close()));
    for (let i = 0; i < size; i++) stand.push(connectClient(host.line.url, host.line.room, { name: `Learner ${first + i + 1}` }));
    log(`bench:join: ${first + size}/${learners} joined (this wave: ${results.map((r) => Math.round(r.ms)).join(', ')} ms)`);
  }
} finally {
  for (const c of stand) c.close();
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
    // The median learner's phases, each in ms from opening the URL (see Phases above).
    phases: Object.fromEntries(
      (Object.keys(phaseRuns[0] ?? {}) as (keyof Phases)[]).map((k) => [
        k,
        round(
          percentile(
            phaseRuns.map((p) => p[k]).sort((a, b) => a - b),
            50,
          ),
        ),
      ]),
    ),
    // CPU per join while the waves joined (every Chromium process; the host process): comparable on a busy machine.
    cpuMsPerJoin: { browser: Math.round(browserCpuMs / learners), host: Math.round(hostCpuMs / learners) },
    targets: { p95_join_ms: 3000, joinPageKbGz: 400 },
  })}\n`,
);
