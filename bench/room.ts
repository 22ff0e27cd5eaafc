/**
 * `npm run bench:room -- [--clients 60] [--seconds 20] [--teams N] [--warmup 2] [--seed 1] [--order ours-first|stock-first]
 *                        [--workers N] [--skip-stock] [--cpu-prof DIR] [--keep-data]`
 *
 * Edit propagation in a live room, measured end to end against our real host and, in the same run, against the
 * stock y-websocket server (the baseline of quality-targets.md). See bench/README.md for the method.
 * Progress goes to stderr; the LAST line of stdout is one JSON object (a contract: keep the key names).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { benchCli } from './cli';
import { checkDisk, tsWorker, withTimeout, type HostLine } from './hostRun';
import { hostKeyOf } from '../tests/helpers/roomClients';
import { startServerChild, type ServerChild } from '../tests/helpers/serverChild';
import { ProcessSampler } from './procStats';
import type { ClientThreadSetup, FromThread, ToThread } from './roomWorker';
import {
  SOURCE_ADDRESSES,
  mergeResults,
  now,
  percentile,
  sourceAddress,
  teamOf,
  timeline,
  type SecondReport,
  type WorkloadResult,
} from './workload';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

const USAGE = `Usage: npm run bench:room -- [options]
  --clients N      simulated learners (default 60), plus one facilitator
  --seconds S      measured seconds (default 20)
  --teams N        teams, one document each (default min(10, round(clients/6)), at least 1)
  --warmup S       seconds of the same workload before measuring, not counted (default 2)
  --rate R         edits per learner per second (default 2)
  --seed N         seed of the jittered schedule, the same for both servers (default 1)
  --order O        ours-first (default) or stock-first
  --workers N      client threads, whole teams each (default min(ceil(clients/100), cores, teams): 1 up to 100
                   learners, 2 for 110 or 200 on two cores); one thread cannot receive 200 learners' updates in time
  --rounds N       repeat both measurements N times, alternating the order (default 1); the JSON then holds the
                   median over rounds of each figure (RSS: the maximum; lost and updates: the sums)
  --skip-stock     measure our host only (the "stock" fields are then null)
  --cpu-prof DIR   write V8 CPU profiles of each server child into DIR/ours and DIR/stock (one file per thread;
                   the main thread's is the largest): read them with bench/profileSummary.ts
  --probe          preload bench/hostProbe.ts into each server child: times its fsyncs and event-loop delay
  --experiment X   preload bench/experiments/X.ts into OUR host only (a what-if, e.g. asyncFsync); the JSON line
                   then carries "experiment":"X" so it is never mistaken for a measurement of the shipped host
  --keep-data      keep the host's temporary data folder (its path is printed)`;

const cli = benchCli('bench:room', USAGE);
const args = cli.parse(
  () =>
    parseArgs({
      options: {
        clients: { type: 'string', default: '60' },
        seconds: { type: 'string', default: '20' },
        teams: { type: 'string' },
        warmup: { type: 'string', default: '2' },
        rate: { type: 'string', default: '2' },
        seed: { type: 'string', default: '1' },
        order: { type: 'string', default: 'ours-first' },
        rounds: { type: 'string', default: '1' },
        workers: { type: 'string' },
        'skip-stock': { type: 'boolean', default: false },
        'cpu-prof': { type: 'string' },
        probe: { type: 'boolean', default: false },
        experiment: { type: 'string' },
        'keep-data': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values,
);
const clients = cli.number('clients', args.clients, 2);
const seconds = cli.number('seconds', args.seconds, 1, false);
const teams = args.teams === undefined ? Math.min(10, Math.max(1, Math.round(clients / 6))) : cli.number('teams', args.teams, 1);
const warmupSeconds = cli.number('warmup', args.warmup, 0, false);
const rate = cli.number('rate', args.rate, 0.1, false);
const seed = cli.number('seed', args.seed, 0);
const rounds = cli.number('rounds', args.rounds, 1);
const workers =
  args.workers === undefined ? Math.min(Math.ceil(clients / 100), availableParallelism(), teams) : cli.number('workers', args.workers, 1);
if (workers > teams) cli.fail(`--workers ${workers} is more than the ${teams} team(s): each client thread holds whole teams`);
if (args.order !== 'ours-first' && args.order !== 'stock-first') {
  cli.fail('--order must be ours-first or stock-first');
}
const cpuProfDir = args['cpu-prof'] ? resolve(args['cpu-prof']) : null;
// One folder per server: node writes one profile per thread (main, and tsx's module-loader worker).
const profFlags = (name: string) => (cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', join(cpuProfDir, name)] : []);
const probeFlags = args.probe ? ['--import', './bench/hostProbe.ts'] : [];
const experiment = args.experiment ?? null;
if (
  experiment !== null &&
  !(/^[A-Za-z0-9-]+$/.test(experiment) && existsSync(join(repoRoot, 'bench', 'experiments', `${experiment}.ts`)))
) {
  cli.fail(`no experiment bench/experiments/${experiment}.ts`);
}
const experimentFlags = experiment ? ['--import', `./bench/experiments/${experiment}.ts`] : [];
/** Prints the probe's line from a server child's stderr (present with --probe). */
function reportProbe(label: string, stderr: string): void {
  const line = stderr.split('\n').find((l) => l.startsWith('probe '));
  if (line) log(`[${label}] ${line}`);
}

