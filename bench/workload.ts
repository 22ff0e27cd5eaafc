/**
 * The room workload and its latency bookkeeping, identical for every server under test.
 *
 * Learners are split into teams; each team edits one room-wide document `room/team-<k>` (a Y.Text "t"), and the
 * facilitator ticks a clock in `session` (Y.Map "state", key "clock") once a second. Every learner makes
 * `updatesPerSecond` edits a second on a seeded, jittered schedule (the same for every server, given the seed):
 * it appends `<id>|` to its team's text, where <id> is unique (`L<learner>.<n>`), and records the send time
 * (performance.now(): every client lives in this one process, so clocks agree). Every other member of the team
 * watches the text's deltas for remote transactions and splits inserted strings on `|`: each id found is one
 * (edit, receiver) arrival, latency = arrival − send. Appending at the end never splits an earlier insert, so an
 * id always arrives whole. Clock ticks are tagged the same way (`F.<n>`) and every learner is a receiver.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type * as Y from 'yjs';
import { seededRandom } from '../shared/room/groups';

/** One simulated participant, whatever the server: a set of Y.Docs kept in sync by some client. */
export interface Peer {
  doc(name: string): Y.Doc;
  whenSynced(name: string): Promise<void>;
  /** Bytes written to the server so far, every socket of this peer together (framing included). */
  bytesWritten(): number;
  /** Local edits the server has not acknowledged yet (0 for clients without acknowledgements). */
  pending(): number;
  close(): void;
}

export interface WorkloadOptions {
  label: string;
  learners: Peer[];
  facilitator: Peer;
  teams: number;
  seconds: number;
  warmupSeconds: number;
  seed: number;
  updatesPerSecond: number;
  tickMs: number;
  /** How long after the last edit deliveries and acknowledgements may still arrive before they count as lost. */
  drainMs: number;
  /** Called when the measured window opens and closes (server CPU sampling). */
  onWindowStart?: () => void;
  onWindowEnd?: () => void;
  log: (line: string) => void;
}

export interface WorkloadResult {
  /** Edits made in the measured window (learners' inserts + facilitator ticks). */
  updates: number;
  learnerEdits: number;
  ticks: number;
  /** Latency of every (edit, receiver) pair of the measured window, in ms, sorted. */
  latencies: Float64Array;
  /** Expected and observed deliveries over the whole run (warm-up included). */
  expected: number;
  delivered: number;
  missing: number;
  unacked: number;
  lost: number;
  bytesPerUpdate: number;
  windowSeconds: number;
  /** This (client) process: CPU % of one core and event-loop delay p99 over the window. */
  clientCpuPct: number;
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
  unknownArrivals: number;
  teamsConverged: number;
  /** Every learner edit id, by document (for checking what reached the host's disk). */
  editIds: Map<string, string[]>;
}

export const teamDoc = (team: number): string => `room/team-${team + 1}`;
export const teamOf = (learner: number, teams: number): number => learner % teams;


interface EditRecord {
  sent: number;
  expected: number;
  seen: number;
  measured: boolean;
}

class Tracker {
  private readonly edits = new Map<string, EditRecord>();
  readonly latencies: number[] = [];
  expected = 0;
  delivered = 0;
  unknown = 0;

  add(id: string, sent: number, expected: number, measured: boolean): void {
    this.edits.set(id, { sent, expected, seen: 0, measured });
    this.expected += expected;
  }

  arrive(id: string, now: number): void {
    const edit = this.edits.get(id);
    if (!edit || edit.seen >= edit.expected) {
      this.unknown++;
      return;
    }
    edit.seen++;
    this.delivered++;
    if (edit.measured) this.latencies.push(now - edit.sent);
  }

  get missing(): number {
    return this.expected - this.delivered;
  }
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const { learners, facilitator, teams, label, log } = options;
  const tracker = new Tracker();
  const members: Peer[][] = Array.from({ length: teams }, () => []);
  learners.forEach((peer, i) => members[teamOf(i, teams)]!.push(peer));
  const editIds = new Map<string, string[]>(Array.from({ length: teams }, (_, k) => [teamDoc(k), []]));

