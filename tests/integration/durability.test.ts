/**
 * "Nothing acknowledged is ever lost", one failure at a time, against the real host process and the project's own
 * RoomClient: updates the host cannot integrate are refused (never acknowledged); a change the host lost comes back
 * from any device that saw it (two-way repair), even when its author never returns; edits and documents over one
 * frame travel in chunks; a rejoin tells the device it left.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DocFrameKind, PROTOCOL_VERSION, encodeDocFrame } from '../../shared/protocol/protocol';
import { MemoryStorage } from '../../shared/sync/storage';
import type { RoomClient } from '../../shared/sync/roomClient';
import { freePort, startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, online, waitFor, wsUrl } from '../helpers/roomClients';

const clients: RoomClient[] = [];
const hosts: HostProcess[] = [];
function client(...args: Parameters<typeof connectClient>): RoomClient {
  const c = connectClient(...args);
  clients.push(c);
  return c;
}
async function host(args: string[]): Promise<HostProcess> {
  // Its documents are its own (room/pending, room/ideas …): admitted beyond the room's fixed list.
  const h = await startHostProcess({ args: [...args, '--extra-docs', 'room/*'] });
  hosts.push(h);
  return h;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  for (const h of hosts) if (h.proc.exitCode === null) await h.stop();
});

/** A raw learner socket: hello, then frames by hand; collects the host's text replies. */
async function rawLearner(h: HostProcess, name: string): Promise<{ ws: WebSocket; texts: { type: string; reason?: string; doc?: string; seq?: number }[] }> {
  const ws = new WebSocket(wsUrl(h.url));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const texts: { type: string; reason?: string; doc?: string; seq?: number }[] = [];
  ws.on('message', (data, isBinary) => {
    if (!isBinary) texts.push(JSON.parse(data.toString()) as (typeof texts)[number]);
  });
  ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: h.line.room, name }));
  await waitFor(() => texts.some((t) => t.type === 'welcome'), 'welcome');
  return { ws, texts };
}

describe('no acknowledgement without integration', () => {
  it('refuses, with doc and seq, an update with a gap or a reference the host lacks, and acknowledges it once the gap is filled', async () => {
    const h = await host(['--session', 'Pending']);
    const { ws, texts } = await rawLearner(h, 'Gap');
    // Three updates of one writer: u1, then u2 (after u1), and a second writer's u3 that builds on u1.
    const a = new Y.Doc();
    const updates: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => updates.push(u));
    a.getText('t').insert(0, 'one ');
    a.getText('t').insert(4, 'two ');
    const [u1, u2] = updates as [Uint8Array, Uint8Array];
    const b = new Y.Doc();
    Y.applyUpdate(b, u1);
    let u3: Uint8Array = new Uint8Array();
    b.on('update', (u: Uint8Array) => (u3 = u));
    b.getText('t').insert(2, 'B');

    const send = (seq: number, update: Uint8Array) => ws.send(encodeDocFrame(DocFrameKind.UPDATE, 'room/pending', update, seq));
    const answer = (seq: number) => texts.find((t) => t.seq === seq && (t.type === 'ack' || t.type === 'error'));
    send(2, u2);
    send(3, u3);
    await waitFor(() => answer(2) !== undefined && answer(3) !== undefined, 'answers to u2 and u3');
    expect(answer(2)).toMatchObject({ type: 'error', reason: 'missing-dependencies', doc: 'room/pending', seq: 2 });
    expect(answer(3)).toMatchObject({ type: 'error', reason: 'missing-dependencies', doc: 'room/pending', seq: 3 });

    // Nothing of them is visible to others either.
    const reader = client(h.url, h.line.room as string, { name: 'Reader' });
    await reader.whenSynced('room/pending');
    expect(reader.doc('room/pending').getText('t').toString()).toBe('');

    texts.length = 0;
    send(11, u1);
    send(12, u2);
    send(13, u3);
    await waitFor(() => [11, 12, 13].every((seq) => answer(seq)), 'answers after the gap is filled');
    expect([11, 12, 13].map((seq) => answer(seq)?.type)).toEqual(['ack', 'ack', 'ack']);
    await waitFor(() => reader.doc('room/pending').getText('t').toString() === a.getText('t').toString().replace('one ', 'onBe '), 'the reader sees all three');
    ws.close();
  });
});

