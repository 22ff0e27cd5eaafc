/**
 * The seeded convergence fuzz of our own document shapes (issue "Nothing acknowledged is ever lost";
 * quality-targets.md: several users, random disconnects, random delivery order, exact equality at the end, as
 * Yjs's own randomized tests do). Shared by tests/integration/convergence.test.ts (short runs in `npm test`) and
 * `npm run bench:convergence` (10,000 steps a seed).
 *
 * Cast: one facilitator and N learners (default 5) in teams (default 2): real RoomClients with in-memory device
 * storage, on the simulated network of simNetwork.ts, to one real host Room with a real DocLog. Every client reads
 * session, roster, qa, room/notes, room/brainstorm and its team's board and notes (the facilitator every team's),
 * and writes what its role may write (shared/room/documents.ts): the facilitator the session (phase, pushed,
 * polls, group names and roles), room/* and every team's documents; a learner room/* and its team's. Shapes and
 * edits: docShapes.ts. Group membership stays put: a learner moved out of a team has its in-flight edits to the
 * team's documents refused by design, a different question from convergence.
 *
 * A step is one of (seeded, shared/room/groups.ts's generator): deliver the next frame or event of some link; a
 * client edits; the host's disk catches up (its acks go out); a link is lost; a client's network goes off or
 * comes back; a reconnect timer fires; a client reloads (a new RoomClient on the same device storage); a learner
 * sends a command (asks a question, raises a hand); with `restarts`, the host restarts.
 *
 * Problems, by kind (none at all: the run passed):
 *   unsafe-ack  the host sent an `ack` (or a question's `command-ack`) for something its log had not reported
 *               written (checked when the host sends it);
 *   refused     the host refused an edit (every write here is allowed, membership never changes: so its view of
 *               the session went wrong), and the device drops a refused edit for good;
 *   stuck       after healing (network back everywhere; every frame delivered, the disk caught up and every
 *               timer fired, until nothing moves) a client is not online or its outbox is not empty;
 *   diverged    a replica differs from the host's document: content (marks and attributes included), state vector
 *               or delete set (Y.snapshot), or updates pending on either side;
 *   lost        an acknowledged edit is missing from the host's memory, or from its files read back at the end;
 *   disk        the files, read back with the host's own loader after it closes, differ from its memory.
 */
import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import { DocFrameKind, decodeDocFrame, type HostText } from '../../shared/protocol/protocol';
import { BoardSync } from '../../shared/sync/boardSync';
import { RoomClient } from '../../shared/sync/roomClient';
import { MemoryStorage } from '../../shared/sync/storage';
import { NOTES_SEED, randomEdit, readDoc, shapeOf, subRng, type Rng } from './docShapes';
import { SIM_ROOM_CODE, SIM_SECRET, SIM_URL, SimNetwork, missingFrom, type Frame, type SimLink } from './simNetwork';

export type Sabotage = 'host-drops-every-50th-update' | 'disk-loses-every-50th-record';

export type ProblemKind = 'unsafe-ack' | 'refused' | 'stuck' | 'diverged' | 'lost' | 'disk';

export interface Problem {
  kind: ProblemKind;
  message: string;
}

export interface FuzzOptions {
  seed: number;
  steps: number;
  learners?: number;
  teams?: number;
  /** The host restarts now and then (a crash: what it held only in memory is gone). */
  restarts?: boolean;
  /** Break the host on purpose, to show the fuzz catches it. */
  sabotage?: Sabotage;
  log?: (line: string) => void;
}

export interface FuzzResult {
  seed: number;
  steps: number;
  /** No problem of any kind. */
  passed: boolean;
  /** Problems by kind. */
  counts: Record<ProblemKind, number>;
  /** What went wrong, one line each (the first 40 of each kind). */
  problems: Problem[];
  /** Hash of every scheduling decision: the same seed gives the same trace. */
  trace: string;
  /** Hash of the host's final boards and notes (no learner ids in them): the same seed gives the same content. */
  digest: string;
  stats: Record<string, number>;
  ms: number;
}

