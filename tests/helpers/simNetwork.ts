/**
 * A deterministic, in-process network for fuzzing the room (tests/helpers/convergenceFuzz.ts): ONE real host
 * `Room` (electron/host/room/room.ts) with a real `DocLog` in a temp folder, and real `RoomClient`s
 * (shared/sync/roomClient.ts) whose `createSocket` returns a fake socket. Neither the room nor the client is changed
 * or mocked: only the wire is simulated.
 *
 * The wire. Each connection is a `SimLink` with two queues, client→host and host→client, each delivered in order
 * as TCP does; the caller (a seeded scheduler) picks which event of which link happens next, so the order across
 * links is its choice. Events: the host accepting the connection (`open`), a frame, a close, and the two sides
 * noticing a lost link. Faults:
 *   drop(link)      a lost Wi-Fi: whatever is in flight either way is lost, and so is whatever either side sends
 *                   afterwards; each side notices later and separately (the client's onclose, the host's detach:
 *                   `notice` events), as TCP timeouts do, so a learner may reconnect while the host still holds
 *                   the stale connection.
 *   a client's own close (going offline, a reload): what it sent before still reaches the host, which then
 *                   detaches; what the host sends meanwhile is discarded (a closing WebSocket delivers no message).
 *   restart()       the host restarts on the same folder: every link lost, what it held only in memory gone.
 * What the host's log reports written is tracked (`WatchedLog.durable`), so acknowledgements can be checked against
 * it when the host sends them; the folder is read back with the host's own loader at the end (`readDisk`).
 *
 * Determinism. Delivering an event runs only microtasks (`settle`), never timers or I/O; only `flush()` waits for
 * the host's disk (the DocLog's setImmediate + fdatasync), until everything the host applied so far is on disk and
 * its acknowledgements are queued. So acknowledgements are sent at points the scheduler chooses, and a run depends
 * on its seed only. The client's reconnect backoff (setTimeout with Math.random jitter) runs on a fake clock:
 * every call into client code that can arm or clear it goes through `clock.within`, which lends it a fake
 * setTimeout/clearTimeout and a seeded Math.random; the scheduler fires timers as steps (`clock.fireNext`).
 * Not deterministic, and deciding nothing about an interleaving or a merge: learner ids, tokens and rejoin codes
 * (node:crypto in identity.ts), the Yjs client ids of the host's own documents (it alone writes what it writes),
 * roster `joinedAt`, outbox sequence numbers (Date.now), and how far a compaction's snapshot write (off the event
 * loop) has got at a given step — the room never waits for it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { DocLog } from '../../electron/host/room/docLog';
import { Room, type RoomSocket, type SessionMeta } from '../../electron/host/room/room';
import type { ClientSocket } from '../../shared/sync/roomClient';

export type Frame = string | Uint8Array;
export const SIM_ROOM_CODE = 'FUZZ23';
export const SIM_SECRET = 'simulated-facilitator-secret-0123';
export const SIM_URL = 'ws://sim.invalid/ws';

/** Runs pending microtasks (promise callbacks: the client's storage, its hello) without yielding to timers or I/O. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 128; i++) await Promise.resolve();
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Fake time for the client's reconnect timers. */
export class FakeClock {
  now = 0;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  constructor(private readonly random: () => number) {}

  get pending(): number {
    return this.timers.size;
  }

  /** Runs `fn` (client code) with this clock's setTimeout/clearTimeout and the seeded Math.random. */
  within<T>(fn: () => T): T {
    const g = globalThis as unknown as Record<'setTimeout' | 'clearTimeout', unknown>;
    const saved = { setTimeout: g.setTimeout, clearTimeout: g.clearTimeout, random: Math.random };
    g.setTimeout = (callback: () => void, ms = 0) => {
      const id = ++this.seq;
      this.timers.set(id, { at: this.now + Math.max(0, ms), seq: id, fn: callback });
      return id;
    };
    g.clearTimeout = (id: unknown) => {
      this.timers.delete(id as number);
    };
    Math.random = this.random;
    try {
      return fn();
    } finally {
      g.setTimeout = saved.setTimeout;
      g.clearTimeout = saved.clearTimeout;
      Math.random = saved.random;
    }
  }

