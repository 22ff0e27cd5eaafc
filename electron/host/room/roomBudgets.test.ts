/**
 * The room's document budgets in process (what a socket cannot observe): a vote for a poll the session does not
 * have creates no document, and invented document names never reach the store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type HostText } from '../../../shared/protocol/protocol';
import { DocLog } from './docLog';
import { Room, type RoomSocket, type SessionMeta } from './room';

function setup() {
  const meta: SessionMeta = { id: 's', title: 'Budgets', code: 'ABCDEF', createdAt: new Date().toISOString(), endedAt: null, learners: {} };
  const room = new Room(meta, { log: new DocLog(mkdtempSync(join(tmpdir(), 'wk-room-')), { report: () => undefined }), saveMeta: () => undefined }, 'f'.repeat(32));
  const received: HostText[] = [];
  const socket: RoomSocket = { send: (data) => void (typeof data === 'string' && received.push(JSON.parse(data) as HostText)), close: () => undefined };
  room.attach(socket);
  room.receive(socket, JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: 'ABCDEF', name: 'Ann' }));
  expect(received[0]?.type).toBe('welcome');
  const docs = (room as unknown as { store: { docs: Map<string, unknown> } }).store.docs;
  return { room, socket, received, docs };
}

describe('Room document budgets', () => {
  it('a vote for a poll the session does not have is refused and creates no document', () => {
    const { room, socket, received, docs } = setup();
    for (let i = 0; i < 50; i++) {
      room.receive(socket, JSON.stringify({ type: 'command', id: `v${i}`, command: { cmd: 'vote', pollId: `nope-${i}`, answer: { value: 1 } } }));
    }
    expect(received.filter((m) => m.type === 'error' && /no poll/.test(m.message))).toHaveLength(50);
    expect([...docs.keys()].filter((name) => name.startsWith('poll/'))).toEqual([]);
  });

  it('invented document names are refused before anything is created', () => {
    const { room, socket, received, docs } = setup();
    for (let i = 0; i < 50; i++) room.receive(socket, JSON.stringify({ type: 'subscribe', doc: `room/flood-${i}` }));
    expect(received.filter((m) => m.type === 'error' && m.reason === 'unknown-doc')).toHaveLength(50);
    expect([...docs.keys()].filter((name) => name.startsWith('room/'))).toEqual([]);
  });
});
