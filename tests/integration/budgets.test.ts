/**
 * The host's budgets against the real host process (budgets.ts, wsServer.ts, documents.ts): one device cannot
 * create documents at will, fill one without end, push unbounded bytes, join as a crowd of fake learners, stall the
 * parser with deep JSON, break presence, freeze the host with commands, open sockets without end, or read the host's
 * files through a symbolic link; the host key works from the host laptop only. Each refusal carries its reason.
 * No timing assertions: only "eventually refused, with this reason" and generous bounds on a hang.
 */
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DocFrameKind, PROTOCOL_VERSION, encodeDocFrame } from '../../shared/protocol/protocol';
import { syncStep1Message } from '../../shared/protocol/syncMessages';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, waitFor, wsUrl } from '../helpers/roomClients';

interface Raw {
  ws: WebSocket;
  texts: { type: string; reason?: string; message?: string; doc?: string; t?: number; learnerId?: string }[];
  closed: boolean;
  reasons(): string[];
}

const hosts: HostProcess[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

async function host(args: string[] = []): Promise<HostProcess> {
  const h = await startHostProcess({ args: ['--session', 'Budgets', ...args] });
  hosts.push(h);
  return h;
}

/** A raw socket; `from` picks the loopback source address (127.0.0.x), i.e. another device as far as budgets go. */
function open(url: string, from?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, from ? { localAddress: from } : {});
    sockets.push(ws);
    const raw: Raw = { ws, texts: [], closed: false, reasons: () => raw.texts.filter((t) => t.type === 'error').map((t) => t.reason!) };
    ws.on('message', (data, isBinary) => {
      if (!isBinary) raw.texts.push(JSON.parse(data.toString()));
    });
    ws.on('close', () => (raw.closed = true));
    ws.once('open', () => resolve(raw));
    ws.once('error', reject);
  });
}

/** A learner on its own socket, joined (welcome received). */
async function learner(h: HostProcess, name = 'Ada', from?: string): Promise<Raw> {
  const raw = await open(wsUrl(h.url), from);
  raw.ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: h.line.room, name }));
  await waitFor(() => raw.texts.some((t) => t.type === 'welcome' || t.type === 'error') || raw.closed, 'a reply to the hello');
  return raw;
}

function update(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, 'x'.repeat(bytes));
  return Y.encodeStateAsUpdate(doc);
}

/** An awareness update announcing one state (y-protocols layout: count, then id, clock, JSON state). */
function presence(id: number, clock: number, state: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, id);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, state);
  return encoding.toUint8Array(e);
}

describe('documents', () => {
  it('refuses documents outside the fixed list, with a reason', async () => {
    const h = await host();
    const ada = await learner(h);
    for (let i = 0; i < 20; i++) ada.ws.send(JSON.stringify({ type: 'subscribe', doc: `room/flood-${i}` }));
    ada.ws.send(encodeDocFrame(DocFrameKind.UPDATE, 'room/flood-x', update(10), 1));
    await waitFor(() => ada.reasons().filter((r) => r === 'unknown-doc').length >= 21, 'every invented document refused');
    expect(ada.texts.filter((t) => t.type === 'subscribed')).toEqual([]);
    ada.ws.send(JSON.stringify({ type: 'subscribe', doc: 'room/notes' }));
    await waitFor(() => ada.texts.some((t) => t.type === 'subscribed' && t.doc === 'room/notes'), 'a real document still opens');
  });

  it('refuses further writes to a document past its size budget, with a reason the client keeps as final', async () => {
    const h = await host(['--budget', 'maxDocBytes=200000']);
    const ada = await learner(h);
    for (let seq = 1; seq <= 8; seq++) ada.ws.send(encodeDocFrame(DocFrameKind.UPDATE, 'room/notes', update(40_000), seq));
    await waitFor(() => ada.reasons().includes('document-full') && ada.texts.some((t) => t.type === 'ack'), 'the first edits saved, then the document full');
    const full = ada.texts.find((t) => t.reason === 'document-full')!;
    expect(full.doc).toBe('room/notes');
    expect(full.message).toMatch(/full/);
  });

  it('bounds the documents one learner may bring into existence', async () => {
    const h = await host(['--budget', 'maxDocsPerLearner=2']);
    const ada = await learner(h);
    const id = ada.texts.find((t) => t.type === 'welcome')!.learnerId!;
    for (const doc of ['room/notes', 'room/brainstorm', `learner/${id}/journal`]) ada.ws.send(JSON.stringify({ type: 'subscribe', doc }));
    await waitFor(() => ada.reasons().includes('too-many-documents'), 'the third new document refused');
    expect(ada.texts.filter((t) => t.type === 'subscribed').map((t) => t.doc)).toEqual(['room/notes', 'room/brainstorm']);
  });
});

