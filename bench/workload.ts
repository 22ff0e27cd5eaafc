/**
 * The room workload and its latency bookkeeping, identical for every server under test.
 *
 * Learners are split into teams; each team edits one room-wide document `room/team-<k>` (a Y.Text "t"), and the
 * facilitator ticks a clock in `session` (Y.Map "state", key "clock") once a second. Every learner makes
 * `updatesPerSecond` edits a second on a seeded, jittered schedule (the same for every server, given the seed):
 * it appends `<id>|` to its team's text, where <id> is unique (`L<learner>.<n>`), and records the send time
 * (now(): the clients live in this one process, possibly in several threads, and CLOCK_MONOTONIC is one clock for
 * all of them). Every other member of the team — in the same thread: a team is never split — watches the text for
 * remote transactions and splits the inserted strings on `|`: each id found is one (edit, receiver) arrival,
 * latency = arrival − send. Appending at the end never splits an earlier insert, so an id always arrives whole.
 * Clock ticks are tagged the same way (`F.<n>@<send time>`: the send time travels with the tick, so a receiver in
 * another thread than the facilitator's measures it too) and every learner is a receiver.
 * The inserted strings are read from the items the transaction created (insertedStrings), not from `event.delta`:
 * Yjs computes a text event's delta by walking the whole text, which made the receivers' bookkeeping grow with the
 * document and saturated the bench process at 200 learners (profiled: 21 % of its time in that walk alone).
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

/**
 * The bench's clock, in ms: CLOCK_MONOTONIC through process.hrtime, the same in every thread of the process (a
 * worker's performance.now() has its own origin). Sends and arrivals in different client threads compare exactly.
 */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** The workload's timeline, absolute in now()'s clock, shared by every client thread of a run. */
export interface Timeline {
  /** The first edits are scheduled from here on (jittered). */
  t0: number;
  /** Edits scheduled from here on are measured. */
  windowStart: number;
  /** Nothing is scheduled from here on. */
  end: number;
}

export function timeline(t0: number, warmupSeconds: number, seconds: number): Timeline {
  const windowStart = t0 + warmupSeconds * 1000;
  return { t0, windowStart, end: windowStart + seconds * 1000 };
}

/** One second's progress of one client thread (the room's line adds up every thread's). */
export interface SecondReport {
  second: number;
  edits: number;
  delivered: number;
  expected: number;
  /** Latencies of the deliveries measured during that second. */
  recent: Float64Array;
}

export interface WorkloadOptions {
  label: string;
  /** This thread's learners, each with its index in the whole room (its id, team and schedule follow the index). */
  learners: { index: number; peer: Peer }[];
  /** The facilitator, in exactly one thread of the run (it ticks the clock); null in the others. */
  facilitator: Peer | null;
  teams: number;
  timeline: Timeline;
  seconds: number;
  seed: number;
  updatesPerSecond: number;
  tickMs: number;
  /** How long after the last edit deliveries and acknowledgements may still arrive before they count as lost. */
  drainMs: number;
  /** Called once a second of the measured window, with this thread's figures. */
  onSecond?: (report: SecondReport) => void;
}

export const teamDoc = (team: number): string => `room/team-${team + 1}`;
export const teamOf = (learner: number, teams: number): number => learner % teams;

/** Loopback source addresses the learners' sockets are spread over: 127.0.0.2 … 127.0.0.51 (Linux routes all of 127/8 to lo). */
export const SOURCE_ADDRESSES = 50;
/**
 * The local (source) address of learner `i`'s sockets, the same for every server under test: learners go round-robin
 * over SOURCE_ADDRESSES loopback addresses, so 200 learners are 4 per address — as a classroom is many devices, and far
 * below the host's cap of connections per address (120), which all clients on one address would hit. The facilitator
 * keeps 127.0.0.1 (on the host laptop itself).
 */
export const sourceAddress = (learner: number): string => `127.0.0.${2 + (learner % SOURCE_ADDRESSES)}`;

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
  /** Bytes the clients wrote to the server during the window (bytesPerUpdate = this / updates). */
  windowBytes: number;
  bytesPerUpdate: number;
  windowSeconds: number;
  /** The bench process (every thread): CPU % of one core over the window. */
  clientCpuPct: number;
  /** Event-loop delay of the client thread(s) over the window: the worst thread's p99 and max. */
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
  unknownArrivals: number;
  /** Teams (of this thread's, or of all) whose members ended with identical texts. */
  teamsConverged: number;
  /** Every learner edit id, by document (for checking what reached the host's disk). */
  editIds: Map<string, string[]>;
}

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

  /** `sent` NaN: not known here (a clock tick sent from another thread), it arrives with the tick. */
  add(id: string, sent: number, expected: number, measured: boolean): void {
    this.edits.set(id, { sent, expected, seen: 0, measured });
    this.expected += expected;
  }

  arrive(id: string, at: number, sent?: number): void {
    const edit = this.edits.get(id);
    if (!edit || edit.seen >= edit.expected) {
      this.unknown++;
      return;
    }
    edit.seen++;
    this.delivered++;
    if (edit.measured) this.latencies.push(at - (sent ?? edit.sent));
  }

  get missing(): number {
    return this.expected - this.delivered;
  }
}

