/**
 * `npm run bench:attack -- [--seconds 20] [--learners 30] [--teams 5] [--slice-ms 1500] [--seed 1]`
 *
 * One hostile device against the real host while honest learners work: the host runs as a child process (with
 * bench/hostProbe.ts preloaded: it measures the event loop's longest stall), 30 honest simulated learners edit their
 * team documents from their own loopback addresses in a client thread (bench/roomWorker.ts, the bench:room workload),
 * and one attacker (bench/attacker.ts) with the room code cycles through the attack classes of issue 12 from one
 * address (127.0.0.222) for the whole measured window. Afterwards the host is stopped and every honest edit is looked
 * for on its disk with the host's own loader.
 *
 * Progress goes to stderr; the LAST line of stdout is one JSON object (a contract: keep the key names):
 *   {"honestP50Ms","honestP99Ms","maxStallMs","hostRssMb","lostAcknowledged":0,"attackerRefused","hostAlive":true, …}
 * honest*: latency of honest edits to the other members of their team; maxStallMs: the host's longest event-loop
 * stall in the window; hostRssMb: the host's peak resident memory; lostAcknowledged: honest edits the host
 * acknowledged that are not on its disk; attackerRefused: refusals the attacker saw; hostAlive: the host process was
 * still running and answering HTTP at the end.
 * Targets (issue 12): honest p99 ≤ 100 ms, max stall ≤ 100 ms, RSS ≤ 300 MB, nothing acknowledged lost, host alive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { benchCli } from './cli';
import { hostKeyOf } from '../tests/helpers/roomClients';
import { startServerChild } from '../tests/helpers/serverChild';
import { ProcessSampler } from './procStats';
import { checkDisk, tsWorker, withTimeout, type HostLine } from './hostRun';
import type { ClientThreadSetup, FromThread, ToThread } from './roomWorker';
import { now, percentile, timeline } from './workload';
import { buildPayloads, runAttacker, type AttackReport } from './attacker';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

const USAGE = `Usage: npm run bench:attack -- [options]
  --seconds S     measured seconds, the attacker active the whole time (default 20)
  --learners N    honest simulated learners (default 30), plus the facilitator
  --teams N       teams the honest learners edit in (default 5)
  --rate R        edits per honest learner per second (default 2)
  --slice-ms MS   how long each attack class runs before the next (default 1500)
  --warmup S      honest-only seconds before the window (default 2)
  --seed N        seed of the honest schedule (default 1)
  --keep-data     keep the host's data folder (its path is printed)`;

const cli = benchCli('bench:attack', USAGE);
const args = cli.parse(
  () =>
    parseArgs({
      options: {
        seconds: { type: 'string', default: '20' },
        learners: { type: 'string', default: '30' },
        teams: { type: 'string', default: '5' },
        rate: { type: 'string', default: '2' },
        'slice-ms': { type: 'string', default: '1500' },
        warmup: { type: 'string', default: '2' },
        seed: { type: 'string', default: '1' },
        'keep-data': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values,
);
const seconds = cli.number('seconds', args.seconds, 1, false);
const learners = cli.number('learners', args.learners, 2);
const teams = cli.number('teams', args.teams, 1);
const rate = cli.number('rate', args.rate, 0.1, false);
const sliceMs = cli.number('slice-ms', args['slice-ms'], 100);
const warmup = cli.number('warmup', args.warmup, 0, false);
const seed = cli.number('seed', args.seed, 0);
if (teams > learners) cli.fail(`--teams ${teams} is more than the ${learners} learner(s)`);

const ATTACKER_ADDRESS = '127.0.0.222';

interface LoopProbe {
  loopDelayMs: { p50: number; p99: number; max: number };
}

function probeOf(stderr: string): LoopProbe | null {
  const line = stderr.split('\n').find((l) => l.startsWith('probe '));
  return line ? (JSON.parse(line.slice('probe '.length)) as LoopProbe) : null;
}

/** Whether the host answers its status API (with the host key, from this machine) within 5 s. */
async function hostAnswers(url: string, hostKey: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/api/status', url), { headers: { authorization: `Bearer ${hostKey}` }, signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  log(`bench:attack — ${learners} honest learners in ${teams} team(s), ${rate} edits/s each; one attacker from ${ATTACKER_ADDRESS} for ${seconds} s`);
  log('[attacker] building payloads (crafted updates are made before the window opens)');
  const payloads = buildPayloads();
  const dataDir = mkdtempSync(join(tmpdir(), 'wk-attack-'));
  const child = await startServerChild<HostLine>(
    'host',
    ['--import', 'tsx', '--import', './bench/hostProbe.ts', 'electron/host/cli.ts', '--port', '0', '--bind', '127.0.0.1', '--no-discovery', '--data', dataDir, '--session', 'Attack',
      // The honest workload's documents (bench/workload.ts: room/team-<k>); nothing else is added to the fixed list.
      '--extra-docs', 'room/team-*'],
    { cwd: repoRoot },
  );
  const { url, room, facilitatorUrl, sessionId } = child.line;
  const loopbackUrl = `http://127.0.0.1:${new URL(url).port}`;
  log(`host pid ${child.pid} on ${loopbackUrl}, room ${room} (data in ${dataDir})`);
  const sampler = new ProcessSampler(child.pid);
  sampler.start();
  let thread: Worker | null = null;
  let exited = false;
  child.proc.once('exit', () => (exited = true));
  try {
    const setup: ClientThreadSetup = {
      kind: 'ours',
      label: 'honest',
      url: loopbackUrl,
      room,
      hostKey: hostKeyOf(facilitatorUrl),
      learners: Array.from({ length: learners }, (_, i) => i),
      facilitator: true,
      teams,
      seconds,
      seed,
      updatesPerSecond: rate,
      tickMs: 1000,
      drainMs: 5000,
    };
    const worker = tsWorker(new URL('./roomWorker.ts', import.meta.url), setup);
    thread = worker;
    const failed = new Promise<never>((_, reject) => worker.on('error', reject));
    failed.catch(() => undefined);
    const next = <T extends FromThread['type']>(type: T) =>
      Promise.race([
        failed,
        new Promise<Extract<FromThread, { type: T }>>((resolve) => {
          const on = (message: FromThread) => {
            if (message.type !== type) return;
            worker.off('message', on);
            resolve(message as Extract<FromThread, { type: T }>);
          };
          worker.on('message', on);
        }),
      ]);
    await withTimeout(next('synced'), 60_000, 'the honest learners to join');
    worker.on('message', (message: FromThread) => {
      if (message.type !== 'second') return;
      const r = message.report;
      const recent = Float64Array.from(r.recent).sort();
      log(`[honest] ${String(r.second).padStart(3)} s  delivered ${r.delivered}/${r.expected}  p50 ${percentile(recent, 50).toFixed(1)} p95 ${percentile(recent, 95).toFixed(1)} max ${percentile(recent, 100).toFixed(1)} ms`);
    });
    log(`honest learners joined and synced`);
    const tl = timeline(now() + 200, warmup, seconds);
    const result = next('result');
    worker.postMessage({ type: 'start', timeline: tl } satisfies ToThread);
    await new Promise((r) => setTimeout(r, tl.windowStart - now()));
    sampler.markWindowStart();
    child.proc.kill('SIGUSR2');
    log(`window open: attacking for ${seconds} s`);
    const attack: AttackReport = await runAttacker(
      { wsUrl: `ws://127.0.0.1:${new URL(url).port}/ws`, room, localAddress: ATTACKER_ADDRESS },
      payloads,
      Date.now() + seconds * 1000,
      sliceMs,
      log,
    );
    sampler.markWindowEnd();
    child.proc.kill('SIGUSR2');
    const { result: workload } = await withTimeout(result, 60_000, 'the honest learners to finish');
    const alive = !exited && (await hostAnswers(loopbackUrl, hostKeyOf(facilitatorUrl)));
    const closed = next('closed');
    worker.postMessage({ type: 'close' } satisfies ToThread);
    await withTimeout(closed, 10_000, 'the honest learners to close').catch((e: unknown) => log((e as Error).message));
    const code = await child.stop();
    if (code !== 0) log(`host exited with ${code}; the end of its stderr:\n${child.stderr().slice(-4000)}`);
    const probe = probeOf(child.stderr());
    const disk = await checkDisk(dataDir, sessionId, workload.editIds);
    log(`honest edits on the host's disk: ${disk.total - disk.missing}/${disk.total} (${workload.unacked} never acknowledged)`);
    for (const [name, c] of Object.entries(attack.classes)) log(`[attacker] ${name}: ${c.sent} sent, ${c.refused} refused`);
    // Undelivered edits count as infinitely late (null in the JSON when a percentile lands on one): a host that
    // stalls past the drain must not look fast because only the edits it did deliver are measured.
    const r1 = (n: number) => (Number.isFinite(n) ? Number(n.toFixed(1)) : null);
    const all = Float64Array.from([...workload.latencies, ...new Array<number>(workload.missing).fill(Infinity)]).sort();
    const line = {
      honestP50Ms: r1(percentile(all, 50)),
      honestP99Ms: r1(percentile(all, 99)),
      maxStallMs: probe ? r1(probe.loopDelayMs.max) : null,
      hostRssMb: r1(sampler.maxRssMb),
      // Edits missing on disk that were acknowledged (an unacknowledged edit may be missing: the client still has it).
      lostAcknowledged: Math.max(0, disk.missing - workload.unacked),
      attackerRefused: attack.refused,
      hostAlive: alive,
      honestEdits: workload.learnerEdits,
      honestUndelivered: workload.missing,
      honestMaxMs: r1(percentile(all, 100)),
      attackClasses: Object.fromEntries(Object.entries(attack.classes).map(([k, v]) => [k, v.refused])),
      seconds,
      learners,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    sampler.stop();
    await thread?.terminate();
    await child.stop();
    if (args['keep-data']) log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench:attack failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
