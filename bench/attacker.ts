/**
 * The hostile device of `bench:attack`: one client with the room code, from one loopback address, cycling through the
 * attack classes issue 12 found against the host. Each class runs for a slice of the window and counts what the host
 * refused (an `error` frame, a refused upgrade, a socket the host closed on it). Nothing here measures latency: the
 * honest learners (bench/roomWorker.ts) do.
 *
 * Every payload is built before the window opens (building thousands of Y.Docs in the window would slow the bench
 * process, not the host).
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { DocFrameKind, PROTOCOL_VERSION, encodeDocFrame } from '../shared/protocol/protocol';
import { syncUpdateMessage } from '../shared/protocol/syncMessages';

export interface AttackTarget {
  /** The host's ws URL (`ws://…/ws`). */
  wsUrl: string;
  room: string;
  /** The attacker's source address (all its sockets). */
  localAddress: string;
}

export interface AttackReport {
  /** Per class: frames or requests sent and refusals seen. */
  classes: Record<string, { sent: number; refused: number }>;
  refused: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One raw socket with the counters of the class that opened it. */
class RawClient {
  readonly ws: WebSocket;
  learnerId: string | null = null;
  closedByHost = false;
  private readonly opened: Promise<boolean>;
  private readonly joined: Promise<boolean>;