interface TargetResult {
  label: string;
  workload: WorkloadResult;
  hostCpuPct: number;
  hostCpuUserPct: number;
  hostCpuSystemPct: number;
  hostRssMb: number;
  durableWrites?: boolean;
}

const round = (n: number, step: number) => (Number.isFinite(n) ? Math.round(n / step) * step : null);
const r2 = (n: number) => (round(n, 0.01) === null ? null : Number(round(n, 0.01)!.toFixed(2)));
const r1 = (n: number) => (round(n, 0.1) === null ? null : Number(round(n, 0.1)!.toFixed(1)));



/** The learners of each client thread: whole teams, team k in thread k mod W (a team's edits stay in one thread). */
function learnersByThread(): number[][] {
  const byThread: number[][] = Array.from({ length: workers }, () => []);
  for (let i = 0; i < clients; i++) byThread[teamOf(i, teams) % workers]!.push(i);
  return byThread;
}

/**
 * Connects the clients in `workers` threads (bench/roomWorker.ts), waits until all are synced, runs the workload on
 * one timeline, and measures the server meanwhile (CPU over the window, peak RSS). Every thread's clients are
 * closed before this resolves.
 */
async function measure(
  label: string,
  child: ServerChild<unknown>,
  target: Pick<ClientThreadSetup, 'kind' | 'url' | 'room' | 'hostKey'>,
): Promise<Omit<TargetResult, 'durableWrites'> & { dropped: number }> {
  const sampler = new ProcessSampler(child.pid);
  sampler.start();
  const threads: Worker[] = [];
  const failed = new Promise<never>((_, reject) => {
    const byThread = learnersByThread();
    for (let w = 0; w < workers; w++) {
      const setup: ClientThreadSetup = {
        ...target,
        label,
        learners: byThread[w]!,
        facilitator: w === 0,
        teams,
        seconds,
        seed,
        updatesPerSecond: rate,
        tickMs: 1000,
        drainMs: 3000,
      };
      const thread = tsWorker(new URL('./roomWorker.ts', import.meta.url), setup);
      thread.on('error', (error) => reject(new Error(`client thread ${w} failed: ${error.stack ?? String(error)}`)));
      threads.push(thread);
    }
  });
  failed.catch(() => undefined);
  /** The next message of `type` from a thread (or any thread's failure). */
  const next = <T extends FromThread['type']>(thread: Worker, type: T) =>
    Promise.race([
      failed,
      new Promise<Extract<FromThread, { type: T }>>((resolve) => {
        const on = (message: FromThread) => {
          if (message.type !== type) return;
          thread.off('message', on);
          resolve(message as Extract<FromThread, { type: T }>);
        };
        thread.on('message', on);
      }),
    ]);
  try {
    const joinStart = now();
    await withTimeout(Promise.all(threads.map((t) => next(t, 'synced'))), 60_000, `${clients + 1} clients to join and sync`);
    log(
      `[${label}] ${clients} learners in ${teams} team(s) + facilitator joined and synced in ${(now() - joinStart).toFixed(0)} ms ` +
        `(${workers} client thread(s))`,
    );

    // Every thread's per-second figures, added up into one progress line.
    const perSecond = new Map<number, SecondReport[]>();
    for (const thread of threads) {
      thread.on('message', (message: FromThread) => {
        if (message.type !== 'second') return;
        const reports = [...(perSecond.get(message.report.second) ?? []), message.report];
        perSecond.set(message.report.second, reports);
        if (reports.length < workers) return;
        perSecond.delete(message.report.second);
        const total = (f: (r: SecondReport) => number) => reports.reduce((sum, r) => sum + f(r), 0);
        const recent = Float64Array.from(reports.flatMap((r) => [...r.recent])).sort();
        log(
          `[${label}] ${String(message.report.second).padStart(3)} s  edits ${String(total((r) => r.edits)).padStart(6)}  ` +
            `delivered ${total((r) => r.delivered)}/${total((r) => r.expected)}  last second: p50 ${percentile(recent, 50).toFixed(2)} ms, ` +
            `p95 ${percentile(recent, 95).toFixed(2)} ms, max ${percentile(recent, 100).toFixed(2)} ms`,
        );
      });
    }

    const tl = timeline(now() + 200, warmupSeconds, seconds);
    const results = Promise.all(threads.map((t) => next(t, 'result')));
    for (const thread of threads) thread.postMessage({ type: 'start', timeline: tl } satisfies ToThread);
    const marks = [
      setTimeout(() => {
        sampler.markWindowStart();
        if (args.probe) child.proc.kill('SIGUSR2');
        log(`[${label}] measuring ${seconds} s (after ${warmupSeconds} s warm-up)`);
      }, tl.windowStart - now()),
      setTimeout(() => {
        sampler.markWindowEnd();
        if (args.probe) child.proc.kill('SIGUSR2');
      }, tl.end - now()),
    ];
    const parts = await withTimeout(results, tl.end - now() + 30_000, 'the client threads to finish').finally(() =>
      marks.forEach(clearTimeout),
    );
    if (cpuProfDir) {
      // The window in the profile's clock (CLOCK_MONOTONIC µs, as now()): profileSummary.ts counts only its samples.
      const dir = join(cpuProfDir, target.kind);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `window.${child.pid}.json`),
        JSON.stringify({ label, startUs: Math.round(tl.windowStart * 1000), endUs: Math.round(tl.end * 1000) }),
      );
    }
    const cpu = sampler.cpuPct();
    return {
      label,
      workload: mergeResults(parts.map((p) => p.result)),
      hostCpuPct: cpu.total,
      hostCpuUserPct: cpu.user,
      hostCpuSystemPct: cpu.system,
      hostRssMb: sampler.maxRssMb,
      dropped: parts.reduce((sum, p) => sum + p.dropped, 0),
    };
  } finally {
    sampler.stop();
    // Close every client (the server sees them leave), then end the threads.
    await withTimeout(
      Promise.all(
        threads.map((t) => {
          const closed = next(t, 'closed');
          t.postMessage({ type: 'close' } satisfies ToThread);
          return closed;
        }),
      ),
      10_000,
      'the clients to close',
    ).catch((error: unknown) => log(`[${label}] ${(error as Error).message}`));
    await Promise.all(threads.map((t) => t.terminate()));
  }
}



