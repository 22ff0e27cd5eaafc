/**
 * The Jepsen-style set test ("nothing acknowledged is ever lost"), shared by tests/integration/jepsen.test.ts
 * (short seeded run) and `npm run bench:jepsen` (long seeded run).
 *
 * The real host process keeps one session in a fixed data folder and is SIGKILLed mid-write, then restarted on the
 * same port (it resumes the session by title: same room code, same host key, same learners). Learners are the
 * shared RoomClient over `ws` with in-memory device storage, put in teams by a facilitator (session doc `groups`).
 * Each learner appends tagged items `<learner>:<n>` (one Y.Array push per item, so one edit each) to documents it
 * may write: the room-wide `room/set-a`, `room/set-b` and its team's `team/<id>/set`, at a seeded random rate.
 * Each cycle: writing for a few seconds, during which a third of the learners drop their sockets at once; then every
 * connected learner adds 5 items every 5 ms for 100–200 ms, and the host is SIGKILLed in the middle of that surge;
 * while it is dead, a third of the learners that were connected lose their network for 5–25 s (so they are offline
 * when it returns, often across the next kill too) and keep writing; then the host restarts.
 * Every random choice is seeded.
 *
 * Acknowledged, per item: the client received the host's `ack` for that edit's (document, sequence number) — the
 * message that takes it out of the outbox — for the edit itself, or for a later repair of the same document by the
 * same device (the device's answer to the host's sync step 1: everything the host lacked, which covers every earlier
 * edit of the document). Sequence numbers are read where the outbox hands an edit to device storage
 * (storeLocalEdit, called synchronously inside the push); the ack is read on the client's own socket. Nothing in the
 * client or host is changed or mocked.
 *
 * Reconnect-to-converged, after each restart: from the host's listening line, with writes paused, until every
 * learner whose network is up is online and has, for every document it uses, the same Yjs state vector as a fresh
 * facilitator reader (the host's view). When all of them are online with an empty outbox and two round trips later
 * the vectors still differ, nothing more will arrive until an offline learner returns: that restart is recorded as
 * not converged (null) rather than waited out. Writing resumes after the measurement.
 *
 * The verdict, after the last kill: writing goes on for another cycle, the network heals (every learner still
 * offline comes back, as in Jepsen's final heal), writing goes on one more cycle and stops; once every
 * outbox is empty and two round trips have passed, a fresh facilitator reads the host's view. lostAcknowledged:
 * acknowledged items missing from the host's view of their document; unexpected: entries in any replica (host or
 * learner) never added to that document, or a second copy; replicasDiffering: learners with a document whose content
 * differs from the host's. Only these decide pass or fail; the times and bounds never do.
 * Settling (every outbox empty, the round trips) shares one bound, `settleBoundMs`: past it, the result says why
 * (`unsettled`) and replicas are not compared (edits still on their way are slowness, not divergence), but
 * acknowledged items are judged all the same — they are on the host's disk, settled or not. Only when the host's
 * view cannot be read at all is there no verdict (`noVerdict`). The host's stderr reports are printed; a document
 * the host set aside (its load took too much CPU: served empty, edits refused) is reported in `setAside`, not
 * counted as lost.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { percentile } from '../../bench/workload';
import { formGroups, seededRandom, shuffle } from '../../shared/room/groups';
import type { ClientSocket, RoomClient } from '../../shared/sync/roomClient';
import { MemoryStorage, type OutboxItem } from '../../shared/sync/storage';
import { RestartableHost } from './restartableHost';
import { connectClient, hostKeyOf, placeGroups, waitFor } from './roomClients';

const ROOM_DOCS = ['room/set-a', 'room/set-b'];

export interface SetTestOptions {
  seed: number;
  kills: number;
  /** Learners (the facilitator and the readers are extra). */
  clients: number;
  teamSize: number;
  /** Items each learner adds per second, on average. */
  rate: number;
  /** Before each kill, a surge: every connected learner adds `surgeItems` items every 5 ms for this long (ms). */
  surgeMs: [number, number];
  surgeItems: number;
  /** Writing time before each kill, ms (uniform in [min, max]). */
  betweenKillsMs: [number, number];
  /** How long the host stays dead before it is restarted, ms. */
  downMs: [number, number];
  /** Learners that drop their connection at once, once in each cycle before a kill. */
  dropClients: number;
  /**
   * Learners (out of `clients`) that lose their network while the host is dead, at each kill, and for how long (ms):
   * that share of the learners connected at the kill.
   */
  offlineClients: number;
  offlineMs: [number, number];
  /** Bounds that only stop a hang; the verdict never depends on them. */
  convergeBoundMs: number;
  settleBoundMs: number;
  keepData?: boolean;
  log: (line: string) => void;
}