/**
 * The strings a transaction inserted into `text` (and did not delete), in O(what it added): for each client whose
 * clock advanced, the structs from its clock before the transaction to its end. Observers run before Yjs merges a
 * transaction's new items with older ones, so every struct at or after the old clock is new, and whole; order is
 * irrelevant here (each id is looked up on its own).
 */
export function insertedStrings(text: Y.Text, transaction: Y.Transaction): string[] {
  const found: string[] = [];
  const clients = transaction.doc.store.clients;
  transaction.afterState.forEach((after, client) => {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) return;
    const structs = clients.get(client) ?? [];
    for (let k = structs.length - 1; k >= 0 && structs[k]!.id.clock >= before; k--) {
      const struct = structs[k]! as Y.Item; // a GC struct has no parent and counts as deleted
      if (struct.parent !== text || struct.deleted) continue;
      const str = (struct.content as { str?: unknown }).str; // ContentString
      if (typeof str === 'string') found.push(str);
    }
  });
  return found;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const sleepUntil = (t: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - now())));

/** The clock tick's value: its id and its send time (so a receiver in any thread knows it), `F.<k>@<ms>`. */
const tickValue = (k: number, sent: number) => `F.${k}@${sent.toFixed(4)}`;
function parseTick(value: string): { id: string; sent: number } | null {
  const at = value.indexOf('@');
  return at > 0 ? { id: value.slice(0, at), sent: Number(value.slice(at + 1)) } : null;
}