async function runOurs(label: string): Promise<TargetResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wk-bench-'));
  log(`[${label}] starting the host (data in ${dataDir})`);
  const child = await startServerChild<HostLine>(
    'host',
    [
      ...profFlags('ours'),
      '--import',
      'tsx',
      ...probeFlags,
      ...experimentFlags,
      'electron/host/cli.ts',
      '--port',
      '0',
      '--bind',
      '127.0.0.1',
      '--no-discovery',
      '--data',
      dataDir,
      '--session',
      'Bench',
      // The workload's documents are room/team-<k> (learners without groups): admitted beyond the room's fixed list.
      '--extra-docs',
      'room/*',
    ],
    { cwd: repoRoot },
  );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const code = await child.stop();
    if (code !== 0) log(`[${label}] host exited with ${code}; its stderr:\n${child.stderr()}`);
    reportProbe(label, child.stderr());
  };
  try {
    const { url, room, facilitatorUrl, sessionId } = child.line;
    log(`[${label}] host pid ${child.pid} listening on ${url}, room ${room}`);
    const { dropped: _dropped, ...result } = await measure(label, child, { kind: 'ours', url, room, hostKey: hostKeyOf(facilitatorUrl) });
    // The disk is read once the host has stopped (its files are then complete and nobody else holds them).
    await stop();
    const disk = await checkDisk(dataDir, sessionId, result.workload.editIds);
    log(
      `[${label}] on the host's disk: ${disk.total - disk.missing}/${disk.total} learner edits (${disk.records} records` +
        `${disk.damaged > 0 ? `, ${disk.damaged} DAMAGED file(s)` : ''})`,
    );
    return { ...result, durableWrites: disk.missing === 0 && disk.damaged === 0 && result.workload.unacked === 0 };
  } finally {
    await stop();
    if (args['keep-data']) log(`[${label}] kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runStock(label: string): Promise<TargetResult> {
  log(`[${label}] starting @y/websocket-server`);
  const env = { ...process.env };
  delete env.YPERSISTENCE;
  delete env.CALLBACK_URL;
  const child = await startServerChild<{ url: string }>(
    'stock server',
    [...profFlags('stock'), '--import', 'tsx', ...probeFlags, 'bench/stockServer.ts'],
    { cwd: repoRoot, env },
  );
  try {
    log(`[${label}] server pid ${child.pid} listening on ${child.line.url}`);
    const { dropped, ...result } = await measure(label, child, { kind: 'stock', url: child.line.url, room: '', hostKey: '' });
    if (dropped > 0) log(`[${label}] ${dropped} socket(s) closed by the server during the run`);
    return result;
  } finally {
    await child.stop();
    reportProbe(label, child.stderr());
  }
}

/** Above this event-loop delay p99 in the bench process, the clients themselves were late: the round is noise. */
const NOISY_LOOP_DELAY_MS = 5;

function summary(result: TargetResult): string {
  const w = result.workload;
  return (
    `[${result.label}] ${w.updates} edits (${w.learnerEdits} learner, ${w.ticks} clock) in ${w.windowSeconds.toFixed(1)} s → ${w.latencies.length} deliveries measured; ` +
    `p50 ${percentile(w.latencies, 50).toFixed(2)} p95 ${percentile(w.latencies, 95).toFixed(2)} p99 ${percentile(w.latencies, 99).toFixed(2)} max ${percentile(w.latencies, 100).toFixed(2)} ms; ` +
    `server CPU ${result.hostCpuPct.toFixed(1)}% (user ${result.hostCpuUserPct.toFixed(1)}, system ${result.hostCpuSystemPct.toFixed(1)}) RSS ${result.hostRssMb.toFixed(1)} MB; ${w.bytesPerUpdate.toFixed(1)} B/edit upstream; ` +
    `lost ${w.lost} (${w.missing} undelivered, ${w.unacked} unacknowledged); ${w.teamsConverged}/${teams} team docs identical; ` +
    `unexpected arrivals ${w.unknownArrivals}; bench process CPU ${w.clientCpuPct.toFixed(1)}%, event-loop delay p99 ${w.clientLoopDelayP99Ms.toFixed(2)} max ${w.clientLoopDelayMaxMs.toFixed(2)} ms` +
    (w.clientLoopDelayP99Ms > NOISY_LOOP_DELAY_MS
      ? ' — NOISY: the bench process itself was delayed (machine busy), repeat this measurement'
      : '')
  );
}

const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The contract's fields for one server: each figure is the median over rounds (RSS: the maximum; lost: the sum). */
function fields(results: TargetResult[]) {
  const of = (f: (r: TargetResult) => number) => median(results.map(f));
  return {
    p50_ms: r2(of((r) => percentile(r.workload.latencies, 50))),
    p95_ms: r2(of((r) => percentile(r.workload.latencies, 95))),
    p99_ms: r2(of((r) => percentile(r.workload.latencies, 99))),
    hostCpuPct: r1(of((r) => r.hostCpuPct)),
    hostRssMb: r1(Math.max(...results.map((r) => r.hostRssMb))),
    bytesPerUpdate: r1(of((r) => r.workload.bytesPerUpdate)),
    lost: results.reduce((sum, r) => sum + r.workload.lost, 0),
  };
}

async function main(): Promise<void> {
  if (experiment) log(`bench:room: EXPERIMENT ${experiment} is preloaded into our host: this does not measure the shipped host`);
  log(
    `bench:room — ${clients} learners in ${teams} team(s) + 1 facilitator, ${rate} edits/s each, ${warmupSeconds} s warm-up + ${seconds} s measured, ` +
      `seed ${seed}, ${rounds} round(s), ${workers} client thread(s); learners' sockets from ${Math.min(clients, SOURCE_ADDRESSES)} loopback address(es) ` +
      `${sourceAddress(0)}…${sourceAddress(Math.min(clients, SOURCE_ADDRESSES) - 1)} (≤ ${Math.ceil(clients / SOURCE_ADDRESSES)} learner(s) each), facilitator 127.0.0.1`,
  );
  const ours: TargetResult[] = [];
  const stock: TargetResult[] = [];
  for (let round = 0; round < rounds; round++) {
    const tag = rounds > 1 ? ` r${round + 1}` : '';
    // Alternate the order round by round (ABBA…), so neither server always runs on a warmer machine.
    const stockFirst = (args.order === 'stock-first') !== (round % 2 === 1);
    if (args['skip-stock']) ours.push(await runOurs(`ours${tag}`));
    else if (stockFirst) {
      stock.push(await runStock(`stock${tag}`));
      ours.push(await runOurs(`ours${tag}`));
    } else {
      ours.push(await runOurs(`ours${tag}`));
      stock.push(await runStock(`stock${tag}`));
    }
  }
  for (const result of [...ours, ...stock]) log(summary(result));
  const oursFields = fields(ours);
  const stockFields = stock.length > 0 ? fields(stock) : null;
  const ratio = stockFields && oursFields.p95_ms !== null && stockFields.p95_ms ? r2(oursFields.p95_ms / stockFields.p95_ms) : null;
  const cpuRatio =
    stockFields && oursFields.hostCpuPct !== null && stockFields.hostCpuPct ? r2(oursFields.hostCpuPct / stockFields.hostCpuPct) : null;
  const line = {
    clients,
    updates: ours.reduce((sum, r) => sum + r.workload.updates, 0),
    ...oursFields,
    stock: stockFields,
    p95_ratio_vs_stock: ratio,
    cpu_ratio_vs_stock: cpuRatio,
    seconds,
    durableWrites: ours.every((r) => r.durableWrites === true),
    ...(experiment ? { experiment } : {}),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench:room failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