  // Receivers: every learner watches its team's text and the session clock.
  const unobserve: (() => void)[] = [];
  learners.forEach((peer, i) => {
    const text = peer.doc(teamDoc(teamOf(i, teams))).getText('t');
    const onText = (event: Y.YTextEvent) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const id of op.insert.split('|')) if (id) tracker.arrive(id, now);
      }
    };
    text.observe(onText);
    const state = peer.doc('session').getMap<string>('state');
    const onState = (event: Y.YMapEvent<string>) => {
      if (event.transaction.local || !event.keysChanged.has('clock')) return;
      const id = state.get('clock');
      if (id) tracker.arrive(id, performance.now());
    };
    state.observe(onState);
    unobserve.push(() => {
      text.unobserve(onText);
      state.unobserve(onState);
    });
  });

  const period = 1000 / options.updatesPerSecond;
  const t0 = performance.now() + 200;
  const windowStart = t0 + options.warmupSeconds * 1000;
  const end = windowStart + options.seconds * 1000;
  const timers: NodeJS.Timeout[] = [];
  let learnerEdits = 0;
  let ticks = 0;

  learners.forEach((peer, i) => {
    const team = teamOf(i, teams);
    const name = teamDoc(team);
    const text = peer.doc(name).getText('t');
    const receivers = members[team]!.length - 1;
    const random = seededRandom(options.seed * 7919 + i * 104729);
    let n = 0;
    let next = t0 + random() * period;
    const fire = () => {
      const id = `L${i}.${n++}`;
      const sent = performance.now();
      // Classified by schedule, not by when the timer fired: both servers then count exactly the same edits.
      const measured = next >= windowStart;
      if (measured) learnerEdits++;
      tracker.add(id, sent, receivers, measured);
      editIds.get(name)!.push(id);
      text.insert(text.length, `${id}|`);
      next += period * (0.5 + random());
      if (next < end) timers.push(setTimeout(fire, Math.max(0, next - performance.now())));
    };
    timers.push(setTimeout(fire, Math.max(0, next - performance.now())));
  });

  const clock = facilitator.doc('session').getMap<string>('state');
  for (let k = 1; t0 + k * options.tickMs < end; k++) {
    const measured = t0 + k * options.tickMs >= windowStart;
    timers.push(
      setTimeout(
        () => {
          const id = `F.${k}`;
          const sent = performance.now();
          if (measured) ticks++;
          tracker.add(id, sent, learners.length, measured);
          clock.set('clock', id);
        },
        t0 + k * options.tickMs - performance.now(),
      ),
    );
  }

  const everyone = [...learners, facilitator];
  const bytes = () => everyone.reduce((sum, p) => sum + p.bytesWritten(), 0);
  const loopResolutionMs = 2;
  const loopDelay = monitorEventLoopDelay({ resolution: loopResolutionMs });
  let startBytes = 0;
  let startCpu = process.cpuUsage();
  let startAt = 0;
  let endBytes = 0;
  let endCpu = process.cpuUsage();
  let endAt = 0;

  await sleep(windowStart - performance.now());
  startBytes = bytes();
  startCpu = process.cpuUsage();
  startAt = performance.now();
  loopDelay.enable();
  options.onWindowStart?.();
  log(`[${label}] measuring ${options.seconds} s (after ${options.warmupSeconds} s warm-up)`);

  let reported = 0;
  for (let s = 1; s <= options.seconds; s++) {
    await sleep(windowStart + s * 1000 - performance.now());
    const recent = tracker.latencies.slice(reported).sort((a, b) => a - b);
    reported = tracker.latencies.length;
    log(
      `[${label}] ${String(s).padStart(3)} s  edits ${String(learnerEdits + ticks).padStart(6)}  delivered ${tracker.delivered}/${tracker.expected}` +
        `  last second: p50 ${percentile(recent, 50).toFixed(2)} ms, p95 ${percentile(recent, 95).toFixed(2)} ms, max ${percentile(recent, 100).toFixed(2)} ms`,
    );
  }
  await sleep(end - performance.now());
  endBytes = bytes();
  endCpu = process.cpuUsage(startCpu);
  endAt = performance.now();
  loopDelay.disable();
  options.onWindowEnd?.();
  for (const timer of timers) clearTimeout(timer);

  // Drain: deliveries and acknowledgements still in flight get `drainMs` before they count as lost.
  const unackedNow = () => everyone.reduce((sum, p) => sum + p.pending(), 0);
  const drainUntil = performance.now() + options.drainMs;
  while ((tracker.missing > 0 || unackedNow() > 0) && performance.now() < drainUntil) await sleep(20);
  const missing = tracker.missing;
  const unacked = unackedNow();
  for (const off of unobserve) off();

  let teamsConverged = 0;
  members.forEach((team, k) => {
    const texts = new Set(team.map((p) => p.doc(teamDoc(k)).getText('t').toString()));
    if (texts.size <= 1) teamsConverged++;
  });

  const windowSeconds = (endAt - startAt) / 1000;
  const updates = learnerEdits + ticks;
  return {
    updates,
    learnerEdits,
    ticks,
    latencies: Float64Array.from(tracker.latencies).sort(),
    expected: tracker.expected,
    delivered: tracker.delivered,
    missing,
    unacked,
    lost: missing + unacked,
    bytesPerUpdate: updates > 0 ? (endBytes - startBytes) / updates : Number.NaN,
    windowSeconds,
    clientCpuPct: ((endCpu.user + endCpu.system) / 1000 / (endAt - startAt)) * 100,
    // The histogram holds whole sampling intervals: the delay is what exceeds the resolution.
    clientLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - loopResolutionMs),
    clientLoopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - loopResolutionMs),
    unknownArrivals: tracker.unknown,
    teamsConverged,
    editIds,
  };
}