  /** Advances to the earliest timer and runs it; false when none is armed. */
  fireNext(): boolean {
    let next: Timer | null = null;
    for (const t of this.timers.values()) if (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
    if (!next) return false;
    this.timers.delete(next.seq);
    this.now = next.at;
    this.within(next.fn);
    return true;
  }
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type Down = { open: true } | { frame: Frame } | { close: number };
type Up = { frame: Frame } | { fin: true };
export type SimEventKind = 'up' | 'down' | 'client-notice' | 'host-notice';
export interface SimEvent {
  link: SimLink;
  kind: SimEventKind;
}

class FakeSocket implements ClientSocket {
  binaryType = 'blob';
  readyState = CONNECTING;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  constructor(private readonly link: SimLink) {}

  send(data: string | Uint8Array): void {
    this.link.clientSend(data);
  }

  close(): void {
    this.link.clientClose();
  }
}

/** One connection between a client and the host. */
export class SimLink {
  readonly socket: FakeSocket;
  readonly hostSocket: RoomSocket;
  up: Up[] = [];
  down: Down[] = [{ open: true }];
  /** Lost: nothing more goes through either way. */
  dead = false;
  /** The room has attached this connection and not yet detached it. */
  attached = false;
  private hostClosed = false;

  constructor(
    readonly id: number,
    /** Who opened it: the fuzz's name for one RoomClient instance. */
    readonly owner: string,
    private readonly net: SimNetwork,
  ) {
    this.socket = new FakeSocket(this);
    this.hostSocket = { send: (data) => this.hostSend(data), close: (code) => this.hostClose(code) };
  }

  clientSend(data: Frame): void {
    if (this.socket.readyState !== OPEN) return;
    this.net.observer.clientSent?.(this, data);
    if (!this.dead) this.up.push({ frame: data });
  }

  clientClose(): void {
    const state = this.socket.readyState;
    if (state === CLOSING || state === CLOSED) return;
    this.socket.readyState = CLOSING;
    if (this.dead) return; // its onclose comes when the client notices the loss
    if (state === OPEN) this.up.push({ fin: true });
    this.down = [{ close: state === OPEN ? 1005 : 1006 }];
  }

  /** What the room sends; also used to forge host frames (sabotage). */
  hostSend(data: Frame): void {
    if (!this.attached || this.hostClosed) return;
    this.net.observer.hostSent?.(this, data);
    if (this.dead || this.socket.readyState !== OPEN) return;
    this.down.push({ frame: data });
  }

  private hostClose(code: number): void {
    if (this.dead || this.hostClosed) return;
    this.hostClosed = true;
    this.down.push({ close: code });
    this.up.push({ fin: true });
  }

  get finished(): boolean {
    return this.up.length === 0 && this.down.length === 0 && this.socket.readyState === CLOSED && !this.attached;
  }
}

export interface SimObserver {
  /** A frame a client hands to its socket (also when the link is already lost). */
  clientSent?(link: SimLink, frame: Frame): void;
  /** A frame the host hands to a connection's socket (also when the link is already lost). */
  hostSent?(link: SimLink, frame: Frame): void;
  /** A frame about to reach a client. */
  clientReceives?(link: SimLink, frame: Frame): void;
  /** A frame about to reach the host; return false to swallow it (sabotage). */
  hostReceives?(link: SimLink, frame: Frame): boolean;
}

export interface SimNetworkOptions {
  /** The seeded source the reconnect jitter draws from. */
  random: () => number;
  /** The DocLog's compaction threshold (small, so long runs compact). */
  compactAt?: number;
  /** Sabotage: the host's log skips every n-th record yet reports it written. */
  loseEvery?: number;
  observer?: SimObserver;
}

export class SimNetwork {
  /** In memory where the system has it: this network tests the protocol, not the disk (the Jepsen test does). */
  readonly dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'wk-sim-'));
  /** The host's log and room (new ones after each `restart`). */
  log: WatchedLog;
  room: Room;
  readonly clock: FakeClock;
  readonly observer: SimObserver;
  private links: SimLink[] = [];
  private nextLink = 1;
  private readonly compactAt: number;
  private readonly loseEvery: number;
  /** The session's meta.json, kept in memory (the room adds learners to it). */
  private readonly meta: SessionMeta = { id: 'sim', title: 'Simulated session', code: SIM_ROOM_CODE, createdAt: new Date(0).toISOString(), endedAt: null, learners: {} };

  constructor(options: SimNetworkOptions) {
    this.compactAt = options.compactAt ?? 256 * 1024;
    this.loseEvery = options.loseEvery ?? 0;
    this.clock = new FakeClock(options.random);
    this.observer = options.observer ?? {};
    this.log = new WatchedLog(this.dir, this.compactAt, this.loseEvery);
    this.room = new Room(this.meta, { log: this.log, saveMeta: () => undefined }, SIM_SECRET);
  }

  /**
   * The host stops and starts again on the same folder, as after a crash: every connection is lost at once, and
   * what the host held only in memory is gone (its log is closed first, so what it had appended is on disk — a
   * kinder crash than SIGKILL, which the Jepsen test covers; what this one loses is what was never appended).
   */
  async restart(): Promise<void> {
    for (const link of [...this.links]) {
      link.attached = false; // the old room's connections die with it: no detach
      this.drop(link);
    }
    await this.room.close();
    const { docs } = await readDisk(this.dir);
    this.log = new WatchedLog(this.dir, this.compactAt, this.loseEvery);
    for (const [name, doc] of docs) this.log.durable.set(name, doc);
    this.room = new Room(this.meta, { log: this.log, saveMeta: () => undefined }, SIM_SECRET);
    await settle();
  }

  /** A `createSocket` for one RoomClient instance, named `owner`. */
  createSocket(owner: string): (url: string) => ClientSocket {
    return () => {
      const link = new SimLink(this.nextLink++, owner, this);
      this.links.push(link);
      return link.socket;
    };
  }