interface Peer {
  index: number;
  name: string;
  facilitator: boolean;
  team: string | null;
  storage: MemoryStorage;
  client: RoomClient;
  /** Name of the current RoomClient instance (a reload makes a new one). */
  instance: string;
  generation: number;
  networkUp: boolean;
  boards: Map<string, BoardSync>;
  reads: string[];
  writes: string[];
  asked: number;
  hand: boolean;
}

const COMMON_DOCS = ['session', 'roster', 'qa', 'room/notes', 'room/brainstorm'];
const ROOM_WRITES = ['room/notes', 'room/brainstorm'];
const teamDocs = (team: string) => [`team/${team}/board`, `team/${team}/notes`];
const MAX_PROBLEMS = 40;

function fnv(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** JSON with sorted keys, for readable differences. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}

function difference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at char ${i}: host …${a.slice(Math.max(0, i - 30), i + 50)}… replica …${b.slice(Math.max(0, i - 30), i + 50)}…`;
}

const vector = (doc: Y.Doc) => stable(Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc))));
const pending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

export async function runConvergenceFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const { seed, steps } = options;
  const learners = options.learners ?? 5;
  const teams = Array.from({ length: options.teams ?? 2 }, (_, i) => `team-${i + 1}`);
  const schedule = subRng(seed, 1);
  const edits = subRng(seed, 2);
  const jitter = subRng(seed, 3);
  const problems: Problem[] = [];
  const counts: Record<ProblemKind, number> = { 'unsafe-ack': 0, refused: 0, stuck: 0, diverged: 0, lost: 0, disk: 0 };
  const problem = (kind: ProblemKind, message: string) => {
    if (counts[kind]++ < MAX_PROBLEMS) problems.push({ kind, message });
  };
  const stats: Record<string, number> = { delivered: 0, edits: 0, flushes: 0, timers: 0, drops: 0, offline: 0, reloads: 0, restarts: 0, commands: 0, acks: 0, commandAcks: 0 };
  let trace = 0x811c9dc5;
  let step = -1;
  const note = (what: string) => (trace = fnv(trace, `${what};`));

  // What each client instance sent (to know what an ack acknowledges) and what was acknowledged.
  const sent = new Map<string, Uint8Array>();
  const acked: { doc: string; update: Uint8Array; what: string }[] = [];
  const questions = new Set<string>();
  let updatesSeen = 0;
  /** The host says it has this on disk: check against what its log has reported written. */
  const checkAck = (link: SimLink, message: HostText) => {
    if (message.type === 'ack') {
      stats.acks!++;
      const what = `${link.owner}'s ${message.doc}#${message.seq}`;
      const update = sent.get(`${link.owner}|${message.doc}|${message.seq}`);
      if (!update) {
        problem('unsafe-ack', `step ${step}: an ack for ${what}, which it never sent`);
        return;
      }
      acked.push({ doc: message.doc, update, what });
      const durable = net.log.durable.get(message.doc);
      // A document never written is an empty one (an empty repair update is acknowledged as a durability barrier).
      const missing = missingFrom(durable ?? new Y.Doc(), update);
      const held = pending(net.room.doc(message.doc)) ? ' (the host holds updates pending: they build on something it lacks)' : '';
      if (missing) problem('unsafe-ack', `step ${step}: the host acknowledged ${what}, but its log has not reported ${missing} written${held}`);
    } else if (message.type === 'error') {
      const key = `refused ${message.reason}`;
      stats[key] = (stats[key] ?? 0) + 1;
      // Every write here is allowed (membership never changes): a refused edit means the host's view went wrong.
      if (message.seq !== undefined) problem('refused', `step ${step}: the host refused ${link.owner}'s ${message.doc}#${message.seq} (${message.reason}: ${message.message})`);
    } else if (message.type === 'command-ack' && questions.has(message.id)) {
      stats.commandAcks!++;
      if (!net.log.durable.get('qa')?.getMap('questions').has(message.id)) problem('unsafe-ack', `step ${step}: the host acknowledged question ${message.id} to ${link.owner}, but its log has not reported it written`);
    }
  };

  const net: SimNetwork = new SimNetwork({
    random: jitter.next,
    loseEvery: options.sabotage === 'disk-loses-every-50th-record' ? 50 : 0,
    observer: {
      clientSent(link: SimLink, frame: Frame) {
        if (typeof frame === 'string') return;
        const parsed = decodeDocFrame(frame);
        if (parsed.ok && parsed.value.kind === DocFrameKind.UPDATE) sent.set(`${link.owner}|${parsed.value.doc}|${parsed.value.seq}`, parsed.value.payload);
      },
      hostSent(link: SimLink, frame: Frame) {
        if (typeof frame === 'string') checkAck(link, JSON.parse(frame) as HostText);
      },
      hostReceives(link: SimLink, frame: Frame) {
        if (options.sabotage !== 'host-drops-every-50th-update' || typeof frame === 'string') return true;
        const parsed = decodeDocFrame(frame);
        if (!parsed.ok || parsed.value.kind !== DocFrameKind.UPDATE || ++updatesSeen % 50 !== 0) return true;
        link.hostSend(JSON.stringify({ type: 'ack', doc: parsed.value.doc, seq: parsed.value.seq } satisfies HostText));
        return false;
      },
    },
  });
  const { clock } = net;

  const peers: Peer[] = [];
  const openDoc = (peer: Peer, name: string) => {
    const doc = peer.client.doc(name);
    // Fixed Yjs client ids, fresh per instance: merges of concurrent edits then depend on the seed only.
    doc.clientID = 1000 * (peer.generation + 1) + peer.index + 1;
    if (shapeOf(name) === 'board') {
      const board = new BoardSync(doc);
      board.onRemoteChange(() => undefined);
      peer.boards.set(name, board);
    }
    if (shapeOf(name) === 'notes') Y.applyUpdate(doc, NOTES_SEED); // as the editor does when it opens
  };
  const start = (peer: Peer) => {
    peer.instance = `${peer.name}.${peer.generation}`;
    peer.boards = new Map();
    peer.client = clock.within(
      () =>
        new RoomClient({
          url: SIM_URL,
          room: SIM_ROOM_CODE,
          createSocket: net.createSocket(peer.instance),
          storage: peer.storage,
          ...(peer.facilitator ? { secret: SIM_SECRET } : { name: peer.name }),
        }),
    );
    for (const name of peer.reads) openDoc(peer, name);
    if (!peer.networkUp) clock.within(() => peer.client.setNetworkAvailable(false));
  };
  for (let i = 0; i <= learners; i++) {
    const facilitator = i === 0;
    const peer = {
      index: i,
      name: facilitator ? 'F' : `L${i}`,
      facilitator,
      team: facilitator ? null : teams[(i - 1) % teams.length]!,
      storage: new MemoryStorage(),
      generation: 0,
      networkUp: true,
      reads: [...COMMON_DOCS],
      writes: facilitator ? ['session', ...ROOM_WRITES] : [...ROOM_WRITES],
      asked: 0,
      hand: false,
    } as Omit<Peer, 'client' | 'instance' | 'boards'> as Peer;
    peers.push(peer);
    start(peer);
  }

  /** Delivers, flushes and fires timers in seeded order until nothing moves; false if it never stops. */
  const quiesce = async (r: Rng, bound = 500_000): Promise<boolean> => {
    for (let i = 0; i < bound; i++) {
      const events = net.events();
      if (events.length) {
        const event = r.pick(events);
        note(`q${event.link.id}${event.kind}`);
        await net.deliver(event);
        continue;
      }
      await net.flush();
      if (net.events().length) continue;
      if (clock.fireNext()) {
        await net.flush();
        continue;
      }
      return true;
    }
    return false;
  };

  // Setup: everyone joins; the facilitator forms the groups; everyone opens its team's documents.
  if (!(await quiesce(schedule))) problem('stuck', 'setup: the room never settled');
  const facilitator = peers[0]!;
  // Groups are host-owned: the facilitator forms them with commands (membership never changes afterwards here).
  for (const team of teams) {
    facilitator.client.command(`setup-${team}`, { cmd: 'create-group', teamId: team, name: `Team ${team.slice(5)}` });
    for (const p of peers.filter((peer) => peer.team === team && peer.client.welcome)) {
      facilitator.client.command(`setup-${team}-${p.name}`, { cmd: 'move-learner', learnerId: p.client.welcome!.learnerId, teamId: team });
    }
  }
  if (!(await quiesce(schedule))) problem('stuck', 'setup: the groups never settled');
  for (const peer of peers) {
    const docs = peer.facilitator ? teams.flatMap(teamDocs) : teamDocs(peer.team!);
    peer.reads.push(...docs);
    peer.writes.push(...docs);
    for (const name of docs) openDoc(peer, name);
  }
  if (!(await quiesce(schedule))) problem('stuck', 'setup: team documents never settled');

  const actions: [number, () => Promise<void> | void][] = [];
  const act = (weight: number, fn: () => Promise<void> | void) => actions.push([weight, fn]);
  const deliverAny = async () => {
    const events = net.events();
    if (events.length === 0) {
      edit();
      return;
    }
    const event = schedule.pick(events);
    note(`d${event.link.id}${event.kind}`);
    stats.delivered!++;
    await net.deliver(event);
  };
  const edit = () => {
    const peer = schedule.pick(peers);
    const name = schedule.pick(peer.writes);
    const label = randomEdit(name, peer.client.doc(name), { r: edits, tag: `${peer.name}x${stats.edits}`, board: peer.boards.get(name) });
    note(`e${peer.name}${name}${label}`);
    stats.edits!++;
  };
  act(45, deliverAny);
  act(27, edit);
  act(8, async () => {
    note('f');
    stats.flushes!++;
    await net.flush();
  });
  act(5, async () => {
    if (!clock.fireNext()) {
      await deliverAny();
      return;
    }
    note('t');
    stats.timers!++;
    await net.flush();
  });
  act(2, async () => {
    const links = net.liveLinks();
    if (links.length === 0) {
      await deliverAny();
      return;
    }
    const link = schedule.pick(links);
    note(`x${link.id}`);
    stats.drops!++;
    net.drop(link);
  });
  act(1.5, () => {
    const peer = schedule.pick(peers);
    if (!peer.networkUp) return;
    note(`off${peer.name}`);
    stats.offline!++;
    peer.networkUp = false;
    for (const link of net.liveLinks(peer.instance)) net.drop(link); // the Wi-Fi is gone: nothing in flight arrives
    clock.within(() => peer.client.setNetworkAvailable(false));
  });
  act(2, async () => {
    const down = peers.filter((p) => !p.networkUp);
    if (down.length === 0) {
      await deliverAny();
      return;
    }
    const peer = schedule.pick(down);
    note(`on${peer.name}`);
    peer.networkUp = true;
    clock.within(() => peer.client.setNetworkAvailable(true));
  });
  act(0.5, () => {
    const peer = schedule.pick(peers);
    note(`r${peer.name}`);
    stats.reloads!++;
    clock.within(() => peer.client.close());
    peer.generation++;
    start(peer);
  });
  if (options.restarts) {
    act(0.3, async () => {
      note('restart');
      stats.restarts!++;
      await net.restart();
    });
  }
  act(1.5, () => {
    const peer = schedule.pick(peers.slice(1));
    stats.commands!++;
    if (peer.asked < 15 && schedule.chance(0.7)) {
      const id = `q-${peer.name}-${peer.asked++}`;
      questions.add(id);
      note(`c${id}`);
      peer.client.command(id, { cmd: 'ask', questionId: id, text: `question ${id}?`, anonymous: schedule.chance(0.3) });
    } else {
      peer.hand = !peer.hand;
      note(`h${peer.name}`);
      peer.client.command(`h-${peer.name}-${stats.commands}`, { cmd: 'raise-hand', raised: peer.hand });
    }
  });
  const total = actions.reduce((sum, [w]) => sum + w, 0);

  for (step = 0; step < steps; step++) {
    let x = schedule.next() * total;
    const [, action] = actions.find(([w]) => (x -= w) < 0) ?? actions[0]!;
    await action();
    await Promise.resolve();
  }

  // Heal: every network back, then everything delivered until nothing moves.
  step = steps;
  for (const peer of peers) {
    if (peer.networkUp) continue;
    peer.networkUp = true;
    clock.within(() => peer.client.setNetworkAvailable(true));
  }
  if (!(await quiesce(schedule))) problem('stuck', 'healing: the room never settled');

  const compare = (kind: ProblemKind, label: string, name: string, host: Y.Doc, replica: Y.Doc) => {
    let known = true;
    try {
      shapeOf(name);
    } catch {
      known = false;
    }
    if (known) {
      const a = readDoc(name, host);
      const b = readDoc(name, replica);
      if (!isDeepStrictEqual(a.content, b.content)) problem(kind, `${label}: content differs ${difference(stable(a.content), stable(b.content))}`);
      if (a.unexpected.length || b.unexpected.length) problem(kind, `${label}: unexpected root types ${[...a.unexpected, ...b.unexpected].join(', ')}`);
    }
    if (!Y.equalSnapshots(Y.snapshot(host), Y.snapshot(replica))) problem(kind, `${label}: state vector or delete set differs (host ${vector(host)}, replica ${vector(replica)})`);
    if (kind === 'disk') return; // pending updates are reported for the replicas
    if (pending(host)) problem(kind, `${label}: the host has updates pending (missing what they build on)`);
    if (pending(replica)) problem(kind, `${label}: the replica has updates pending (missing what they build on)`);
  };
  for (const peer of peers) {
    const { client } = peer;
    if (client.status !== 'online') problem('stuck', `${peer.name}: ${client.status} after healing`);
    if (client.pendingCount) problem('stuck', `${peer.name}: ${client.pendingCount} edits or commands never acknowledged`);
    for (const name of peer.reads) compare('diverged', `${peer.name} ${name}`, name, net.room.doc(name), client.doc(name));
  }
  for (const { doc, update, what } of acked) {
    const missing = missingFrom(net.room.doc(doc), update);
    if (missing) problem('lost', `${what} was acknowledged, but the host's memory lacks ${missing}`);
  }
  let digest = 0x811c9dc5;
  for (const name of ['room/notes', 'room/brainstorm', ...teams.flatMap(teamDocs)]) digest = fnv(digest, stable(readDoc(name, net.room.doc(name)).content));
  const disk = await net.close();
  if (disk.damaged) problem('disk', `the host's files read back with ${disk.damaged} damaged`);
  for (const [name, doc] of disk.docs) compare('disk', `disk ${name}`, name, net.room.doc(name), doc);
  for (const { doc, update, what } of acked) {
    const target = disk.docs.get(doc);
    const missing = target ? missingFrom(target, update) : 'the whole document';
    if (missing) problem('lost', `${what} was acknowledged, but the host's files lack ${missing} when read back`);
  }
  for (const peer of peers) clock.within(() => peer.client.close());

  stats.ackedEdits = acked.length;
  const result: FuzzResult = {
    seed,
    steps,
    passed: Object.values(counts).every((n) => n === 0),
    counts,
    problems,
    trace: trace.toString(16).padStart(8, '0'),
    digest: digest.toString(16).padStart(8, '0'),
    stats,
    ms: Math.round(performance.now() - started),
  };
  options.log?.(`seed ${seed}: ${result.passed ? 'passed' : JSON.stringify(counts)} in ${result.ms} ms, trace ${result.trace} ${JSON.stringify(stats)}`);
  return result;
}
