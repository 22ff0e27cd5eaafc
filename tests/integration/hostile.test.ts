/**
 * Memory bombs against the real host process (issue 12, failure 3 and the pending pile of failure 2): a learner
 * pushing Yjs sub-documents, or a stream of updates whose dependencies never arrive, into its own private document.
 * The host refuses each with a reason, its memory stays bounded, nothing of them reaches disk or other readers, and
 * it restarts on the same folder without replaying any of it.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DocFrameKind, PROTOCOL_VERSION, encodeDocFrame } from '../../shared/protocol/protocol';
import { syncUpdateMessage } from '../../shared/protocol/syncMessages';
import { RestartableHost } from '../helpers/restartableHost';
import { MemoryStorage } from '../../shared/sync/storage';
import { connectClient, waitFor, wsUrl } from '../helpers/roomClients';

const hosts: RestartableHost[] = [];
afterAll(async () => {
  for (const h of hosts) await h.close();
});

const rssMb = (pid: number) => Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

interface Reply {
  type: string;
  reason?: string;
  learnerId?: string;
  token?: string;
}

async function rawLearner(url: string, room: string, name: string): Promise<{ ws: WebSocket; replies: Reply[]; learnerId: string; token: string }> {
  const ws = new WebSocket(wsUrl(url));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const replies: Reply[] = [];
  ws.on('message', (data, isBinary) => {
    if (!isBinary) replies.push(JSON.parse(data.toString()) as Reply);
  });
  ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room, name }));
  await waitFor(() => replies.some((r) => r.type === 'welcome'), 'welcome');
  const welcome = replies.find((r) => r.type === 'welcome')!;
  return { ws, replies, learnerId: welcome.learnerId!, token: welcome.token! };
}

/** An update carrying a sub-document with `bytes` of text inside it. */
function subdocBomb(bytes: number, client: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  const sub = new Y.Doc();
  doc.getMap('m').set(`bomb-${client}`, sub);
  sub.getText('t').insert(0, 'x'.repeat(bytes));
  return Y.encodeStateAsUpdate(doc);
}

/** `n` updates, each building on a change (of a client the host never saw) that is never sent. */
function orphans(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 900_000 + i;
    doc.getText('t').insert(0, 'never sent '.repeat(200));
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(5, 'on top of it');
    return Y.encodeStateAsUpdate(doc, before);
  });
}

/** A device holding the attacker's identity (so it may read the attacker's private document). */
async function sameDevice(room: string, learnerId: string, token: string): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  await storage.saveIdentity(room, { token, learnerId, rejoinCode: '', name: 'Mallory', profile: 'devops-sre' });
  return storage;
}

describe('memory bombs from one learner', () => {
  it('refuses sub-documents and updates whose dependencies never arrive; memory stays bounded; nothing reaches disk or other readers', async () => {
    const h = new RestartableHost('Bombs');
    hosts.push(h);
    const line = await h.start();
    const room = line.room as string;
    const attacker = await rawLearner(line.url, room, 'Mallory');
    const doc = `learner/${attacker.learnerId}/journal`;
    const send = (update: Uint8Array) => attacker.ws.send(encodeDocFrame(DocFrameKind.SYNC, doc, syncUpdateMessage(update)));
    const refused = (reason: string) => attacker.replies.filter((r) => r.type === 'error' && r.reason === reason).length;

    // 6 MB of sub-documents, in frames under the frame limit (each is its own update).
    for (let i = 0; i < 15; i++) send(subdocBomb(400_000, 10 + i));
    await waitFor(() => refused('forbidden') >= 15, 'every sub-document refused');
    // 300 updates whose dependencies never arrive: each refused, none parked.
    for (const update of orphans(300)) send(update);
    await waitFor(() => refused('missing-dependencies') >= 300, 'every orphan refused');
    expect(rssMb(h.child!.pid)).toBeLessThan(400);

    // The learner's own device (same identity) reads its document: nothing of the bombs is in it.
    const reader = connectClient(line.url, room, { storage: await sameDevice(room, attacker.learnerId, attacker.token) });
    try {
      await reader.whenSynced(doc);
      const mine = reader.doc(doc);
      expect(mine.getMap('m').size).toBe(0);
      expect(mine.getText('t').length).toBe(0);
    } finally {
      reader.close();
    }
    attacker.ws.terminate();

    // Killed and restarted on the same folder: nothing to replay, the document is still empty.
    await h.kill();
    const again = await h.start();
    const after = connectClient(again.url, room, { storage: await sameDevice(room, attacker.learnerId, attacker.token) });
    try {
      await after.whenSynced(doc);
      expect(after.doc(doc).getMap('m').size).toBe(0);
      expect(after.doc(doc).getText('t').length).toBe(0);
      expect(rssMb(h.child!.pid)).toBeLessThan(300);
    } finally {
      after.close();
    }
  }, 120_000);
});
