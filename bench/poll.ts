/**
 * `npm run bench:poll -- [--voters 60] [--changes 20] [--window 1000] [--seed 1] [--cpu-prof DIR] [--probe] [--keep-data]`
 *
 * Live poll, end to end against the real host: N learners vote (almost) at once on a single-choice poll with four
 * options, then some of them change their vote; we measure, for every vote, the time from the learner sending it
 * to the facilitator's presenter view showing a tally that includes it, and check the tally is exact.
 * Progress goes to stderr; the LAST line of stdout is one JSON object (a contract: keep the key names).
 *
 * How a vote is matched to the tally that first includes it — exactly, not by guessing
 * ------------------------------------------------------------------------------------
 * The tally is an aggregate (respondents + counts per option), so it does not say whose vote it just took in, and
 * votes from different sockets may reach the host in another order than they were sent. We do not guess (e.g.
 * "the k-th increment of option b belongs to the k-th learner who sent b", which under-estimates the tail when two
 * votes overtake each other). Instead we use the host's own record of the order:
 *   - The host handles one command at a time. A vote is one `votes.transact(ballots.set(learnerId, answer))`
 *     followed by one `tallyDoc.transact(set('result', …))` (electron/host/room/liveCommands.ts `vote`): each
 *     accepted vote produces exactly one update of `poll/<id>/votes` and then exactly one update of
 *     `poll/<id>/tally`, and nothing else writes either document.
 *   - Every document update is appended to the session's log (`docs.log`) synchronously, in the order the host
 *     made them (DocLog queue → one file). After the run we read that log with the host's own decoder and replay
 *     the `votes` records into a scratch Y.Doc: the key each record sets is the learner id. That is the exact
 *     order in which the host processed the votes.
 *   - The tally update of the k-th processed vote is sent, right away, on the presenter's one WebSocket; TCP keeps
 *     the order and the presenter applies one frame at a time, so the presenter's k-th observed tally change is the
 *     first tally that includes the k-th processed vote (tallies are cumulative; earlier ones do not include it).
 *   - So latency(vote k) = time of the presenter's k-th tally observation − that learner's send time. Every client
 *     runs in this process, so `performance.now()` is one clock for sends and observations.
 * The attribution is then verified, not assumed: replaying the logged order through the same `tally()` the host
 * uses must give, step by step, exactly the k-th tally the presenter saw (`orderVerified`). The final tally must
 * equal the counts we chose before sending (`tallyCorrect`).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchCli } from './cli';
import { startServerChild } from '../tests/helpers/serverChild';
import { seededRandom } from '../shared/room/groups';
import * as Y from 'yjs';
import { decodeRecords } from '../electron/host/room/docLog';
import { tally, type Answer, type PollDefinition, type Tally } from '../shared/room/pollTally';
import type { RoomClient } from '../shared/sync/roomClient';
import { connectClient, hostKeyOf } from '../tests/helpers/roomClients';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

const USAGE = `Usage: npm run bench:poll -- [options]
  --voters N       simulated learners who vote (default 60), plus one facilitator acting as the presenter
  --changes N      learners who change their vote in the second round (default 20, at most --voters)
  --window MS      each vote is sent at a random offset in [0, MS) ms (default 1000)
  --seed N         seed of the choices, the offsets and who changes (default 1)
  --cpu-prof DIR   write V8 CPU profiles of the host into DIR (read them with bench/profileSummary.ts)
  --probe          preload bench/hostProbe.ts into the host: its fsync timings and event-loop delay on stderr
  --keep-data      keep the host's temporary data folder (its path is printed)`;

const cli = benchCli('bench:poll', USAGE);
const args = cli.parse(
  () =>
    parseArgs({
      options: {
        voters: { type: 'string', default: '60' },
        changes: { type: 'string', default: '20' },
        window: { type: 'string', default: '1000' },
        seed: { type: 'string', default: '1' },
        'cpu-prof': { type: 'string' },
        probe: { type: 'boolean', default: false },
        'keep-data': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values,
);
const voters = cli.number('voters', args.voters, 1);
const changes = Math.min(voters, cli.number('changes', args.changes, 0));
const windowMs = cli.number('window', args.window, 1);
const seed = cli.number('seed', args.seed, 0);
const cpuProfDir = args['cpu-prof'] ? resolve(args['cpu-prof']) : null;

// ---------------------------------------------------------------------------------------------------------------
// Small utilities

const random = seededRandom(seed); // mulberry32: a run's choices, offsets and changers are reproducible
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const r2 = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function sameTally(a: Tally | undefined, b: Tally): boolean {
  if (!a || a.respondents !== b.respondents) return false;
  const keys = new Set([...Object.keys(a.counts ?? {}), ...Object.keys(b.counts ?? {})]);
  for (const k of keys) if ((a.counts?.[k] ?? 0) !== (b.counts?.[k] ?? 0)) return false;
  return true;
}
const countsText = (t: Tally | undefined) => (t ? `${t.respondents} respondents ${JSON.stringify(t.counts)}` : 'no tally');

// ---------------------------------------------------------------------------------------------------------------
// The host

interface Listening {
  event: 'listening';
  url: string;
  room?: string;
  facilitatorUrl?: string;
}

interface Host {
  pid: number;
  line: Listening;
  stderr(): string;
  /** Marks the probe's window (SIGUSR2: first opens it, second closes it); a no-op without --probe. */
  mark(): void;
  stop(): Promise<number | null>;
}