describe('bytes, frames and connections', () => {
  it('refuses bytes past the per-connection budget (frames alone are counted today)', async () => {
    const h = await host();
    const flood = await learner(h, 'Flood');
    const big = encodeDocFrame(DocFrameKind.UPDATE, 'room/notes', new Uint8Array(900 * 1024).fill(7), 1);
    for (let i = 0; i < 40 && !flood.closed; i++) flood.ws.send(big); // 36 MB, 40 frames: far under the frame budget
    await waitFor(() => flood.reasons().includes('rate-limited') || flood.closed, 'the byte budget reached');
    expect(flood.reasons()).toContain('rate-limited');
  });

  it('caps the frames of one address over all its connections, and the connections themselves', async () => {
    const h = await host(['--budget', 'addressFrameBurst=1000', '--budget', 'addressFramesPerSecond=100']);
    const many = await Promise.all(Array.from({ length: 8 }, () => learner(h, 'Many')));
    const ping = JSON.stringify({ type: 'ping' });
    // 8 × 300 frames: each connection stays inside its own burst (400), the address does not.
    for (const raw of many) for (let i = 0; i < 300; i++) raw.ws.send(ping);
    await waitFor(() => many.some((r) => r.reasons().includes('rate-limited')), 'the address budget reached');
    const limited = many.flatMap((r) => r.texts).find((t) => t.reason === 'rate-limited')!;
    expect(limited.message).toMatch(/network address/);
  });

  it('drops a client that does not read what the host sends, past the buffered budget', async () => {
    const h = await host(['--budget', 'maxBufferedBytes=2000000']);
    const writer = connectClient(h.url, h.line.room as string, { name: 'Writer' });
    try {
      await writer.whenSynced('room/notes');
      writer.doc('room/notes').getText('t').insert(0, 'x'.repeat(3_000_000));
      await waitFor(() => writer.pendingCount === 0, 'the 3 MB text on the host');
    } finally {
      writer.close();
    }
    const slow = await learner(h, 'Slow');
    slow.ws.pause(); // reads nothing from now on
    const askAll = encodeDocFrame(DocFrameKind.SYNC, 'room/notes', syncStep1Message(new Y.Doc()));
    for (let i = 0; i < 30; i++) slow.ws.send(askAll); // 30 × 3 MB asked for, none read
    await new Promise((r) => setTimeout(r, 500));
    slow.ws.resume();
    const code = await new Promise<number>((resolve) => (slow.closed ? resolve(-1) : slow.ws.once('close', (c) => resolve(c))));
    expect(code).toBe(1006); // cut by the host, no closing handshake
  });

  it('refuses connections past the per-address cap and past the host-wide cap', async () => {
    const h = await host();
    const results = await Promise.allSettled(Array.from({ length: 80 }, () => open(wsUrl(h.url))));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/429/);
    const small = await host(['--budget', 'maxConnections=3']);
    await Promise.all([0, 1, 2].map(() => open(wsUrl(small.url))));
    await expect(open(wsUrl(small.url))).rejects.toThrow(/503/);
  });
});

describe('joins', () => {
  it('refuses a flood of new learners from one address, and learners past the session cap', async () => {
    const h = await host();
    const replies: string[] = [];
    for (let i = 0; i < 70; i++) {
      const raw = await learner(h, `Fake ${i}`);
      replies.push(raw.texts[0]!.type === 'welcome' ? 'welcome' : raw.texts[0]!.reason!);
      raw.ws.close();
    }
    expect(replies.slice(0, 60).every((r) => r === 'welcome')).toBe(true);
    expect(replies.slice(60)).toContain('too-many-joins');
    const small = await host(['--budget', 'maxLearners=3']);
    const joined = [await learner(small, 'A'), await learner(small, 'B'), await learner(small, 'C')];
    expect(joined.every((r) => r.texts[0]!.type === 'welcome')).toBe(true);
    const fourth = await learner(small, 'D');
    expect(fourth.reasons()).toEqual(['room-full']);
  });
});

