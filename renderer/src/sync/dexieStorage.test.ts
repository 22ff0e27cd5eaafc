/**
 * The device's storage on IndexedDB (fake-indexeddb, the same API Chromium has): what the room client keeps survives
 * a reload (a new DexieStorage on the same database), a local edit is stored with its outbox row in one transaction
 * (both or neither), and many rows of a document are merged without losing any content.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DexieStorage } from './dexieStorage';

let n = 0;
const freshName = () => `wk-test-${++n}-${Math.random().toString(36).slice(2)}`;

describe('DexieStorage', () => {
  it('keeps a local edit and its outbox row together, across a reload', async () => {
    const name = freshName();
    const before = new DexieStorage(name);
    const item = { doc: 'room/notes', seq: 7, update: new Uint8Array([1, 2, 3]) };
    await before.storeLocalEdit('ROOM', item, true);
    await before.storeLocalEdit('ROOM', { doc: 'room/notes', seq: 8, update: new Uint8Array([9]), repair: true }, false);
    await before.saveIdentity('ROOM', { token: 't'.repeat(20), learnerId: 'l-1', rejoinCode: 'ABCDEFGH', name: 'Ada', profile: '' });

    const after = new DexieStorage(name);
    expect(await after.loadDoc('ROOM', 'room/notes')).toEqual([new Uint8Array([1, 2, 3])]);
    expect(await after.loadOutbox('ROOM')).toEqual([item, { doc: 'room/notes', seq: 8, update: new Uint8Array([9]), repair: true }]);
    expect((await after.loadIdentity('ROOM'))?.learnerId).toBe('l-1');
    await after.removeOutbox('ROOM', 'room/notes', 7);
    expect((await after.loadOutbox('ROOM')).map((i) => i.seq)).toEqual([8]);
  });

  it('writes both rows or neither: a failing transaction leaves no update without its outbox row', async () => {
    const name = freshName();
    const storage = new DexieStorage(name);
    // An outbox row that cannot be stored (a key IndexedDB refuses) must take the document row down with it.
    const bad = { doc: 'room/notes', seq: Number.NaN, update: new Uint8Array([4]) };
    await expect(storage.storeLocalEdit('ROOM', bad, true)).rejects.toThrow();
    const reopened = new DexieStorage(name);
    expect(await reopened.loadDoc('ROOM', 'room/notes')).toEqual([]);
    expect(await reopened.loadOutbox('ROOM')).toEqual([]);
  });

  it('merges a document of many rows into one, keeping its content', async () => {
    const name = freshName();
    const storage = new DexieStorage(name);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 450; i++) doc.getArray<number>('a').push([i]);
    for (const [i, update] of updates.entries()) {
      if (i % 2) await storage.storeUpdate('ROOM', 'room/list', update);
      else await storage.storeLocalEdit('ROOM', { doc: 'room/list', seq: i, update }, true);
    }
    const rows = await new DexieStorage(name).loadDoc('ROOM', 'room/list');
    expect(rows.length).toBeLessThan(200);
    const copy = new Y.Doc();
    for (const row of rows) Y.applyUpdate(copy, row);
    expect(copy.getArray('a').toArray()).toEqual(doc.getArray('a').toArray());
    await Dexie.delete(name);
  });
});