async function startHost(dataDir: string): Promise<Host> {
  // Loopback only, and no DNS-SD: nothing of this benchmark leaves the machine.
  const child = await startServerChild<Listening>(
    'the host',
    [
      ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []),
      ...['--import', 'tsx', ...(args.probe ? ['--import', './bench/hostProbe.ts'] : [])],
      ...['electron/host/cli.ts', '--port', '0', '--bind', '127.0.0.1', '--no-discovery', '--data', dataDir, '--session', 'Poll bench'],
    ],
    { cwd: repoRoot },
  );
  return {
    pid: child.pid,
    line: child.line,
    stderr: child.stderr,
    mark: () => {
      if (args.probe) child.proc.kill('SIGUSR2');
    },
    stop: () => child.stop(),
  };
}

/** The learner id of every `poll/<id>/votes` update in the host's log, in the order the host made them. */
function loggedVoteOrder(dataDir: string, pollId: string): string[] {
  const sessionsDir = join(dataDir, 'sessions');
  const [sessionId, ...others] = readdirSync(sessionsDir);
  if (!sessionId || others.length > 0)
    throw new Error(`expected one session in ${sessionsDir}, found ${others.length + (sessionId ? 1 : 0)}`);
  const dir = join(sessionsDir, sessionId);
  if (readdirSync(dir).includes('snapshot.bin'))
    throw new Error('the host compacted its log during the run: the processing order is no longer on disk');
  const { records } = decodeRecords(readFileSync(join(dir, 'docs.log')));
  const replica = new Y.Doc();
  const ballots = replica.getMap<Answer>('answers');
  const order: string[] = [];
  ballots.observe((event) => {
    if (event.keysChanged.size !== 1) throw new Error(`a votes update changed ${event.keysChanged.size} ballots, expected 1`);
    order.push([...event.keysChanged][0]!);
  });
  for (const record of records) if (record.doc === `poll/${pollId}/votes`) Y.applyUpdate(replica, record.update);
  return order;
}

// ---------------------------------------------------------------------------------------------------------------
// The run

const OPTIONS = ['a', 'b', 'c', 'd'] as const;
type Option = (typeof OPTIONS)[number];
const POLL: PollDefinition = {
  id: 'bench-poll',
  kind: 'single',
  prompt: 'Where does your team lose the most time getting a model to production?',
  options: [
    { id: 'a', label: 'Data access and quality' },
    { id: 'b', label: 'Reproducing the training run' },
    { id: 'c', label: 'Packaging and serving' },
    { id: 'd', label: 'Monitoring after release' },
  ],
};
const TALLY_DOC = `poll/${POLL.id}/tally`;

/** 4 : 3 : 2 : 1 over the options (60 → 24 / 18 / 12 / 6), largest remainder for other sizes. */
function distribution(n: number): Option[] {
  const weights = [4, 3, 2, 1];
  const exact = weights.map((w) => (w / 10) * n);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; counts.reduce((s, c) => s + c, 0) < n; k++) counts[byRemainder[k]![1]]!++;
  return shuffled(counts.flatMap((c, i) => Array<Option>(c).fill(OPTIONS[i]!)));
}

interface Sent {
  learnerId: string;
  at: number;
}

interface Observation {
  at: number;
  tally: Tally;
}

interface RoundStats {
  votes: number;
  p50: number;
  p95: number;
  max: number;
}

