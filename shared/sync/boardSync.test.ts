import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { BoardElement } from '../room/elementMerge';
import { BoardSync, MAX_TOMBSTONES, TOMBSTONE_AGE_MS, slotKey } from './boardSync';

function connect(a: Y.Doc, b: Y.Doc): void {
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, u, a));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, u, b));
}

const rect = (id: string, version: number, versionNonce: number, extra: Record<string, unknown> = {}): BoardElement => ({ id, type: 'rectangle', version, versionNonce, x: 0, y: 0, ...extra });

/** Two replicas that have both seen `start`, each with a chosen Yjs client id. */
function replicas(start: BoardElement[], clientA: number, clientB: number): [Y.Doc, BoardSync, Y.Doc, BoardSync] {
  const da = new Y.Doc();
  da.clientID = clientA;
  const a = new BoardSync(da);
  a.pushLocal(start);
  const db = new Y.Doc();
  db.clientID = clientB;
  Y.applyUpdate(db, Y.encodeStateAsUpdate(da));
  return [da, a, db, new BoardSync(db)];
}

function exchange(da: Y.Doc, db: Y.Doc, aFirst: boolean): void {
  const [ua, ub] = [Y.encodeStateAsUpdate(da), Y.encodeStateAsUpdate(db)];
  if (aFirst) {
    Y.applyUpdate(db, ua);
    Y.applyUpdate(da, ub);
  } else {
    Y.applyUpdate(da, ub);
    Y.applyUpdate(db, ua);
  }
}