  /** Links of `owner` not yet lost or closed by its client. */
  liveLinks(owner?: string): SimLink[] {
    return this.links.filter((l) => !l.dead && (owner === undefined || l.owner === owner) && l.socket.readyState <= OPEN);
  }

  /** Everything that can happen next on the wire, in a stable order. */
  events(): SimEvent[] {
    const out: SimEvent[] = [];
    for (const link of this.links) {
      if (link.up.length) out.push({ link, kind: 'up' });
      if (link.down.length) out.push({ link, kind: 'down' });
      if (link.dead && link.socket.readyState !== CLOSED) out.push({ link, kind: 'client-notice' });
      if (link.dead && link.attached) out.push({ link, kind: 'host-notice' });
    }
    return out;
  }

  async deliver({ link, kind }: SimEvent): Promise<void> {
    const { socket } = link;
    if (kind === 'up') {
      const item = link.up.shift()!;
      if ('fin' in item) this.detach(link);
      else if (link.attached && (this.observer.hostReceives?.(link, item.frame) ?? true)) this.room.receive(link.hostSocket, item.frame);
    } else if (kind === 'down') {
      const item = link.down.shift()!;
      if ('open' in item) {
        this.room.attach(link.hostSocket);
        link.attached = true;
        socket.readyState = OPEN;
        this.clock.within(() => socket.onopen?.({}));
      } else if ('close' in item) {
        socket.readyState = CLOSED;
        this.clock.within(() => socket.onclose?.({ code: item.close, reason: '' }));
      } else if (socket.readyState === OPEN) {
        this.observer.clientReceives?.(link, item.frame);
        this.clock.within(() => socket.onmessage?.({ data: item.frame }));
      }
    } else if (kind === 'client-notice') {
      socket.readyState = CLOSED;
      this.clock.within(() => socket.onclose?.({ code: 1006, reason: 'lost' }));
    } else {
      this.detach(link);
    }
    this.links = this.links.filter((l) => !l.finished);
    await settle();
  }

  private detach(link: SimLink): void {
    if (!link.attached) return;
    link.attached = false;
    this.room.detach(link.hostSocket);
  }

  /** A lost Wi-Fi on this link: both queues lost; each side notices later (see `events`). */
  drop(link: SimLink): void {
    link.dead = true;
    link.up = [];
    link.down = [];
    this.links = this.links.filter((l) => !l.finished);
  }

  /** Lets the host's disk catch up: everything applied so far is on disk, and its acknowledgements are sent. */
  async flush(): Promise<void> {
    await this.log.flushed();
    await settle();
  }

  /** Closes the room (flushing its log), reads the folder back (`readDisk`), and deletes it. */
  async close(): Promise<Awaited<ReturnType<typeof readDisk>>> {
    try {
      await this.room.close();
      return await readDisk(this.dir);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function applyTo(docs: Map<string, Y.Doc>, name: string, update: Uint8Array): void {
  let doc = docs.get(name);
  if (!doc) docs.set(name, (doc = new Y.Doc()));
  Y.applyUpdate(doc, update);
}

/**
 * The host's DocLog, keeping as well what it has reported durable: every append whose promise resolved, applied to
 * Yjs documents. The room must acknowledge only what is in there ("acknowledged means on disk"); the disk itself is
 * read back with the host's own loader at the end (`readDisk`). `loseEvery` is sabotage: every n-th record is
 * skipped yet reported written, to show that the read-back catches a lying disk.
 */
export class WatchedLog extends DocLog {
  readonly durable = new Map<string, Y.Doc>();
  private appended = 0;

  constructor(dir: string, compactAt: number, private readonly loseEvery = 0) {
    super(dir, compactAt);
  }

  override append(doc: string, update: Uint8Array): Promise<void> {
    const lost = this.loseEvery > 0 && ++this.appended % this.loseEvery === 0;
    return (lost ? Promise.resolve() : super.append(doc, update)).then(() => applyTo(this.durable, doc, update));
  }
}

/** The documents of a closed session folder, read with the host's own loader; and how many files it found damaged. */
export async function readDisk(dir: string): Promise<{ docs: Map<string, Y.Doc>; damaged: number }> {
  const log = new DocLog(dir);
  try {
    const { records, damaged } = log.load();
    const docs = new Map<string, Y.Doc>();
    for (const { doc, update } of records) applyTo(docs, doc, update);
    return { docs, damaged: damaged.length };
  } finally {
    await log.close();
  }
}

/** Why `update` is not (entirely) in `doc` — its structs beyond doc's state vector, or deletions doc lacks — or null. */
export function missingFrom(doc: Y.Doc, update: Uint8Array): string | null {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, to] of Y.parseUpdateMeta(update).to) {
    const clock = have.get(client) ?? 0;
    if (clock < to) return `client ${client}'s items up to clock ${to} (the document has ${clock})`;
  }
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return null;
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      for (let c = clock; c < clock + len; c++) if (!Y.isDeleted(deleted, Y.createID(client, c))) return `the deletion of ${client}:${c}`;
    }
  }
  return null;
}
