/**
 * The room on a full disk: a refused edit or command is answered with reason 'storage' (never acknowledged, never
 * a crash), and once writing works again the resent edit is acknowledged. Unhandled rejections fail vitest runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocFrameKind, PROTOCOL_VERSION, encodeDocFrame, type HostText } from '../../../shared/protocol/protocol';
import { FailingFs } from '../../../tests/helpers/failingFs';
import { DocLog } from './docLog';
import { Room, type RoomSocket, type SessionMeta } from './room';

function setup() {
  const fs = new FailingFs();
  const meta: SessionMeta = { id: 's', title: 'Full disk', code: 'ABCDEF', createdAt: new Date().toISOString(), endedAt: null, learners: {} };
  const room = new Room(meta, { log: new DocLog(mkdtempSync(join(tmpdir(), 'wk-room-')), { fs, report: () => undefined }), saveMeta: () => undefined }, 'f'.repeat(32));
  const received: HostText[] = [];
  const socket: RoomSocket = {
    send: (data) => {
      if (typeof data === 'string') received.push(JSON.parse(data) as HostText);
    },
    close: () => undefined,
  };
  room.attach(socket);
  room.receive(socket, JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: 'ABCDEF', name: 'Ann' }));
  expect(received[0]?.type).toBe('welcome');
  return { fs, room, socket, received };
}

const settle = async (received: HostText[], test: (m: HostText) => boolean) => {
  const start = Date.now();
  while (!received.some(test)) {
    if (Date.now() - start > 5000) throw new Error(`no such message in ${JSON.stringify(received)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return received.find(test)!;
};

describe('Room on a full disk', () => {
  it('answers a command it cannot save with reason storage, does not crash, and saves its resend later', async () => {
    const { fs, room, socket, received } = setup();
    fs.writeFails = 'ENOSPC';
    room.receive(socket, JSON.stringify({ type: 'command', id: 'cmd-1', command: { cmd: 'raise-hand', raised: true } }));
    const error = await settle(received, (m) => m.type === 'error' && m.id === 'cmd-1');
    expect(error).toMatchObject({ type: 'error', reason: 'storage', id: 'cmd-1' });
    expect(received.some((m) => m.type === 'command-ack')).toBe(false);
    // Resent while the disk is still full: the hand is raised in memory only, so it is refused again, not acknowledged.
    received.length = 0;
    room.receive(socket, JSON.stringify({ type: 'command', id: 'cmd-1', command: { cmd: 'raise-hand', raised: true } }));
    expect(await settle(received, (m) => m.type === 'error' || m.type === 'command-ack')).toMatchObject({ type: 'error', reason: 'storage', id: 'cmd-1' });
    fs.writeFails = null;
    room.receive(socket, JSON.stringify({ type: 'command', id: 'cmd-1', command: { cmd: 'raise-hand', raised: true } }));
    await settle(received, (m) => m.type === 'command-ack' && m.id === 'cmd-1');
    await room.close();
  });

  it('refuses an edit it cannot save with reason storage and acknowledges its resend once it is on disk', async () => {
    const { fs, room, socket, received } = setup();
    const doc = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getMap('m').set('k', 'v');
    fs.writeFails = 'ENOSPC';
    room.receive(socket, encodeDocFrame(DocFrameKind.UPDATE, 'room/brainstorm', update, 1));
    expect(await settle(received, (m) => m.type === 'error' && m.seq === 1)).toMatchObject({ reason: 'storage', doc: 'room/brainstorm' });
    // Resent while the disk is still full: already in memory, still not saved, so still refused.
    received.length = 0;
    room.receive(socket, encodeDocFrame(DocFrameKind.UPDATE, 'room/brainstorm', update, 1));
    expect(await settle(received, (m) => m.type === 'error' || m.type === 'ack')).toMatchObject({ type: 'error', reason: 'storage' });
    fs.writeFails = null;
    room.receive(socket, encodeDocFrame(DocFrameKind.UPDATE, 'room/brainstorm', update, 1));
    await settle(received, (m) => m.type === 'ack' && m.seq === 1);
    expect(room.rejections.get('storage')).toBe(2);
    await room.close();
  });
});