export const defaultSetTestOptions = (clients = 20): Omit<SetTestOptions, 'seed' | 'kills' | 'log'> => ({
  clients,
  teamSize: 4,
  rate: 5,
  surgeMs: [100, 200],
  surgeItems: 5,
  betweenKillsMs: [2000, 4000],
  downMs: [0, 1000],
  dropClients: Math.round(clients / 3),
  offlineClients: Math.round(clients / 3),
  offlineMs: [5000, 25000],
  convergeBoundMs: 20_000,
  settleBoundMs: 60_000,
});

export interface SetTestResult {
  /** Null when the host's view was read (after settling, or the settle bound); else why not: nothing is judged. */
  noVerdict: string | null;
  /**
   * Null when every outbox emptied and a round trip passed within `settleBoundMs`; else why not. Acknowledged items
   * are judged all the same (they are on the host's disk); replicasDiffering is then not a verdict.
   */
  unsettled: string | null;
  /** Documents the host set aside (their load took too much CPU): served empty and refused, so not compared. */
  setAside: string[];
  /** Lines the host processes reported on stderr over the run (each is printed in the log). */
  hostReports: number;
  added: number;
  acknowledged: number;
  lostAcknowledged: number;
  unexpected: number;
  replicasDiffering: number;
  /** Nearest-rank p95 of reconnect-to-converged over the kills; null when that rank is a kill that never converged. */
  convergeP95Ms: number | null;
  seed: number;
  clients: number;
  kills: number;
  /** Per kill, ms from the listening line to converged; null: not converged (diverged, or the bound passed). */
  convergeMs: (number | null)[];
  notConverged: number;
  /** Items never acknowledged (allowed to be missing or present), and those of them missing from the host. */
  unacknowledged: number;
  lostUnacknowledged: number;
  /** (learner, document) pairs whose content differs from the host's. */
  docsDiffering: number;
  /** Rejections the learners received about a document (they only use documents they may: should be 0). */
  refused: number;
  /** Refusals by reason (every refusal a learner received, document or not): what the host said no to. */
  refusedReasons: Record<string, number>;
  /** Edits still in some outbox at the end (should be 0). */
  stillPending: number;
  offlineEpisodes: number;
  drops: number;
  /** Summed over the kills: items the host had relayed to other learners but not acknowledged when it died. */
  relayedAtKills: number;
  seconds: number;
  lostExamples: string[];
  unexpectedExamples: string[];
}

/** MemoryStorage that tells us each edit the outbox stores (synchronously, inside the local transaction). */
class ObservedStorage extends MemoryStorage {
  lastAdded: OutboxItem | null = null;
  /** Sequence numbers of the repairs this device sent, per document. */
  readonly repairs = new Set<string>();
  override storeLocalEdit(room: string, item: OutboxItem, storeUpdate: boolean): Promise<void> {
    if (item.repair) this.repairs.add(`${item.doc}#${item.seq}`);
    else this.lastAdded = item;
    return super.storeLocalEdit(room, item, storeUpdate);
  }
}

interface Learner {
  index: number;
  client: RoomClient;
  storage: ObservedStorage;
  docs: string[];
  next: number;
  networkUp: boolean;
  offlineUntil: number;
  offlineTimer: ReturnType<typeof setTimeout> | null;
}