/**
 * Runs the workload for this thread's learners (and the facilitator, if it is here) on the shared timeline. A team
 * lives in one thread (its sender and receivers share a Tracker); clock ticks reach every thread and carry their
 * send time. Resolves after the drain with this thread's result; `mergeResults` adds up those of all threads.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const { learners, facilitator, teams, timeline: tl } = options;
  const tracker = new Tracker();
  const members = new Map<number, Peer[]>();
  for (const { index, peer } of learners) {
    const team = teamOf(index, teams);
    members.set(team, [...(members.get(team) ?? []), peer]);
  }
  const editIds = new Map<string, string[]>([...members.keys()].map((k) => [teamDoc(k), []]));

  // Every clock tick is expected by each learner of this thread; its send time comes with it.
  const tickTimes: number[] = [];
  for (let k = 1; tl.t0 + k * options.tickMs < tl.end; k++) tickTimes.push(tl.t0 + k * options.tickMs);
  tickTimes.forEach((at, i) => tracker.add(`F.${i + 1}`, Number.NaN, learners.length, at >= tl.windowStart));

  // Receivers: every learner watches its team's text and the session clock.
  const unobserve: (() => void)[] = [];
  for (const { index, peer } of learners) {
    const text = peer.doc(teamDoc(teamOf(index, teams))).getText('t');
    const onText = (event: Y.YTextEvent) => {
      if (event.transaction.local) return;
      const at = now();
      for (const inserted of insertedStrings(text, event.transaction)) {
        for (const id of inserted.split('|')) if (id) tracker.arrive(id, at);
      }
    };
    text.observe(onText);
    const state = peer.doc('session').getMap<string>('state');
    const onState = (event: Y.YMapEvent<string>) => {
      if (event.transaction.local || !event.keysChanged.has('clock')) return;
      const tick = parseTick(state.get('clock') ?? '');
      if (tick) tracker.arrive(tick.id, now(), tick.sent);
    };
    state.observe(onState);
    unobserve.push(() => {
      text.unobserve(onText);
      state.unobserve(onState);
    });
  }

  const period = 1000 / options.updatesPerSecond;
  const timers: NodeJS.Timeout[] = [];
  let learnerEdits = 0;
  let ticks = 0;

  for (const { index: i, peer } of learners) {
    const team = teamOf(i, teams);
    const name = teamDoc(team);
    const text = peer.doc(name).getText('t');
    const receivers = members.get(team)!.length - 1;
    const random = seededRandom(options.seed * 7919 + i * 104729);
    let n = 0;
    let next = tl.t0 + random() * period;
    const fire = () => {
      const id = `L${i}.${n++}`;
      const sent = now();
      // Classified by schedule, not by when the timer fired: both servers then count exactly the same edits.
      const measured = next >= tl.windowStart;
      if (measured) learnerEdits++;
      tracker.add(id, sent, receivers, measured);
      editIds.get(name)!.push(id);
      text.insert(text.length, `${id}|`);
      next += period * (0.5 + random());
      if (next < tl.end) timers.push(setTimeout(fire, Math.max(0, next - now())));
    };
    timers.push(setTimeout(fire, Math.max(0, next - now())));
  }

  if (facilitator) {
    const clock = facilitator.doc('session').getMap<string>('state');
    tickTimes.forEach((at, i) => {
      timers.push(
        setTimeout(() => {
          if (at >= tl.windowStart) ticks++;
          clock.set('clock', tickValue(i + 1, now()));
        }, at - now()),
      );
    });
  }

  const everyone = [...learners.map((l) => l.peer), ...(facilitator ? [facilitator] : [])];
  const bytes = () => everyone.reduce((sum, p) => sum + p.bytesWritten(), 0);
  const loopResolutionMs = 2;
  const loopDelay = monitorEventLoopDelay({ resolution: loopResolutionMs });

  await sleepUntil(tl.windowStart);
  const startBytes = bytes();
  const startCpu = process.cpuUsage();
  const startAt = now();
  loopDelay.enable();

  let reported = 0;
  for (let s = 1; s <= options.seconds; s++) {
    await sleepUntil(tl.windowStart + s * 1000);
    const recent = Float64Array.from(tracker.latencies.slice(reported));
    reported = tracker.latencies.length;
    options.onSecond?.({ second: s, edits: learnerEdits + ticks, delivered: tracker.delivered, expected: tracker.expected, recent });
  }
  await sleepUntil(tl.end);
  const endBytes = bytes();
  const endCpu = process.cpuUsage(startCpu);
  const endAt = now();
  loopDelay.disable();
  for (const timer of timers) clearTimeout(timer);

  // Drain: deliveries and acknowledgements still in flight get `drainMs` before they count as lost.
  const unackedNow = () => everyone.reduce((sum, p) => sum + p.pending(), 0);
  const drainUntil = now() + options.drainMs;
  while ((tracker.missing > 0 || unackedNow() > 0) && now() < drainUntil) await sleepUntil(now() + 20);
  const missing = tracker.missing;
  const unacked = unackedNow();
  for (const off of unobserve) off();

  let teamsConverged = 0;
  for (const [k, team] of members) {
    const texts = new Set(team.map((p) => p.doc(teamDoc(k)).getText('t').toString()));
    if (texts.size <= 1) teamsConverged++;
  }

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
    windowBytes: endBytes - startBytes,
    bytesPerUpdate: updates > 0 ? (endBytes - startBytes) / updates : Number.NaN,
    windowSeconds: (endAt - startAt) / 1000,
    // process.cpuUsage() is the whole process's, every thread included.
    clientCpuPct: ((endCpu.user + endCpu.system) / 1000 / (endAt - startAt)) * 100,
    // The histogram holds whole sampling intervals: the delay is what exceeds the resolution.
    clientLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - loopResolutionMs),
    clientLoopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - loopResolutionMs),
    unknownArrivals: tracker.unknown,
    teamsConverged,
    editIds,
  };
}

/** The result of a whole run from those of its client threads (sums; latencies together; the worst loop delay). */
export function mergeResults(parts: WorkloadResult[]): WorkloadResult {
  const sum = (f: (r: WorkloadResult) => number) => parts.reduce((total, r) => total + f(r), 0);
  const max = (f: (r: WorkloadResult) => number) => Math.max(...parts.map(f));
  const latencies = new Float64Array(sum((r) => r.latencies.length));
  let offset = 0;
  for (const r of parts) {
    latencies.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  const updates = sum((r) => r.updates);
  const windowBytes = sum((r) => r.windowBytes);
  return {
    updates,
    learnerEdits: sum((r) => r.learnerEdits),
    ticks: sum((r) => r.ticks),
    latencies: latencies.sort(),
    expected: sum((r) => r.expected),
    delivered: sum((r) => r.delivered),
    missing: sum((r) => r.missing),
    unacked: sum((r) => r.unacked),
    lost: sum((r) => r.lost),
    windowBytes,
    bytesPerUpdate: updates > 0 ? windowBytes / updates : Number.NaN,
    windowSeconds: max((r) => r.windowSeconds),
    clientCpuPct: max((r) => r.clientCpuPct),
    clientLoopDelayP99Ms: max((r) => r.clientLoopDelayP99Ms),
    clientLoopDelayMaxMs: max((r) => r.clientLoopDelayMaxMs),
    unknownArrivals: sum((r) => r.unknownArrivals),
    teamsConverged: sum((r) => r.teamsConverged),
    editIds: new Map(parts.flatMap((r) => [...r.editIds])),
  };
}