  constructor(
    target: AttackTarget,
    private readonly count: { sent: number; refused: number },
  ) {
    this.ws = new WebSocket(target.wsUrl, { localAddress: target.localAddress, perMessageDeflate: false });
    this.ws.on('error', () => undefined);
    this.ws.on('unexpected-response', () => {
      count.refused++;
    });
    this.opened = new Promise((resolve) => {
      this.ws.once('open', () => resolve(true));
      this.ws.once('close', () => resolve(false));
    });
    let joinedResolve: (ok: boolean) => void = () => undefined;
    this.joined = new Promise((resolve) => (joinedResolve = resolve));
    this.ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: { type?: string; learnerId?: string };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        return;
      }
      if (message.type === 'error') {
        count.refused++;
        if (!this.learnerId) joinedResolve(false); // refused before the welcome (a join budget): no need to wait
      }
      if (message.type === 'welcome') {
        this.learnerId = message.learnerId ?? null;
        joinedResolve(true);
      }
    });
    this.ws.on('close', (code) => {
      joinedResolve(false);
      if (code !== 1000 && code !== 1005) {
        this.closedByHost = true;
        count.refused++;
      }
    });
  }

  async join(room: string, name: string): Promise<boolean> {
    if (!(await this.opened)) return false;
    this.text({ type: 'hello', v: PROTOCOL_VERSION, room, name, profile: 'devops-sre' });
    return Promise.race([this.joined, sleep(5000).then(() => false)]);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends unless the socket is gone or its buffer is full (an attacker does not wait for a slow host forever). */
  send(data: string | Uint8Array): void {
    if (!this.open || this.ws.bufferedAmount > 8 * 1024 * 1024) return;
    this.count.sent++;
    this.ws.send(data);
  }

  text(message: unknown): void {
    this.send(JSON.stringify(message));
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Concurrent inserts at one position from many client ids, in batches: Yjs integrates these in quadratic time. */
function quadraticBatches(batches: number, perBatch: number): Uint8Array[] {
  const base = new Y.Doc();
  base.clientID = 7;
  const out: Uint8Array[] = [];
  let client = 1_000_000;
  for (let b = 0; b < batches; b++) {
    const updates: Uint8Array[] = [];
    for (let i = 0; i < perBatch; i++) {
      const d = new Y.Doc();
      d.clientID = client++;
      d.getText('t').insert(0, 'x');
      updates.push(Y.encodeStateAsUpdate(d));
    }
    out.push(Y.mergeUpdates(updates));
  }
  return out;
}

/** An update that builds on a client the host never saw (it can never be integrated). */
function missingDependencyUpdates(n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Y.Doc();
    d.clientID = 50_000 + i;
    d.getText('t').insert(0, 'hidden base');
    const sv = Y.encodeStateVector(d);
    d.getText('t').insert(3, 'on top');
    out.push(Y.encodeStateAsUpdate(d, sv));
  }
  return out;
}

/** A sub-document (a Y.Doc inside a Y.Map), with content: the host must refuse it. */
function subdocUpdate(): Uint8Array {
  const d = new Y.Doc();
  const sub = new Y.Doc();
  d.getMap('m').set('bomb', sub);
  sub.getText('t').insert(0, 'x'.repeat(10_000));
  return Y.encodeStateAsUpdate(d);
}

/** A valid, large plain-text update (bytes, not frames, are what it costs). */
function bigUpdates(n: number, bytes: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const d = new Y.Doc();
  d.clientID = 99_000;
  for (let i = 0; i < n; i++) {
    const sv = Y.encodeStateVector(d);
    d.getText('t').insert(0, String.fromCharCode(97 + (i % 26)).repeat(bytes));
    out.push(Y.encodeStateAsUpdate(d, sv));
  }
  return out;
}

/** A JSON text frame nested `depth` deep (cheap to send, costly to parse and validate naively). */
function deepJson(depth: number): string {
  return `{"type":"subscribe","doc":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** An awareness update (y-protocols' encoding) for `clientId` with the given JSON state. */
function awarenessFrame(doc: string, clientId: number, clock: number, state: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, state);
  return encodeDocFrame(DocFrameKind.AWARENESS, doc, encoding.toUint8Array(encoder));
}

export interface Payloads {
  quadratic: Uint8Array[];
  missing: Uint8Array[];
  subdoc: Uint8Array;
  big: Uint8Array[];
  deep: string;
}

export function buildPayloads(): Payloads {
  return {
    quadratic: quadraticBatches(100, 200),
    missing: missingDependencyUpdates(200),
    subdoc: subdocUpdate(),
    big: bigUpdates(40, 400_000),
    deep: deepJson(400_000),
  };
}

type Attack = (ctx: { target: AttackTarget; payloads: Payloads; until: number; count: { sent: number; refused: number } }) => Promise<void>;

let names = 0;
/** A learner joined for an attack: null when the host refused the join. */
async function joined(ctx: Parameters<Attack>[0]): Promise<RawClient | null> {
  const client = new RawClient(ctx.target, ctx.count);
  if (await client.join(ctx.target.room, `Mallory ${++names}`)) return client;
  client.close();
  return null;
}

/** Sends `frames` in a loop until the slice ends, `perTick` frames every 10 ms. */
async function pump(client: RawClient, until: number, perTick: number, next: (i: number) => string | Uint8Array): Promise<void> {
  let i = 0;
  while (Date.now() < until && client.open) {
    for (let k = 0; k < perTick; k++) client.send(next(i++));
    await sleep(10);
  }
}

const update = (doc: string, bytes: Uint8Array) => encodeDocFrame(DocFrameKind.SYNC, doc, syncUpdateMessage(bytes));

export const ATTACKS: Record<string, Attack> = {
  async quadratic(ctx) {
    const c = await joined(ctx);
    if (!c) return;
    const doc = `learner/${c.learnerId}/journal`;
    c.text({ type: 'subscribe', doc });
    await pump(c, ctx.until, 2, (i) => update(doc, ctx.payloads.quadratic[i % ctx.payloads.quadratic.length]!));
    c.close();
  },
  async missingDependencies(ctx) {
    const c = await joined(ctx);
    if (!c) return;
    const doc = `learner/${c.learnerId}/journal`;
    await pump(c, ctx.until, 5, (i) => update(doc, ctx.payloads.missing[i % ctx.payloads.missing.length]!));
    c.close();
  },
  async subdocuments(ctx) {
    const c = await joined(ctx);
    if (!c) return;
    await pump(c, ctx.until, 5, () => update(`learner/${c.learnerId}/journal`, ctx.payloads.subdoc));
    c.close();
  },
  async oversizedAndNested(ctx) {
    while (Date.now() < ctx.until) {
      const c = await joined(ctx);
      if (!c) {
        await sleep(200);
        continue;
      }
      c.send(ctx.payloads.deep);
      c.send(new Uint8Array(2 * 1024 * 1024)); // over the frame limit: the host closes the socket
      await sleep(100);
      c.close();
    }
  },
  async bytes(ctx) {
    const c = await joined(ctx);
    if (!c) return;
    const doc = `learner/${c.learnerId}/notes`;
    await pump(c, ctx.until, 1, (i) => update(doc, ctx.payloads.big[i % ctx.payloads.big.length]!));
    c.close();
  },
  async documentFlood(ctx) {
    const c = await joined(ctx);
    if (!c) return;
    const tiny = new Y.Doc();
    tiny.getText('t').insert(0, 'x');
    const bytes = Y.encodeStateAsUpdate(tiny);
    await pump(c, ctx.until, 20, (i) =>
      i % 2 === 0 ? JSON.stringify({ type: 'subscribe', doc: `room/flood-${i}` }) : update(`learner/${c.learnerId}/n${i}`, bytes),
    );
    c.close();
  },
  async fakeLearners(ctx) {
    while (Date.now() < ctx.until) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => joined(ctx)));
      for (const c of batch) c?.close();
      if (batch.every((c) => c === null)) await sleep(100);
    }
  },
  async commandFlood(ctx) {
    const clients = (await Promise.all(Array.from({ length: 10 }, () => joined(ctx)))).filter((c): c is RawClient => c !== null);
    await Promise.all(
      clients.map((c, n) =>
        pump(c, ctx.until, 3, (i) =>
          JSON.stringify({ type: 'command', id: `c${n}-${i}`, command: { cmd: 'set-profile', name: `M ${i % 2}`, profile: i % 2 ? 'devops-sre' : 'new-to-ml' } }),
        ),
      ),
    );
    for (const c of clients) c.close();
  },
  async awarenessFlood(ctx) {
    const c = await joined(ctx);
    if (!c) return;
    c.text({ type: 'subscribe', doc: 'room/brainstorm' });
    const big = JSON.stringify({ user: { name: 'x'.repeat(200_000) } });
    const nested = `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    await pump(c, ctx.until, 5, (i) => awarenessFrame('room/brainstorm', 1 + (i % 50), i + 1, i % 3 === 0 ? big : i % 3 === 1 ? nested : '{"user":{"name":"m"}}'));
    c.close();
  },
  async connectionFlood(ctx) {
    const clients: RawClient[] = [];
    while (Date.now() < ctx.until) {
      if (clients.length < 300) clients.push(new RawClient(ctx.target, ctx.count));
      for (const c of clients) c.text({ type: 'ping', t: Date.now() });
      await sleep(5);
    }
    for (const c of clients) c.close();
  },
};

/** Runs every class in turn, each for `sliceMs`, until `until`; returns the counts. */
export async function runAttacker(target: AttackTarget, payloads: Payloads, until: number, sliceMs: number, log: (line: string) => void): Promise<AttackReport> {
  const classes: AttackReport['classes'] = {};
  const order = Object.keys(ATTACKS);
  for (let i = 0; Date.now() < until; i++) {
    const name = order[i % order.length]!;
    const count = (classes[name] ??= { sent: 0, refused: 0 });
    const sliceEnd = Math.min(until, Date.now() + sliceMs);
    const before = count.refused;
    await ATTACKS[name]!({ target, payloads, until: sliceEnd, count }).catch((error: unknown) => log(`[attacker] ${name}: ${(error as Error).message}`));
    log(`[attacker] ${name}: ${count.refused - before} refused this slice (${count.sent} sent so far)`);
    await sleep(50);
  }
  return { classes, refused: Object.values(classes).reduce((sum, c) => sum + c.refused, 0) };
}