async function main(): Promise<void> {
  const began = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'wk-bench-poll-'));
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const clients: RoomClient[] = [];
  let host: Host | null = null;
  try {
    log(`bench:poll: ${voters} voters, ${changes} change their vote, votes spread over ${windowMs} ms, seed ${seed}`);
    host = await startHost(dataDir);
    const { url, room, facilitatorUrl } = host.line;
    if (!room || !facilitatorUrl) throw new Error(`the host's listening line has no room/facilitatorUrl: ${JSON.stringify(host.line)}`);
    log(`host pid ${host.pid} at ${url}, room ${room}, data ${dataDir}`);

    // The presenter: the facilitator's client, watching the tally as the presenter view does.
    const presenter = connectClient(url, room, { secret: hostKeyOf(facilitatorUrl) });
    clients.push(presenter);
    await presenter.whenSynced('session');
    await presenter.whenSynced(TALLY_DOC);
    const observations: Observation[] = [];
    const tallyMap = presenter.doc(TALLY_DOC).getMap('tally');
    tallyMap.observe(() => {
      const at = performance.now();
      const result = tallyMap.get('result') as Tally | undefined;
      if (result?.pollId === POLL.id) observations.push({ at, tally: structuredClone(result) });
    });

    // Learners join and sync the session document.
    const learners = Array.from({ length: voters }, (_, i) => connectClient(url, room, { name: `Voter ${i + 1}` }));
    clients.push(...learners);
    await Promise.all(learners.map((l) => l.whenSynced('session')));
    await waitFor(() => learners.every((l) => l.status === 'online' && l.welcome), 'every learner online');
    const idOf = learners.map((l) => l.welcome!.learnerId);
    log(`${voters} learners online and synced`);

    // The facilitator opens the poll; every learner screen must show it open before anyone votes.
    presenter
      .doc('session')
      .getMap('polls')
      .set(POLL.id, { def: POLL, status: 'open', revealed: false, anonymous: true, openedAt: Date.now() });
    const isOpen = (c: RoomClient) => (c.doc('session').getMap('polls').get(POLL.id) as { status?: string } | undefined)?.status === 'open';
    await waitFor(() => learners.every(isOpen) && presenter.pendingCount === 0, 'the poll open on every learner screen');
    log('poll open on every learner screen');

    const choice = distribution(voters);
    const changers = shuffled(learners.map((_, i) => i)).slice(0, changes);
    const finalChoice = [...choice];
    for (const i of changers) finalChoice[i] = OPTIONS[(OPTIONS.indexOf(choice[i]!) + 1) % OPTIONS.length]!;
    const expected = (choices: Option[]) =>
      tally(
        POLL,
        choices.map((c) => ({ choices: [c] })),
      );

    loop.enable();
    host.mark();
    const sentByRound: Map<string, Sent>[] = [];
    const sendRound = async (round: number, who: number[], pick: (i: number) => Option): Promise<void> => {
      const sent = new Map<string, Sent>();
      sentByRound.push(sent);
      const expectedObservations = observations.length + who.length;
      await new Promise<void>((done) => {
        let left = who.length;
        if (left === 0) done();
        for (const i of who) {
          setTimeout(() => {
            const learner = learners[i]!;
            const at = performance.now();
            learner.command(`vote-r${round}-${i}`, { cmd: 'vote', pollId: POLL.id, answer: { choices: [pick(i)] } });
            sent.set(idOf[i]!, { learnerId: idOf[i]!, at });
            if (--left === 0) done();
          }, random() * windowMs);
        }
      });
      await waitFor(() => learners.every((l) => l.pendingCount === 0), `round ${round}: every vote acknowledged`);
      await waitFor(
        () => observations.length >= expectedObservations,
        `round ${round}: the presenter seeing ${who.length} tally updates (saw ${observations.length - (expectedObservations - who.length)})`,
      );
    };

    await sendRound(
      1,
      learners.map((_, i) => i),
      (i) => choice[i]!,
    );
    log(
      `round 1: ${voters} votes acknowledged, presenter shows ${countsText(observations.at(-1)?.tally)} (expected ${countsText(expected(choice))})`,
    );
    await sendRound(2, changers, (i) => finalChoice[i]!);
    log(
      `round 2: ${changes} changed votes acknowledged, presenter shows ${countsText(observations.at(-1)?.tally)} (expected ${countsText(expected(finalChoice))})`,
    );
    loop.disable();
    host.mark();
    // Anything late or extra would be another tally update: give it a moment to show up.
    await new Promise((r) => setTimeout(r, 200));

    const refused = learners.flatMap((l) => l.rejections).concat(presenter.rejections);
    for (const r of refused) log(`refused: ${r.reason}: ${r.message}${r.doc ? ` (${r.doc})` : ''}${r.id ? ` (${r.id})` : ''}`);

    // Exact attribution: the host's processing order from its log, verified against every observed tally.
    const order = loggedVoteOrder(dataDir, POLL.id);
    const totalVotes = voters + changers.length;
    const problems: string[] = [];
    if (order.length !== totalVotes) problems.push(`the host logged ${order.length} vote updates, expected ${totalVotes}`);
    if (observations.length !== totalVotes) problems.push(`the presenter saw ${observations.length} tally updates, expected ${totalVotes}`);
    const indexOf = new Map(idOf.map((id, i) => [id, i]));
    const current = new Map<string, Option>();
    const latencies: number[][] = [[], []];
    let orderVerified = problems.length === 0;
    for (let k = 0; k < Math.min(order.length, observations.length); k++) {
      const round = k < voters ? 0 : 1;
      const learnerId = order[k]!;
      const i = indexOf.get(learnerId);
      const sent = sentByRound[round]!.get(learnerId);
      if (i === undefined || !sent) {
        problems.push(`vote #${k + 1} in the host's log is from ${learnerId}, who did not vote in round ${round + 1}`);
        orderVerified = false;
        continue;
      }
      current.set(learnerId, round === 0 ? choice[i]! : finalChoice[i]!);
      const replayed = tally(
        POLL,
        [...current.values()].map((c) => ({ choices: [c] })),
      );
      const seen = observations[k]!;
      if (!sameTally(seen.tally, replayed)) {
        problems.push(
          `tally #${k + 1} seen by the presenter (${countsText(seen.tally)}) differs from the host's order replayed (${countsText(replayed)})`,
        );
        orderVerified = false;
      }
      latencies[round]!.push(seen.at - sent.at);
    }
    // How often the host's order differed from the send order (what a send-order attribution would get wrong).
    const inversions = [0, 1].map((round) => {
      const ids = order.slice(round === 0 ? 0 : voters, round === 0 ? voters : undefined);
      const sentAt = ids.map((id) => sentByRound[round]?.get(id)?.at ?? Number.NaN);
      return sentAt.filter((t, k) => sentAt.slice(k + 1).some((u) => u < t)).length;
    });
    log(`votes the host processed after a vote sent later than them: round 1 ${inversions[0]}, round 2 ${inversions[1]}`);
    const finalTally = observations.at(-1)?.tally;
    const tallyCorrect =
      sameTally(finalTally, expected(finalChoice)) &&
      sameTally(tallyMap.get('result') as Tally | undefined, expected(finalChoice)) &&
      refused.length === 0;
    for (const p of problems.slice(0, 10)) log(`problem: ${p}`);

    const stats = (list: number[]): RoundStats => {
      const sorted = [...list].sort((a, b) => a - b);
      return { votes: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
    };
    const all = stats(latencies.flat());
    const [first, second] = latencies.map(stats) as [RoundStats, RoundStats];
    const show = (s: RoundStats) => `${s.votes} votes: p50 ${r2(s.p50)} ms, p95 ${r2(s.p95)} ms, max ${r2(s.max)} ms`;
    log(`vote → presenter tally, round 1 (${show(first)}); round 2, changes (${show(second)}); all (${show(all)})`);
    const loopP99 = loop.percentile(99) / 1e6;
    log(
      `bench process event-loop delay during voting: p50 ${r2(loop.percentile(50) / 1e6)} ms, p99 ${r2(loopP99)} ms, max ${r2(loop.max / 1e6)} ms${loopP99 > 5 ? ' — NOISY: the clients themselves were late, repeat' : ''}`,
    );
    log(
      `final tally ${countsText(finalTally)}, expected ${countsText(expected(finalChoice))}: ${tallyCorrect ? 'correct' : 'WRONG'}; order ${orderVerified ? 'verified' : 'NOT verified'}`,
    );

    for (const c of clients) c.close();
    clients.length = 0;
    const code = await host.stop();
    const probeLine = host
      .stderr()
      .split('\n')
      .find((l) => l.startsWith('probe '));
    if (probeLine) log(`host ${probeLine} (window: both voting rounds)`);
    host = null;
    if (code !== 0) log(`the host exited with ${code}`);

    const result = {
      voters,
      p95_vote_to_tally_ms: r2(all.p95),
      tallyCorrect,
      p50_vote_to_tally_ms: r2(all.p50),
      max_vote_to_tally_ms: r2(all.max),
      changedVotes: changers.length,
      votes: all.votes,
      round1: { p50_ms: r2(first.p50), p95_ms: r2(first.p95), max_ms: r2(first.max) },
      changeRound: { p50_ms: r2(second.p50), p95_ms: r2(second.p95), max_ms: r2(second.max) },
      orderVerified,
      benchLoopDelayP99Ms: r2(loopP99),
      seconds: r2((performance.now() - began) / 1000),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!tallyCorrect || !orderVerified) process.exitCode = 1;
  } finally {
    for (const c of clients) c.close();
    if (host) {
      const stderr = host.stderr();
      await host.stop();
      if (stderr.trim()) log(`host stderr:\n${stderr.trim()}`);
    }
    if (args['keep-data']) log(`kept the host's data in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(`bench:poll: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