interface Item {
  doc: string;
  acked: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
/** Waits for `promise`, at most `ms`: true when it settled in time. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const uniform = (random: () => number, [min, max]: [number, number]) => min + random() * (max - min);
const itemsOf = (client: RoomClient, doc: string) => client.doc(doc).getArray<string>('set').toArray();
const sameVector = (a: Y.Doc, b: Y.Doc) => Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));

export async function runSetTest(options: SetTestOptions): Promise<SetTestResult> {
  const started = performance.now();
  const log = (line: string) => options.log(`${((performance.now() - started) / 1000).toFixed(1)} s  ${line}`);
  const plan = seededRandom(options.seed);
  const writes = seededRandom(options.seed ^ 0x5bd1e995);
  const host = new RestartableHost('Jepsen set test');
  const learners: Learner[] = [];
  const readers = new Set<RoomClient>();
  const items = new Map<string, Item>();
  const bySeq = new Map<string, string>();
  let offlineEpisodes = 0;
  let drops = 0;
  let barriers = 0;
  let relayedAtKills = 0;
  let writing = false;
  let writer: ReturnType<typeof setInterval> | null = null;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  try {
    const line = await host.start();
    const room = line.room as string;
    const key = hostKeyOf(line.facilitatorUrl as string);
    log(`host on port ${host.port}, room ${room}, data ${host.dataDir}`);

    const reader = () => {
      const c = connectClient(line.url, room, { secret: key });
      readers.add(c);
      return c;
    };
    // Learners join, the facilitator puts them in teams (on the host's disk before any fault).
    for (let index = 0; index < options.clients; index++) {
      const storage = new ObservedStorage();
      const onText = (text: string) => {
        if (!text.includes('"ack"')) return;
        const ack = JSON.parse(text) as { type: string; doc: string; seq: number };
        if (ack.type !== 'ack') return;
        const tag = bySeq.get(`${index}|${ack.doc}#${ack.seq}`);
        if (tag) items.get(tag)!.acked = true;
        // A repair acknowledged: every earlier edit of this document by this device is on the host's disk too.
        if (storage.repairs.has(`${ack.doc}#${ack.seq}`)) {
          for (const [key, earlier] of bySeq) {
            const [owner, edit] = key.split('|') as [string, string];
            const hash = edit.lastIndexOf('#');
            if (owner === String(index) && edit.slice(0, hash) === ack.doc && Number(edit.slice(hash + 1)) < ack.seq) items.get(earlier)!.acked = true;
          }
        }
      };
      const createSocket = (url: string) => {
        const ws = new WebSocket(url);
        ws.addEventListener('message', (ev) => {
          if (typeof ev.data === 'string') onText(ev.data);
        });
        return ws as unknown as ClientSocket;
      };
      const client = connectClient(line.url, room, { storage, createSocket, name: `Learner ${index}` });
      learners.push({ index, client, storage, docs: [], next: 0, networkUp: true, offlineUntil: 0, offlineTimer: null });
    }
    const facilitator = reader();
    await waitFor(() => facilitator.status === 'online' && learners.every((l) => l.client.status === 'online'), 'everyone joined', 30_000);
    const ids = learners.map((l) => l.client.welcome!.learnerId);
    const groups = formGroups(
      ids.map((id) => ({ id, profile: null })),
      options.teamSize,
      'random',
      options.seed,
    );
    await placeGroups(facilitator, groups);
    facilitator.close();
    readers.delete(facilitator);
    for (const l of learners) {
      const team = groups.find((g) => g.members.includes(ids[l.index]!))!.id;
      l.docs = [...ROOM_DOCS, `team/${team}/set`];
      await Promise.all(l.docs.map((d) => l.client.whenSynced(d)));
    }
    const allDocs = [...ROOM_DOCS, ...groups.map((g) => `team/${g.id}/set`)];
    log(`${learners.length} learners in ${groups.length} teams, documents: ${allDocs.join(', ')}`);

    const add = (l: Learner) => {
      const doc = l.docs[Math.floor(writes() * l.docs.length)]!;
      const tag = `${l.index}:${l.next++}`;
      items.set(tag, { doc, acked: false });
      l.storage.lastAdded = null;
      l.client.doc(doc).getArray<string>('set').push([tag]);
      const stored = l.storage.lastAdded as OutboxItem | null;
      if (!stored || stored.doc !== doc) throw new Error(`the outbox did not store ${tag}`);
      bySeq.set(`${l.index}|${doc}#${stored.seq}`, tag);
    };
    const tickMs = 20;
    writer = setInterval(() => {
      if (!writing) return;
      for (const l of learners) if (writes() < (options.rate * tickMs) / 1000) add(l);
    }, tickMs);

    /** Items (of the first `count` added) not acknowledged, yet in another learner's replica: the host relayed them. */
    const relayedUnacked = (count: number) => {
      const replicas = new Map(learners.map((l) => [l.index, new Map(l.docs.map((d) => [d, new Set(itemsOf(l.client, d))]))]));
      let n = 0;
      let k = 0;
      for (const [tag, item] of items) {
        if (k++ >= count) break;
        const author = Number(tag.slice(0, tag.indexOf(':')));
        if (!item.acked && learners.some((o) => o.index !== author && replicas.get(o.index)!.get(item.doc)?.has(tag))) n++;
      }
      return n;
    };
    const later = (ms: number, fn: () => void) => {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          fn();
        },
        Math.max(0, ms),
      );
      timers.add(timer);
    };
    const setOffline = (l: Learner, until: number) => {
      if (l.networkUp) {
        l.networkUp = false;
        offlineEpisodes++;
        l.client.setNetworkAvailable(false);
      }
      if (until <= l.offlineUntil) return;
      l.offlineUntil = until;
      if (l.offlineTimer) clearTimeout(l.offlineTimer);
      l.offlineTimer = setTimeout(() => setOnline(l), until - performance.now());
    };
    const setOnline = (l: Learner) => {
      if (l.offlineTimer) clearTimeout(l.offlineTimer);
      l.offlineTimer = null;
      l.networkUp = true;
      l.client.setNetworkAvailable(true);
    };
    const networkUp = () => learners.filter((l) => l.networkUp);
    const quiet = () => networkUp().every((l) => l.client.status === 'online' && l.client.pendingCount === 0);
    const converged = (r: RoomClient, synced: () => boolean) =>
      r.status === 'online' &&
      synced() &&
      networkUp().every((l) => l.client.status === 'online' && l.docs.every((d) => sameVector(l.client.doc(d), r.doc(d))));
    /**
     * Two round trips on every socket (a new document's sync step 2 each): after the first the host has taken in
     * everything sent before it; after the second every client has received everything the host relayed meanwhile.
     */
    const barrier = async (clients: RoomClient[]) => {
      for (let round = 0; round < 2; round++) {
        const name = `room/barrier-${++barriers}`;
        await Promise.all(clients.map((c) => c.whenSynced(name)));
      }
    };
    const syncedReader = (r: RoomClient) => {
      let pending = allDocs.length;
      for (const d of allDocs) void r.whenSynced(d).then(() => pending--);
      return () => pending === 0;
    };

    /** Reconnect-to-converged after a restart, from its listening line `t0` (writes paused). */
    const measureConvergence = async (t0: number): Promise<number | 'diverged' | 'bound passed'> => {
      const r = reader();
      const synced = syncedReader(r);
      try {
        while (performance.now() - t0 < options.convergeBoundMs) {
          if (converged(r, synced)) return performance.now() - t0;
          if (synced() && r.status === 'online' && quiet()) {
            const before = networkUp().length;
            await within(barrier([r, ...networkUp().map((l) => l.client)]), options.convergeBoundMs);
            if (converged(r, synced)) return performance.now() - t0;
            if (r.status === 'online' && quiet() && networkUp().length === before) return 'diverged';
          }
          await sleep(10);
        }
        return 'bound passed';
      } finally {
        r.close();
        readers.delete(r);
      }
    };

    writing = true;
    const convergeMs: (number | null)[] = [];
    for (let kill = 1; kill <= options.kills; kill++) {
      const cycle = uniform(plan, options.betweenKillsMs);
      const dropAt = cycle * (0.2 + 0.6 * plan());
      const dropped = shuffle(learners, plan).slice(0, options.dropClients);
      const down = uniform(plan, options.downMs);
      const surge = uniform(plan, options.surgeMs);
      later(dropAt, () => {
        for (const l of dropped) {
          if (l.client.status === 'online') drops++;
          l.client.dropConnection();
        }
      });
      await sleep(cycle);
      // Mid-write: a surge of edits from every connected learner, and the host dies in the middle of it.
      const surging = setInterval(() => {
        for (let n = 0; n < options.surgeItems; n++) for (const l of networkUp()) add(l);
      }, 5);
      await sleep(surge);
      const acknowledgedBefore = [...items.values()].filter((i) => i.acked).length;
      const addedBefore = items.size;
      await host.kill();
      clearInterval(surging);
      // The same share of the learners connected at the kill lose their network while the host is dead.
      const connected = networkUp();
      const goOffline = Math.round((options.offlineClients * connected.length) / options.clients);
      for (const l of shuffle(connected, plan).slice(0, goOffline)) {
        const ms = uniform(plan, options.offlineMs);
        later(uniform(plan, [0, down]), () => setOffline(l, performance.now() + ms));
      }
      await sleep(down);
      await waitFor(() => timers.size === 0, 'offline learners of this kill gone offline');
      const exposed = relayedUnacked(addedBefore);
      relayedAtKills += exposed;
      log(
        `kill ${kill}: host SIGKILLed at ${addedBefore} items added, ${acknowledgedBefore} acknowledged, ${exposed} relayed to others but not acknowledged; ` +
          `${networkUp().length} learners with network`,
      );
      const restarted = await host.start();
      const t0 = performance.now();
      writing = false;
      if (restarted.room !== room) throw new Error(`the restarted host serves room ${restarted.room as string}, not ${room}`);
      const ms = await measureConvergence(t0);
      convergeMs.push(typeof ms === 'number' ? ms : null);
      const outcome =
        typeof ms === 'number'
          ? `converged ${Math.round(ms)} ms after its listening line`
          : ms === 'diverged'
            ? 'NOT converged: everyone online with an empty outbox, and replicas still differ from the host'
            : `NOT converged within ${options.convergeBoundMs} ms`;
      log(`kill ${kill}: restarted after ${Math.round(down)} ms down; ${outcome}`);
      writing = true;
    }

    // Tail: one more cycle of writing, then heal (every offline learner's network returns now) and stop writing.
    await sleep(uniform(plan, options.betweenKillsMs));
    for (const l of learners) if (!l.networkUp) setOnline(l);
    await sleep(uniform(plan, options.betweenKillsMs));
    writing = false;
    log(`writing stopped at ${items.size} items; waiting for every outbox to empty`);
    // Settling shares one bound. Not settled within it, the host's view may be read before the learners' last edits
    // reached it: the counts below are then not a verdict (a slow machine is not a lost item).
    const settleBy = performance.now() + options.settleBoundMs;
    const settleLeft = () => Math.max(0, settleBy - performance.now());
    const unsettled: string[] = [];
    if (!(await waitFor(quiet, 'everyone online with an empty outbox', settleLeft()).then(() => true, () => false))) {
      const behind = networkUp().filter((l) => l.client.status !== 'online' || l.client.pendingCount > 0);
      unsettled.push(`${behind.length} learners still offline or with edits in their outbox (${behind.reduce((n, l) => n + l.client.pendingCount, 0)} edits)`);
    }
    if (!unsettled.length && !(await within(barrier(learners.map((l) => l.client)), settleLeft()))) unsettled.push('the final round trip did not complete');
    // A fresh reader now: its sync step 2 is the host's state after every acknowledged edit (read even when not
    // settled: acknowledged edits are on the host's disk whether or not the rest arrived).
    const hostView = reader();
    const read = await waitFor(syncedReader(hostView), 'host view read', Math.max(options.settleBoundMs / 2, settleLeft())).then(() => true, () => false);
    const tooSlow = `the machine was too slow to settle within ${options.settleBoundMs / 1000} s`;
    const unsettledWhy = unsettled.length ? `replicas not compared: ${tooSlow} (${unsettled.join('; ')})` : null;
    const noVerdict = read ? null : `no verdict: ${tooSlow} (the host's view of every document was not read; reader ${hostView.status})`;
    if (unsettledWhy) log(unsettledWhy);
    if (noVerdict) log(noVerdict);
    // The host's own reports (a slow load; a document set aside: served empty, its edits refused, so not its content).
    const reports = host.stderrLines().filter((l) => l.startsWith('host: '));
    for (const report of reports) log(report);
    const setAside = allDocs.filter((d) => reports.some((r) => r.startsWith(`host: ${d} `) && r.includes('set aside')));
    for (const d of allDocs) {
      const added = [...items.values()].filter((i) => i.doc === d);
      log(`${d}: the host has ${itemsOf(hostView, d).length} items of ${added.length} added (${added.filter((i) => i.acked).length} acknowledged)${setAside.includes(d) ? '; SET ASIDE by the host' : ''}`);
    }
    return { ...verdict({ options, items, learners, allDocs: allDocs.filter((d) => !setAside.includes(d)), hostView, convergeMs, offlineEpisodes, drops, relayedAtKills, started }), noVerdict, unsettled: unsettledWhy, setAside, hostReports: reports.length };
  } finally {
    writing = false;
    if (writer) clearInterval(writer);
    for (const timer of timers) clearTimeout(timer);
    for (const l of learners) {
      if (l.offlineTimer) clearTimeout(l.offlineTimer);
      l.client.close();
    }
    for (const c of readers) c.close();
    await host.close(options.keepData ?? false);
  }
}

