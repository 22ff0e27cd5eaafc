/**
 * The room, for real: a host process on loopback with --no-discovery, and real Yjs clients (the shared
 * RoomClient over `ws`) joining, syncing, going offline, being refused, and surviving a SIGKILL of the host.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../shared/sync/storage';
import type { RoomClient } from '../../shared/sync/roomClient';
import { DocFrameKind, PROTOCOL_VERSION, encodeDocFrame } from '../../shared/protocol/protocol';
import { freePort, startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, waitFor, wsUrl } from '../helpers/roomClients';

const clients: RoomClient[] = [];
function client(...args: Parameters<typeof connectClient>): RoomClient {
  const c = connectClient(...args);
  clients.push(c);
  return c;
}

function rosterNames(c: RoomClient): Record<string, { name: string; online: boolean }> {
  return c.doc('roster').getMap('participants').toJSON() as Record<string, { name: string; online: boolean }>;
}

describe('room', () => {
  let host: HostProcess;
  let room: string;
  let key: string;
  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Integration room', '--extra-docs', 'room/*'] });
    room = host.line.room as string;
    key = hostKeyOf(host.line.facilitatorUrl as string);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('prints the room code, join URLs and the facilitator URL in the listening line', () => {
    expect(room).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(host.line.joinUrls).toEqual([`${host.url}join/${room}`]);
    expect(host.line.facilitatorUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/console/${room}#key=.{16,}$`));
  });

  it('joins learners and the facilitator; the roster updates live', async () => {
    const facilitator = client(host.url, room, { secret: key });
    await online(facilitator);
    expect(facilitator.welcome?.role).toBe('facilitator');
    facilitator.doc('roster');
    const ada = client(host.url, room, { name: 'Ada', profile: 'devops-sre' });
    await online(ada);
    expect(ada.welcome?.role).toBe('learner');
    await waitFor(() => Object.values(rosterNames(facilitator)).some((p) => p.name === 'Ada' && p.online), 'Ada online in the roster');
    ada.close();
    await waitFor(() => Object.values(rosterNames(facilitator)).some((p) => p.name === 'Ada' && !p.online), 'Ada offline in the roster');
  });

  it('gives a late joiner the current state at once', async () => {
    const a = client(host.url, room, { name: 'Early' });
    await online(a);
    const text = a.doc('room/brainstorm').getArray<string>('notes');
    text.push(['challenge: no monitoring', 'solution: drift alerts']);
    await waitFor(() => a.pendingCount === 0, 'edits acknowledged');
    const late = client(host.url, room, { name: 'Late' });
    await late.whenSynced('room/brainstorm');
    expect(late.doc('room/brainstorm').getArray('notes').toArray()).toEqual(['challenge: no monitoring', 'solution: drift alerts']);
  });

  it('keeps edits made offline and merges them on reconnect; a dropped socket reconnects by itself', async () => {
    const a = client(host.url, room, { name: 'Offline Olga' });
    const b = client(host.url, room, { name: 'Online Otto' });
    await Promise.all([a.whenSynced('room/notes'), b.whenSynced('room/notes')]);
    const statuses: string[] = [];
    a.on('status', (status) => statuses.push(status));
    a.setNetworkAvailable(false);
    await waitFor(() => a.status === 'offline', 'a offline');
    a.doc('room/notes').getMap('m').set('olga', 'written offline');
    b.doc('room/notes').getMap('m').set('otto', 'written online');
    await waitFor(() => b.pendingCount === 0, 'b’s edit acknowledged (the room has moved on without a)');
    expect(a.pendingCount).toBeGreaterThan(0);
    expect(b.doc('room/notes').getMap('m').get('olga')).toBeUndefined();
    a.setNetworkAvailable(true);
    await online(a);
    expect(statuses).toEqual(['offline', 'reconnecting', 'online']);
    await waitFor(() => a.pendingCount === 0, 'offline edit acknowledged after reconnect');
    await waitFor(() => b.doc('room/notes').getMap('m').get('olga') === 'written offline', 'b receives the offline edit');
    await waitFor(() => a.doc('room/notes').getMap('m').get('otto') === 'written online', 'a receives b’s edit');
    const dropped: string[] = [];
    b.on('status', (status) => dropped.push(status));
    b.dropConnection();
    await waitFor(() => dropped.length === 2, 'b reconnected');
    expect(dropped).toEqual(['reconnecting', 'online']);
  });

  it('relays awareness (presence) to the document’s readers and forgets a learner who leaves', async () => {
    const a = client(host.url, room, { name: 'Aware Ana' });
    const b = client(host.url, room, { name: 'Aware Ben' });
    await Promise.all([a.whenSynced('room/presence'), b.whenSynced('room/presence')]);
    const awarenessA = a.awareness('room/presence');
    const awarenessB = b.awareness('room/presence');
    awarenessA.setLocalStateField('user', { name: 'Ana' });
    await waitFor(() => awarenessB.getStates().get(awarenessA.clientID)?.user?.name === 'Ana', 'Ben sees Ana');
    a.close();
    await waitFor(() => !awarenessB.getStates().has(awarenessA.clientID), 'Ana’s presence removed');
  });

  it('removes a dropped learner’s presence for everyone (no goodbye needed), and nobody can overwrite another’s presence', async () => {
    const a = client(host.url, room, { name: 'Dropping Dan' });
    const b = client(host.url, room, { name: 'Watching Wu' });
    const facilitator = client(host.url, room, { secret: key });
    await Promise.all([a.whenSynced('room/pointers'), b.whenSynced('room/pointers'), facilitator.whenSynced('room/pointers')]);
    const [awarenessA, awarenessB, awarenessF] = [a.awareness('room/pointers'), b.awareness('room/pointers'), facilitator.awareness('room/pointers')];
    awarenessA.setLocalStateField('pointer', { name: 'Dan' });
    awarenessF.setLocalStateField('pointer', { name: 'Facilitator' });
    await waitFor(() => awarenessB.getStates().get(awarenessA.clientID)?.pointer?.name === 'Dan' && awarenessB.getStates().has(awarenessF.clientID), 'Wu sees Dan and the facilitator');

    // Wu forges an update for the facilitator's presence id: refused, and nobody sees it.
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = awarenessF.clientID;
    forged.setLocalState({ pointer: { name: 'Not the facilitator' } });
    const meta = forged.meta.get(forged.clientID)!;
    meta.clock = 1000;
    const rejected = b.rejections.length;
    (b as unknown as { send(data: Uint8Array): boolean }).send(encodeDocFrame(DocFrameKind.AWARENESS, 'room/pointers', awarenessProtocol.encodeAwarenessUpdate(forged, [forged.clientID])));
    await waitFor(() => b.rejections.length > rejected, 'the forged presence refused');
    expect(b.rejections.at(-1)?.message).toMatch(/belongs to another connection/);
    expect(awarenessA.getStates().get(awarenessF.clientID)?.pointer?.name).toBe('Facilitator');

    // Dan's Wi-Fi drops: no goodbye from his device, and still his pointer leaves Wu's screen.
    a.setNetworkAvailable(false);
    await waitFor(() => !awarenessB.getStates().has(awarenessA.clientID), 'Dan’s presence removed for Wu');
  });

  it('resumes the same identity with the device token, and moves it with the rejoin code', async () => {
    const storage = new MemoryStorage();
    const first = client(host.url, room, { name: 'Grace', storage });
    await online(first);
    const id = first.welcome!.learnerId;
    first.close();
    const again = client(host.url, room, { storage });
    await online(again);
    expect(again.welcome!.learnerId).toBe(id);
    again.on('move-request', (requestId) => again.answerMoveRequest(requestId, true)); // the device in use consents
    const otherDevice = client(host.url, room, { rejoinCode: again.welcome!.rejoinCode! });
    await online(otherDevice);
    expect(otherDevice.welcome!.learnerId).toBe(id);
  });

  it("rejects a learner's write to facilitator-owned state, and reports it", async () => {
    const facilitator = client(host.url, room, { secret: key });
    const learner = client(host.url, room, { name: 'Mallory' });
    await Promise.all([facilitator.whenSynced('session'), learner.whenSynced('session')]);
    facilitator.doc('session').getMap('state').set('phase', 'explore');
    await waitFor(() => learner.doc('session').getMap('state').get('phase') === 'explore', 'learner sees the phase');
    learner.doc('session').getMap('state').set('phase', 'evaluate');
    await waitFor(() => learner.rejections.some((r) => r.reason === 'forbidden' && r.doc === 'session'), 'forbidden error');
    expect(learner.rejections.find((r) => r.doc === 'session')?.message).toMatch(/only the facilitator/);
    const witness = client(host.url, room, { name: 'Witness' });
    await witness.whenSynced('session');
    expect(witness.doc('session').getMap('state').get('phase')).toBe('explore');
    expect(facilitator.doc('session').getMap('state').get('phase')).toBe('explore');
  });

  it('applies per-document rules: roster host-only, private journals, team documents', async () => {
    const a = client(host.url, room, { name: 'Alice' });
    const b = client(host.url, room, { name: 'Bob' });
    await Promise.all([online(a), online(b)]);
    const aliceJournal = `learner/${a.welcome!.learnerId}/journal`;
    a.doc(aliceJournal).getText('t').insert(0, 'private thoughts');
    await waitFor(() => a.pendingCount === 0, 'own journal saved');
    b.doc(aliceJournal);
    await waitFor(() => b.rejections.some((r) => r.doc === aliceJournal && r.reason === 'forbidden'), 'Bob refused Alice’s journal');
    expect(b.doc(aliceJournal).getText('t').toString()).toBe('');
    b.doc('roster').getMap('participants').set('fake', 'entry');
    await waitFor(() => b.rejections.some((r) => r.doc === 'roster'), 'roster write refused');
    b.doc('team/red/notes');
    await waitFor(() => b.rejections.some((r) => r.doc === 'team/red/notes'), 'team doc refused to a learner outside the team');
  });

  it('refuses a wrong facilitator secret and an unknown room code', async () => {
    const fake = client(host.url, room, { secret: 'x'.repeat(32) });
    await waitFor(() => fake.status === 'refused', 'bad secret refused');
    const wrong = client(host.url, 'ZZZZZZ', { name: 'Lost' });
    await waitFor(() => wrong.status === 'refused', 'unknown room refused');
    expect(wrong.lastError?.reason).toBe('unknown-room');
  });
});

describe('room under bad input', () => {
  let host: HostProcess;
  let room: string;
  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Hostile room', '--extra-docs', 'room/*'] });
    room = host.line.room as string;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  function raw(headers: Record<string, string> = {}): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl(host.url), { headers });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  it('survives seeded random garbage and keeps serving everyone else', async () => {
    const good = client(host.url, room, { name: 'Steady' });
    await good.whenSynced('room/fuzz');
    let seed = 1234567;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const errors: string[] = [];
    const attacker = await raw();
    attacker.on('message', (d, isBinary) => {
      if (!isBinary) errors.push(d.toString());
    });
    attacker.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room, name: 'Fuzzer' }));
    const valid = encodeDocFrame(DocFrameKind.UPDATE, 'room/fuzz', Y.encodeStateAsUpdate(new Y.Doc()), 1);
    for (let i = 0; i < 300; i++) {
      const choice = random();
      if (choice < 0.3) attacker.send(Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256))));
      else if (choice < 0.5) attacker.send(valid.subarray(0, Math.floor(random() * valid.length)));
      else if (choice < 0.7) attacker.send(JSON.stringify({ type: ['subscribe', 'command', 'hello', 'nope'][Math.floor(random() * 4)], doc: random() > 0.5 ? '../etc' : 'session', id: 42 }));
      else if (choice < 0.85) attacker.send('{"type":"subscribe","doc":');
      else {
        const bytes = new Uint8Array(valid);
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        attacker.send(bytes);
      }
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => errors.length > 50, 'errors for the garbage');
    const types = new Set(errors.map((e) => (JSON.parse(e) as { type: string }).type));
    expect([...types].filter((t) => !['error', 'welcome', 'subscribed', 'ack'].includes(t))).toEqual([]);
    good.doc('room/fuzz').getMap('m').set('still', 'working');
    await waitFor(() => good.pendingCount === 0, 'a normal client is still served');
    const check = client(host.url, room, { name: 'Checker' });
    await check.whenSynced('room/fuzz');
    expect(check.doc('room/fuzz').getMap('m').get('still')).toBe('working');
    attacker.close();
  });

  it('closes a socket that sends an oversized frame with 1009', async () => {
    const ws = await raw();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(Buffer.alloc(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });

  it('refuses a WebSocket from another origin', async () => {
    await expect(raw({ Origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('rate-limits and then disconnects a flooding client', async () => {
    const ws = await raw();
    ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room, name: 'Flood' }));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const ping = JSON.stringify({ type: 'ping' });
    for (let i = 0; i < 3000 && ws.readyState === ws.OPEN; i++) ws.send(ping);
    expect(await closed).toBe(1008);
  });
  // Last: it spends this address's budget of failed joins.
  it('throttles room-code guessing', async () => {
    const replies: string[] = [];
    const ws = await raw();
    ws.on('message', (d) => replies.push(JSON.parse(d.toString()).reason));
    for (let i = 0; i < 30; i++) ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: 'ABCDEF' }));
    await waitFor(() => replies.includes('too-many-attempts') || ws.readyState === ws.CLOSED, 'throttled');
    expect(replies).toContain('too-many-attempts');
  });

});

describe('durability', () => {
  it('loses no acknowledged edit when the host is killed with SIGKILL and restarted', async () => {
    const data = mkdtempSync(join(tmpdir(), 'wk-durable-'));
    const port = await freePort();
    const args = ['--session', 'Crash test', '--data', data, '--port', String(port), '--extra-docs', 'room/*'];
    const first = await startHostProcess({ args });
    const room = first.line.room as string;
    const storage = new MemoryStorage();
    const writer = client(first.url, room, { name: 'Writer', storage });
    await writer.whenSynced('room/tagged');
    const items = writer.doc('room/tagged').getMap<number>('items');
    const acknowledged: string[] = [];
    for (let i = 0; i < 200; i++) {
      items.set(`item-${i}`, i);
      if (i % 20 === 19) {
        await waitFor(() => writer.pendingCount === 0, 'batch acknowledged');
        acknowledged.push(...Array.from({ length: 20 }, (_, k) => `item-${i - 19 + k}`));
      }
    }
    await waitFor(() => writer.pendingCount === 0, 'all acknowledged');
    expect(await first.stop('SIGKILL')).toBe(null);

    const second = await startHostProcess({ args });
    try {
      expect(second.line.room).toBe(room);
      const reader = client(second.url, room, { name: 'Reader' });
      await reader.whenSynced('room/tagged');
      const seen = Object.keys(reader.doc('room/tagged').getMap('items').toJSON());
      expect(acknowledged.filter((k) => !seen.includes(k))).toEqual([]);
      expect(seen.filter((k) => !k.startsWith('item-'))).toEqual([]);
      // The writer reconnects by itself to the restarted host (same port) and stays consistent.
      await online(writer);
      expect(writer.doc('room/tagged').getMap('items').size).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