describe('BoardSync', () => {
  it('sends only changed elements and converges on edits of different elements', () => {
    const [da, db] = [new Y.Doc(), new Y.Doc()];
    const [a, b] = [new BoardSync(da), new BoardSync(db)];
    expect(a.pushLocal([rect('r1', 1, 5)]).pushed).toBe(1);
    expect(a.pushLocal([rect('r1', 1, 5)]).pushed).toBe(0);
    a.pushLocal([rect('r1', 3, 9, { x: 10 })]);
    Y.applyUpdate(db, Y.encodeStateAsUpdate(da));
    b.pushLocal([rect('r1', 2, 1, { x: 99 }), rect('r2', 1, 2)]);
    connect(da, db);
    Y.applyUpdate(da, Y.encodeStateAsUpdate(db), db);
    Y.applyUpdate(db, Y.encodeStateAsUpdate(da), da);
    expect(a.elements()).toEqual(b.elements());
    expect(a.elements().find((e) => e.id === 'r1')).toMatchObject({ version: 3, x: 10 });
    expect(a.elements().map((e) => e.id)).toEqual(['r1', 'r2']);
  });

  // Both replicas edit the same element before exchanging anything, with either Yjs client id the larger and
  // either update applied first: the higher version must win everywhere (Yjs alone picks by client id).
  it('decides concurrent edits of one element by version on every replica, whatever the client ids and order', () => {
    for (const [clientA, clientB] of [[1, 2], [2, 1]] as const) {
      for (const aFirst of [true, false]) {
        const [da, a, db, b] = replicas([rect('r', 1, 7)], clientA, clientB);
        a.pushLocal([rect('r', 5, 3, { x: 500 })]); // the higher version
        b.pushLocal([rect('r', 2, 1, { x: 200 })]);
        exchange(da, db, aFirst);
        expect(a.elements(), `clients ${clientA}/${clientB}, a first: ${aFirst}`).toEqual(b.elements());
        expect(a.element('r')).toMatchObject({ version: 5, x: 500 });
        // And the loser's next look does not push its stale copy back.
        expect(b.pushLocal(b.elements()).pushed).toBe(0);
      }
    }
  });

  it('breaks a version tie by the lower nonce, the same everywhere', () => {
    for (const [clientA, clientB] of [[1, 2], [2, 1]] as const) {
      const [da, a, db, b] = replicas([rect('r', 1, 7)], clientA, clientB);
      a.pushLocal([rect('r', 4, 900, { x: 1 })]);
      b.pushLocal([rect('r', 4, 100, { x: 2 })]);
      exchange(da, db, clientA === 1);
      expect(a.elements()).toEqual(b.elements());
      expect(a.element('r')).toMatchObject({ versionNonce: 100, x: 2 });
    }
  });

  it('skips entries that are not elements: a viewer never throws', () => {
    const doc = new Y.Doc();
    const board = new BoardSync(doc);
    board.pushLocal([rect('ok', 1, 1)]);
    const raw = doc.getMap<unknown>('elements');
    raw.set('null', null);
    raw.set('text', 'hello');
    raw.set('list', [1, 2]);
    raw.set('noid', { type: 'rectangle', version: 1, versionNonce: 1 });
    raw.set('notype', { id: 'notype', version: 1, versionNonce: 1 });
    raw.set('badx', { id: 'badx', type: 'rectangle', version: 1, versionNonce: 1, x: 'left' });
    raw.set('badpoints', { id: 'badpoints', type: 'line', version: 1, versionNonce: 1, points: [[0, 0], null] });
    raw.set('other', { id: 'ok', type: 'rectangle', version: 99, versionNonce: 1, isDeleted: true }); // a key that is not its own
    const viewer = new BoardSync(doc);
    expect(viewer.elements().map((e) => e.id)).toEqual(['ok']);
    expect(board.elements().map((e) => e.id)).toEqual(['ok']);
    expect(viewer.element('ok')).toMatchObject({ version: 1 });
    // A writer cleans them up when it prunes.
    board.prune();
    expect([...raw.keys()]).toEqual([slotKey(rect('ok', 1, 1))]);
  });

  it('reads entries of the previous layout (one per id) and replaces them', () => {
    const doc = new Y.Doc();
    doc.getMap('elements').set('old', rect('old', 2, 2));
    const board = new BoardSync(doc);
    expect(board.element('old')).toMatchObject({ version: 2 });
    board.pushLocal([rect('old', 3, 1, { x: 5 })]);
    expect([...doc.getMap('elements').keys()]).toEqual([slotKey(rect('old', 3, 1))]);
  });

  it('sends an element mutated in place again (editors mutate their objects)', () => {
    const doc = new Y.Doc();
    const board = new BoardSync(doc);
    const el = rect('r', 1, 1, { width: 0 });
    expect(board.pushLocal([el]).pushed).toBe(1);
    el.version = 2;
    el.width = 80;
    expect(board.pushLocal([el]).pushed).toBe(1);
    expect(board.elements()[0]).toMatchObject({ version: 2, width: 80 });
    board.elements()[0]!.width = 999;
    expect(board.elements()[0]).toMatchObject({ width: 80 });
  });

  it('tells about remote changes only, by element id', () => {
    const [da, db] = [new Y.Doc(), new Y.Doc()];
    connect(da, db);
    const [a, b] = [new BoardSync(da), new BoardSync(db)];
    const seen: string[][] = [];
    b.onRemoteChange((ids) => seen.push(ids));
    a.pushLocal([rect('x', 1, 1)]);
    b.pushLocal([rect('y', 1, 1)]);
    a.pushLocal([rect('x', 2, 1)]);
    expect(seen).toEqual([['x'], ['x']]);
  });

  it('prunes tombstones older than the bound, and the oldest beyond the count', () => {
    const now = 10 * TOMBSTONE_AGE_MS;
    const doc = new Y.Doc();
    const board = new BoardSync(doc, { now: () => now });
    board.pushLocal([
      rect('live', 1, 1, { updated: 0 }),
      rect('old', 2, 1, { isDeleted: true, updated: now - TOMBSTONE_AGE_MS - 1 }),
      rect('recent', 2, 1, { isDeleted: true, updated: now - 1000 }),
    ]);
    expect(board.prune(now)).toBe(1);
    expect(board.elements().map((e) => e.id)).toEqual(['live', 'recent']);
    // A replica that still holds the pruned tombstone in its scene does not send it back.
    expect(board.pushLocal([rect('old', 2, 1, { isDeleted: true, updated: 0 })]).pushed).toBe(0);

    const many = Array.from({ length: MAX_TOMBSTONES + 5 }, (_, i) => rect(`t${String(i).padStart(5, '0')}`, 2, 1, { isDeleted: true, updated: now - 1000 + i }));
    board.pushLocal(many);
    board.prune(now);
    const left = board.elements().filter((e) => e.isDeleted);
    expect(left).toHaveLength(MAX_TOMBSTONES);
    expect(left.some((e) => e.id === 't00000')).toBe(false); // the oldest went first
    expect(board.element('live')).toBeDefined();
  });

  it('prunes superseded versions left by concurrent writers', () => {
    const [da, a, db, b] = replicas([rect('r', 1, 7)], 1, 2);
    a.pushLocal([rect('r', 5, 3)]);
    b.pushLocal([rect('r', 2, 1)]);
    exchange(da, db, true);
    expect(da.getMap('elements').size).toBe(2);
    a.prune();
    expect([...da.getMap('elements').keys()]).toEqual([slotKey(rect('r', 5, 3))]);
  });
});