interface Run {
  options: SetTestOptions;
  items: Map<string, Item>;
  learners: Learner[];
  allDocs: string[];
  hostView: RoomClient;
  convergeMs: (number | null)[];
  offlineEpisodes: number;
  drops: number;
  relayedAtKills: number;
  started: number;
}

/** Reads every replica after healing and compares it with what was added and acknowledged, and with the host's. */
function verdict({
  options,
  items,
  learners,
  allDocs,
  hostView,
  convergeMs,
  offlineEpisodes,
  drops,
  relayedAtKills,
  started,
}: Run): Omit<SetTestResult, 'noVerdict' | 'unsettled' | 'setAside' | 'hostReports'> {
  const hostSets = new Map(allDocs.map((d) => [d, new Set(itemsOf(hostView, d))]));
  let lostAcknowledged = 0;
  let lostUnacknowledged = 0;
  let acknowledged = 0;
  const lostExamples: string[] = [];
  for (const [tag, item] of items) {
    if (item.acked) acknowledged++;
    const hostSet = hostSets.get(item.doc);
    if (!hostSet || hostSet.has(tag)) continue; // (no host set: a document set aside, not compared)
    if (item.acked) {
      lostAcknowledged++;
      if (lostExamples.length < 10) lostExamples.push(`${tag} in ${item.doc}`);
    } else lostUnacknowledged++;
  }
  // Unexpected: anything in any replica never added there, and any second copy of an item.
  let unexpected = 0;
  const unexpectedExamples: string[] = [];
  const replicas: [string, RoomClient, string[]][] = [
    ['host', hostView, allDocs],
    ...learners.map((l): [string, RoomClient, string[]] => [`learner ${l.index}`, l.client, l.docs]),
  ];
  for (const [who, client, docs] of replicas) {
    for (const d of docs) {
      const seen = new Set<string>();
      for (const tag of itemsOf(client, d)) {
        if (items.get(tag)?.doc === d && !seen.has(tag)) {
          seen.add(tag);
          continue;
        }
        unexpected++;
        if (unexpectedExamples.length < 10) unexpectedExamples.push(`${JSON.stringify(tag)} in ${who}'s ${d}`);
      }
    }
  }
  let replicasDiffering = 0;
  let docsDiffering = 0;
  for (const l of learners) {
    const differing = l.docs.filter((d) => hostSets.has(d) && JSON.stringify(itemsOf(l.client, d)) !== JSON.stringify(itemsOf(hostView, d))).length;
    docsDiffering += differing;
    if (differing > 0) replicasDiffering++;
  }
  const sorted = convergeMs.map((ms) => ms ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const p95 = sorted.length ? percentile(sorted, 95) : Number.NaN;
  return {
    added: items.size,
    acknowledged,
    lostAcknowledged,
    unexpected,
    replicasDiffering,
    convergeP95Ms: Number.isFinite(p95) ? Math.round(p95) : null,
    seed: options.seed,
    clients: options.clients,
    kills: options.kills,
    convergeMs: convergeMs.map((ms) => (ms === null ? null : Math.round(ms))),
    notConverged: convergeMs.filter((ms) => ms === null).length,
    unacknowledged: items.size - acknowledged,
    lostUnacknowledged,
    docsDiffering,
    refused: learners.reduce((n, l) => n + l.client.rejections.filter((e) => e.doc !== undefined).length, 0),
    refusedReasons: learners
      .flatMap((l) => l.client.rejections)
      .reduce<Record<string, number>>((counts, e) => ({ ...counts, [e.reason]: (counts[e.reason] ?? 0) + 1 }), {}),
    stillPending: learners.reduce((n, l) => n + l.client.pendingCount, 0),
    offlineEpisodes,
    drops,
    relayedAtKills,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    lostExamples,
    unexpectedExamples,
  };
}
