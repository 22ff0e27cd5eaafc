import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardSync } from './boardSync';

function connect(a: Y.Doc, b: Y.Doc): void {
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, u, a));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, u, b));
}

describe('BoardSync', () => {
  it('sends only changed elements and converges on concurrent edits', () => {
    const [da, db] = [new Y.Doc(), new Y.Doc()];
    const [a, b] = [new BoardSync(da), new BoardSync(db)];
    expect(a.pushLocal([{ id: 'r1', version: 1, versionNonce: 5 }])).toBe(1);
    expect(a.pushLocal([{ id: 'r1', version: 1, versionNonce: 5 }])).toBe(0);
    // Offline: both edit; a moves r1, b adds r2 and also edits r1 with a lower version.
    a.pushLocal([{ id: 'r1', version: 3, versionNonce: 9, x: 10 }]);
    Y.applyUpdate(db, Y.encodeStateAsUpdate(da));
    b.pushLocal([{ id: 'r1', version: 2, versionNonce: 1, x: 99 }, { id: 'r2', version: 1, versionNonce: 2 }]);
    connect(da, db);
    Y.applyUpdate(da, Y.encodeStateAsUpdate(db), db);
    Y.applyUpdate(db, Y.encodeStateAsUpdate(da), da);
    expect(a.elements()).toEqual(b.elements());
    expect(a.elements().find((e) => e.id === 'r1')).toMatchObject({ version: 3, x: 10 });
    expect(a.elements().map((e) => e.id)).toEqual(['r1', 'r2']);
  });

  it('sends an element mutated in place again (editors mutate their objects)', () => {
    const doc = new Y.Doc();
    const board = new BoardSync(doc);
    const el = { id: 'r', version: 1, versionNonce: 1, width: 0 };
    expect(board.pushLocal([el])).toBe(1);
    el.version = 2;
    el.width = 80;
    expect(board.pushLocal([el])).toBe(1);
    expect(board.elements()[0]).toMatchObject({ version: 2, width: 80 });
    board.elements()[0]!.width = 999;
    expect(board.elements()[0]).toMatchObject({ width: 80 });
  });

  it('tells about remote changes only', () => {
    const [da, db] = [new Y.Doc(), new Y.Doc()];
    connect(da, db);
    const [a, b] = [new BoardSync(da), new BoardSync(db)];
    const seen: string[][] = [];
    b.onRemoteChange((ids) => seen.push(ids));
    a.pushLocal([{ id: 'x', version: 1, versionNonce: 1 }]);
    b.pushLocal([{ id: 'y', version: 1, versionNonce: 1 }]);
    expect(seen).toEqual([['x']]);
  });
});