describe('two-way repair', () => {
  it('restores a change the host lost from a device that saw it, after its author has gone for good', async () => {
    const data = mkdtempSync(join(tmpdir(), 'wk-repair-'));
    const port = await freePort();
    const args = ['--session', 'Repair', '--data', data, '--port', String(port)];
    const first = await host(args);
    const room = first.line.room as string;
    const author = client(first.url, room, { name: 'Author' });
    const witness = client(first.url, room, { name: 'Witness', storage: new MemoryStorage() });
    await Promise.all([author.whenSynced('room/ideas'), witness.whenSynced('room/ideas')]);
    const ideas = (c: RoomClient) => c.doc('room/ideas').getArray<string>('list');
    ideas(author).push(['before the backup']);
    await waitFor(() => author.pendingCount === 0 && ideas(witness).length === 1, 'first idea acknowledged and seen');

    // A copy of the host's data now: restoring it later is a host that lost everything after this point.
    await first.stop('SIGKILL');
    const backup = mkdtempSync(join(tmpdir(), 'wk-repair-backup-'));
    cpSync(data, backup, { recursive: true });
    const second = await host(args);
    await Promise.all([online(author), online(witness)]);
    ideas(author).push(['after the backup']);
    await waitFor(() => author.pendingCount === 0 && ideas(witness).length === 2, 'second idea acknowledged and seen by the witness');
    author.close(); // the author never comes back

    await second.stop('SIGKILL');
    rmSync(data, { recursive: true, force: true });
    cpSync(backup, data, { recursive: true });
    const third = await host(args);
    await online(witness);
    await waitFor(() => witness.pendingCount === 0, 'the witness answered the host and was acknowledged');
    const newcomer = client(third.url, room, { name: 'Newcomer' });
    await newcomer.whenSynced('room/ideas');
    await waitFor(() => ideas(newcomer).length === 2, 'the lost idea is back on the host');
    expect(ideas(newcomer).toArray()).toEqual(['before the backup', 'after the backup']);
  });
});

describe('large edits and documents', () => {
  it('sends edits over one frame in chunks (0.7 MB and 3 MB), acknowledged, with no reconnect loop', async () => {
    const h = await host(['--session', 'Large edits']);
    const room = h.line.room as string;
    const writer = client(h.url, room, { name: 'Paster' });
    const reader = client(h.url, room, { name: 'Reader' });
    await Promise.all([writer.whenSynced('room/paste'), reader.whenSynced('room/paste')]);
    const statuses: string[] = [];
    writer.on('status', (s) => statuses.push(s));
    const text = (c: RoomClient) => c.doc('room/paste').getText('t');
    text(writer).insert(0, 'x'.repeat(700 * 1024));
    await waitFor(() => writer.pendingCount === 0, '0.7 MB edit acknowledged');
    text(writer).insert(0, 'y'.repeat(3 * 1024 * 1024));
    await waitFor(() => writer.pendingCount === 0, '3 MB edit acknowledged');
    await waitFor(() => text(reader).length === text(writer).length, 'the reader has both');
    expect(statuses).toEqual([]);
    expect(writer.rejections).toEqual([]);
  });

  it('loads a 5 MB board on a new device', async () => {
    const h = await host(['--session', 'Big board']);
    const room = h.line.room as string;
    const key = new URL(h.line.facilitatorUrl as string).hash.replace('#key=', '');
    const drawer = client(h.url, room, { secret: key });
    await drawer.whenSynced('room/brainstorm');
    const elements = drawer.doc('room/brainstorm').getMap<{ id: string; text: string }>('elements');
    for (let batch = 0; batch < 10; batch++) {
      drawer.doc('room/brainstorm').transact(() => {
        for (let i = 0; i < 100; i++) elements.set(`el-${batch}-${i}`, { id: `el-${batch}-${i}`, text: 'z'.repeat(5 * 1024) });
      });
    }
    await waitFor(() => drawer.pendingCount === 0, 'the board acknowledged');
    const newcomer = client(h.url, room, { name: 'New device' });
    await newcomer.whenSynced('room/brainstorm');
    expect(newcomer.doc('room/brainstorm').getMap('elements').size).toBe(1000);
    expect(newcomer.rejections).toEqual([]);
  });
});

describe('moving an identity', () => {
  it('tells the device it left, which keeps its unsent work, stays read-only, and is not made a new learner', async () => {
    const h = await host(['--session', 'Rejoin']);
    const room = h.line.room as string;
    const firstDevice = new MemoryStorage();
    const first = client(h.url, room, { name: 'Ada', storage: firstDevice });
    await online(first);
    const { learnerId, rejoinCode } = first.welcome!;
    first.setNetworkAvailable(false);
    await waitFor(() => first.status === 'offline', 'first device offline');
    first.doc('room/notes').getMap('m').set('offline', 'written on the first device');

    const second = client(h.url, room, { rejoinCode: rejoinCode! });
    await online(second);
    expect(second.welcome!.learnerId).toBe(learnerId);

    first.setNetworkAvailable(true);
    await waitFor(() => first.status === 'moved', 'first device told it moved');
    expect(first.lastError?.reason).toBe('identity-moved');
    expect(first.readOnly).toBe(true);
    expect(first.pendingCount).toBe(1);
    expect(first.unsent().edits.map((e) => e.doc)).toEqual(['room/notes']);

    // A reload of the first device: still told, never a new "Guest".
    first.close();
    const reloaded = client(h.url, room, { storage: firstDevice });
    await waitFor(() => reloaded.status === 'moved', 'reloaded first device told it moved');
    expect(reloaded.welcome).toBeNull();

    // While the device in use is connected, the (new, single-use) code moves the identity once that device consents.
    second.on('move-request', (requestId) => second.answerMoveRequest(requestId, true));
    const third = client(h.url, room, { rejoinCode: second.welcome!.rejoinCode! });
    await online(third);
    await waitFor(() => second.status === 'moved', 'second device told it moved when the third took over');
  });
});