describe('text frames and presence', () => {
  it('refuses deeply nested JSON before parsing it, and keeps answering', async () => {
    const h = await host();
    const raw = await learner(h);
    const deep = `{"type":"ping","t":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (let i = 0; i < 5; i++) raw.ws.send(deep);
    raw.ws.send(JSON.stringify({ type: 'ping', t: 1 }));
    await waitFor(() => raw.texts.some((t) => t.type === 'pong'), 'the ping after the deep frames answered');
    const refusals = raw.texts.filter((t) => t.type === 'error');
    expect(refusals).toHaveLength(5);
    for (const r of refusals) expect(r.message).toMatch(/nested deeper/);
  });

  it('a deeply nested presence state is refused and presence keeps working for everyone else', async () => {
    const h = await host();
    const [attacker, ada, bo] = [await learner(h, 'Attacker'), await learner(h, 'Ada'), await learner(h, 'Bo')];
    for (const raw of [attacker, ada, bo]) raw.ws.send(JSON.stringify({ type: 'subscribe', doc: 'room/notes' }));
    await waitFor(() => [attacker, ada, bo].every((r) => r.texts.some((t) => t.type === 'subscribed')), 'all subscribed');
    attacker.ws.send(encodeDocFrame(DocFrameKind.AWARENESS, 'room/notes', presence(666, 1, `${'['.repeat(4000)}${']'.repeat(4000)}`)));
    await waitFor(() => attacker.reasons().length > 0, 'the nested presence refused');
    const seen: Uint8Array[] = [];
    bo.ws.on('message', (data, isBinary) => isBinary && seen.push(new Uint8Array(data as Buffer)));
    ada.ws.send(encodeDocFrame(DocFrameKind.AWARENESS, 'room/notes', presence(42, 1, JSON.stringify({ user: { name: 'Ada' } }))));
    await waitFor(() => seen.some((f) => Buffer.from(f).includes('"Ada"')), "Ada's presence reaches Bo");
    expect(seen.some((f) => Buffer.from(f).includes('[[[['))).toBe(false);
    // A newcomer gets everyone's presence in one snapshot: it must still encode.
    const late = await learner(h, 'Late');
    const snapshot: Uint8Array[] = [];
    late.ws.on('message', (data, isBinary) => isBinary && snapshot.push(new Uint8Array(data as Buffer)));
    late.ws.send(JSON.stringify({ type: 'subscribe', doc: 'room/notes' }));
    await waitFor(() => snapshot.some((f) => Buffer.from(f).includes('"Ada"')), 'the snapshot for a newcomer');
  });

  it("a newcomer receives everyone's presence even when it is larger than one frame (host → client frames in chunks)", async () => {
    const h = await host();
    const others: Raw[] = [];
    for (let i = 0; i < 72; i++) others.push(await learner(h, `P${i}`, `127.0.0.${10 + (i % 3)}`));
    for (const [i, raw] of others.entries()) {
      raw.ws.send(JSON.stringify({ type: 'subscribe', doc: 'room/notes' }));
      raw.ws.send(encodeDocFrame(DocFrameKind.AWARENESS, 'room/notes', presence(1000 + i, 1, JSON.stringify({ note: 'n'.repeat(7900) }))));
    }
    await waitFor(() => others.every((r) => r.texts.some((t) => t.type === 'subscribed')), 'all subscribed');
    const newcomer = connectClient(h.url, h.line.room as string, { name: 'Newcomer' });
    try {
      const awareness = newcomer.awareness('room/notes');
      await waitFor(() => awareness.getStates().size >= 72 || newcomer.lastError !== null, "everyone's presence, or an error");
      expect(newcomer.lastError).toBeNull();
      expect(awareness.getStates().size).toBeGreaterThanOrEqual(72);
    } finally {
      newcomer.close();
    }
  });

  it('one connection cannot announce presence ids without end', async () => {
    const h = await host();
    const [attacker, watcher] = [await learner(h, 'Attacker'), await learner(h, 'Watcher')];
    for (const raw of [attacker, watcher]) raw.ws.send(JSON.stringify({ type: 'subscribe', doc: 'room/notes' }));
    await waitFor(() => [attacker, watcher].every((r) => r.texts.some((t) => t.type === 'subscribed')), 'both subscribed');
    for (let id = 1; id <= 20; id++) attacker.ws.send(encodeDocFrame(DocFrameKind.AWARENESS, 'room/notes', presence(5000 + id, 1, '{"x":1}')));
    await waitFor(() => attacker.reasons().length >= 16, 'the ids past the budget refused');
    expect(attacker.texts.filter((t) => t.type === 'error').every((t) => /presence ids/.test(t.message!))).toBe(true);
    const late = connectClient(h.url, h.line.room as string, { name: 'Late' });
    try {
      const awareness = late.awareness('room/notes');
      await waitFor(() => awareness.getStates().size >= 4, 'the snapshot');
      expect([...awareness.getStates().keys()].filter((id) => id > 5000 && id <= 5020)).toHaveLength(4);
    } finally {
      late.close();
    }
  });

  it('rate-limits presence updates per connection, with a reason', async () => {
    const h = await host();
    const raw = await learner(h);
    raw.ws.send(JSON.stringify({ type: 'subscribe', doc: 'room/notes' }));
    await waitFor(() => raw.texts.some((t) => t.type === 'subscribed'), 'subscribed');
    for (let clock = 1; clock <= 200; clock++) raw.ws.send(encodeDocFrame(DocFrameKind.AWARENESS, 'room/notes', presence(7, clock, '{"x":1}')));
    await waitFor(() => raw.reasons().includes('rate-limited'), 'presence over its budget');
    expect(raw.texts.find((t) => t.reason === 'rate-limited')!.doc).toBe('room/notes');
  });
});

describe('commands', () => {
  it('a join flood then a set-profile flood over ten connections do not stall an honest client', async () => {
    const h = await host();
    const flooders = await Promise.all(Array.from({ length: 10 }, (_, i) => learner(h, `Flood ${i}`)));
    const honest = await learner(h, 'Honest', '127.0.0.2'); // another device: the attacker's address budget is not its own
    // The sequence: a join flood (1,320 fake learners, each making meta.json bigger), then the command burst.
    let attempts = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (attempts < 1320) {
          attempts++;
          const fake = await learner(h, 'Fake');
          fake.ws.terminate();
        }
      }),
    );
    const rtts: number[] = [];
    let stop = false;
    const pinger = (async () => {
      while (!stop) {
        const t = performance.now();
        const before = honest.texts.length;
        honest.ws.send(JSON.stringify({ type: 'ping', t }));
        await waitFor(() => honest.texts.slice(before).some((m) => m.type === 'pong' && m.t === t), 'pong', 60_000);
        rtts.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    // 7,200 set-profile commands in bursts, each connection under its frame budget (the shape of the attack).
    let id = 0;
    for (let round = 0; round < 10; round++) {
      for (const [i, raw] of flooders.entries()) {
        for (let k = 0; k < 72; k++) {
          const name = `Flood ${i} ${(id % 2) + 1}`;
          raw.ws.send(JSON.stringify({ type: 'command', id: `c${id++}`, command: { cmd: 'set-profile', name, profile: 'devops-sre' } }));
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await pinger;
    const sorted = [...rtts].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    // Generous bounds: stalls of seconds are the failure (before: a median of seconds), scheduling noise is not.
    expect(median, `ping round trips (ms): ${rtts.map(Math.round).join(', ')}`).toBeLessThan(1000);
    expect(Math.max(...rtts)).toBeLessThan(5000);
    const refused = flooders.flatMap((r) => r.reasons());
    expect(refused, 'the commands over the per-learner budget are refused').toContain('rate-limited');
  });
});

describe('host key and static files', () => {
  it('does not serve a file through a symbolic link that leads out of the app folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'wk-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'not for the room');
    const renderer = mkdtempSync(join(tmpdir(), 'wk-renderer-'));
    writeFileSync(join(renderer, 'index.html'), '<div id="root"></div>');
    mkdirSync(join(renderer, 'assets'));
    symlinkSync(join(outside, 'secret.txt'), join(renderer, 'assets', 'leak.txt'));
    symlinkSync(outside, join(renderer, 'linked'));
    const h = await host(['--renderer', renderer]);
    expect((await fetch(`${h.url}assets/leak.txt`)).status).toBe(404);
    expect((await fetch(`${h.url}linked/secret.txt`)).status).toBe(404);
    expect((await fetch(h.url)).status).toBe(200);
  });

  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  it.skipIf(!lan)('accepts the host key from this machine only, not from a LAN address', async () => {
    const h = await hostOn(lan!);
    const key = hostKeyOf(h.line.facilitatorUrl as string);
    const fromLan = await open(`ws://${lan}:${h.line.port}/ws`);
    fromLan.ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: h.line.room, secret: key }));
    await waitFor(() => fromLan.reasons().length > 0 || fromLan.texts.some((t) => t.type === 'welcome'), 'a reply');
    expect(fromLan.reasons()).toEqual(['bad-secret']);
    const api = await fetch(`http://${lan}:${h.line.port}/api/sessions`, { headers: { Authorization: `Bearer ${key}` } });
    expect(api.status).toBe(403);
  });
});

/** A host listening on this machine's LAN address only: a connection to it arrives from a non-loopback address. */
async function hostOn(lan: string): Promise<HostProcess> {
  const h = await startHostProcess({ args: ['--session', 'Budgets', '--bind', lan] });
  hosts.push(h);
  return h;
}
