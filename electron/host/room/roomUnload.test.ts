/**
 * The room's wiring of bounded work: a learner's update goes through its trial (a worker) before it is applied and
 * acknowledged, and a document nobody follows, with nothing pending, is unloaded when idle and comes back whole.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocFrameKind, PROTOCOL_VERSION, encodeDocFrame, type HostText } from '../../../shared/protocol/protocol';
import { DocLog } from './docLog';
import { Room, type RoomSocket, type SessionMeta } from './room';
import type { RoomDocs } from './roomDocs';
import { defaultTrialOptions } from './updateTrials';

const until = async (test: () => boolean, what: string) => {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > 30_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Room: trials and idle unload', () => {
  it('acknowledges a learner update after its trial, and unloads its document once nobody follows it', async () => {
    const meta: SessionMeta = { id: 's', title: 'Unload', code: 'ABCDEF', createdAt: new Date().toISOString(), endedAt: null, learners: {} };
    const room = new Room(meta, { log: new DocLog(mkdtempSync(join(tmpdir(), 'wk-room-')), { report: () => undefined }), saveMeta: () => undefined }, 'f'.repeat(32), {
      trials: defaultTrialOptions(),
      idleUnloadMs: 30,
    });
    const store = (room as unknown as { store: RoomDocs }).store;
    const received: HostText[] = [];
    const socket: RoomSocket = {
      send: (data) => {
        if (typeof data === 'string') received.push(JSON.parse(data) as HostText);
      },
      close: () => undefined,
    };
    room.attach(socket);
    room.receive(socket, JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: 'ABCDEF', name: 'Ann' }));
    const welcome = received.find((m) => m.type === 'welcome') as { learnerId: string };
    const name = `learner/${welcome.learnerId}/journal`;
    room.receive(socket, JSON.stringify({ type: 'subscribe', doc: name }));
    const edit = new Y.Doc();
    edit.getMap('m').set('kept', 'yes');
    room.receive(socket, encodeDocFrame(DocFrameKind.UPDATE, name, Y.encodeStateAsUpdate(edit), 1));
    await until(() => received.some((m) => m.type === 'ack' && m.seq === 1), 'the ack');
    // Followed: stays loaded however long it is idle.
    await new Promise((r) => setTimeout(r, 200));
    expect(store.loaded(name)).toBe(true);
    room.receive(socket, JSON.stringify({ type: 'unsubscribe', doc: name }));
    await until(() => !store.loaded(name), 'the document unloaded');
    expect(room.doc(name).getMap('m').get('kept')).toBe('yes');
    await room.close();
  });
});
