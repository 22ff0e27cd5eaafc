import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { FailingFs } from '../../../tests/helpers/failingFs';
import { DocLog } from './docLog';
import { RoomDocs } from './roomDocs';
import { StorageError } from './storageError';

const quiet = { report: () => undefined };

/** What a host restarted on `dir` has in map `m` of document `name`. */
async function reloaded(dir: string, name: string, map = 'm'): Promise<unknown> {
  const docs = new RoomDocs(new DocLog(dir), () => undefined);
  const json = docs.doc(name).getMap(map).toJSON();
  await docs.close();
  return json;
}

describe('RoomDocs on a full disk', () => {
  it('never reports a document flushed while a change to it is not on disk, and rewrites its full state once writing works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-docs-'));
    const fs = new FailingFs();
    const relayed: string[] = [];
    const docs = new RoomDocs(new DocLog(dir, { fs, ...quiet }), (name) => relayed.push(name), 60_000);
    const a = docs.doc('team/1/notes').getMap('m');
    a.set('saved', 1);
    await docs.flushed('team/1/notes');

    fs.writeFails = 'ENOSPC';
    a.set('refused', 2);
    expect(relayed).toEqual(['team/1/notes', 'team/1/notes']); // readers still get it at once
    await expect(docs.flushed('team/1/notes')).rejects.toBeInstanceOf(StorageError);
    // The resend of the refused edit changes nothing in memory: it must still not count as saved.
    Y.applyUpdate(docs.doc('team/1/notes'), Y.encodeStateAsUpdate(docs.doc('team/1/notes')));
    await expect(docs.flushed('team/1/notes')).rejects.toMatchObject({ code: 'disk-full' });
    await expect(docs.flushed()).rejects.toBeInstanceOf(StorageError);
    expect(docs.unsaved).toEqual(['team/1/notes']);
    // Another document whose changes are on disk is not held back.
    await docs.flushed('room/other');

    fs.writeFails = null;
    await docs.flushed('team/1/notes'); // writes the full state, then it is saved
    expect(docs.unsaved).toEqual([]);
    await docs.close();

    expect(await reloaded(dir, 'team/1/notes')).toEqual({ saved: 1, refused: 2 });
  });

  it('repairs by itself (a periodic probe) when nothing else happens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-docs-'));
    const fs = new FailingFs();
    const docs = new RoomDocs(new DocLog(dir, { fs, ...quiet }), () => undefined, 20);
    fs.writeFails = 'ENOSPC';
    docs.doc('qa').getMap('q').set('x', 'y');
    await expect(docs.flushed('qa')).rejects.toBeInstanceOf(StorageError);
    fs.writeFails = null;
    const start = Date.now();
    while (docs.unsaved.length > 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 10));
    expect(docs.unsaved).toEqual([]);
    await docs.close();
    expect(await reloaded(dir, 'qa', 'q')).toEqual({ x: 'y' });
  });

  it('a change made while the full state is being written is saved too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-docs-'));
    const fs = new FailingFs();
    const docs = new RoomDocs(new DocLog(dir, { fs, ...quiet }), () => undefined, 60_000);
    const m = docs.doc('room/x').getMap('m');
    fs.writeFails = 'ENOSPC';
    m.set('a', 1);
    await expect(docs.flushed('room/x')).rejects.toBeInstanceOf(StorageError);
    fs.writeFails = null;
    const repaired = docs.flushed('room/x');
    m.set('b', 2); // queued behind the full state; it will be written fine
    await repaired;
    await docs.flushed('room/x');
    expect(docs.unsaved).toEqual([]);
    await docs.close();
    expect(await reloaded(dir, 'room/x')).toEqual({ a: 1, b: 2 });
  });

  it('a later change that is written does not make an earlier refused one count as saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-docs-'));
    const fs = new FailingFs();
    const docs = new RoomDocs(new DocLog(dir, { fs, ...quiet }), () => undefined, 60_000);
    const m = docs.doc('room/x').getMap('m');
    fs.writeFails = 'ENOSPC';
    m.set('refused', 1);
    await expect(docs.flushed('room/x')).rejects.toBeInstanceOf(StorageError);
    fs.writeFails = null;
    m.set('written', 2);
    await docs.flushed('room/x');
    await docs.close();
    expect(await reloaded(dir, 'room/x')).toEqual({ refused: 1, written: 2 });
  });

  it('reports damaged files and undecodable records instead of skipping them silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-docs-'));
    const log = new DocLog(dir);
    await log.append('room/x', new Uint8Array([255, 255, 255]));
    await log.close();
    const reports: string[] = [];
    const docs = new RoomDocs(new DocLog(dir, { report: (m) => reports.push(m) }), () => undefined);
    docs.doc('room/x'); // documents are loaded when first used
    expect(reports.join('\n')).toMatch(/a stored update of room\/x does not decode/);
    await docs.close();
  });
});

describe('RoomDocs loading and unloading', () => {
  it('loads a document when first used, and unloads it when idle with nothing in flight (reloaded on next use, compacted all the same)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-docs-'));
    const first = new RoomDocs(new DocLog(dir), () => undefined, { idleUnloadMs: 0 });
    first.doc('team/1/notes').getMap('m').set('kept', 1);
    await first.close();

    const unloaded: string[] = [];
    let followed = true;
    const docs = new RoomDocs(new DocLog(dir, { compactAt: 1 }), () => undefined, { idleUnloadMs: 60_000 });
    expect(docs.loaded('team/1/notes')).toBe(false);
    const doc = docs.doc('team/1/notes');
    expect(doc.getMap('m').get('kept')).toBe(1);
    doc.getMap('m').set('more', 2);
    // Not idle long enough, then followed: kept.
    expect(docs.unloadIdle(() => !followed, (n) => unloaded.push(n))).toEqual([]);
    await docs.flushed('team/1/notes');
    (docs as unknown as { idleUnloadMs: number }).idleUnloadMs = 0;
    expect(docs.unloadIdle(() => !followed)).toEqual([]);
    followed = false;
    expect(docs.unloadIdle(() => !followed, (n) => unloaded.push(n))).toEqual(['team/1/notes']);
    expect(unloaded).toEqual(['team/1/notes']);
    expect(docs.loaded('team/1/notes')).toBe(false);
    // The session document is never unloaded.
    docs.doc('session');
    expect(docs.unloadIdle()).toEqual([]);
    // A change elsewhere makes the log compact (compactAt: 1): the unloaded document goes into the snapshot too.
    docs.doc('room/other').getMap('m').set('x', 1);
    await docs.flushed();
    await new Promise((r) => setTimeout(r, 50));
    await docs.close();
    expect(existsSync(join(dir, 'snapshot.bin'))).toBe(true);
    expect(await reloaded(dir, 'team/1/notes')).toEqual({ kept: 1, more: 2 });
  });

  it('unloads by itself after idleUnloadMs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-docs-'));
    const docs = new RoomDocs(new DocLog(dir), () => undefined, { idleUnloadMs: 20 });
    docs.doc('room/x').getMap('m').set('a', 1);
    await docs.flushed('room/x');
    await new Promise((r) => setTimeout(r, 200));
    expect(docs.loaded('room/x')).toBe(false);
    expect(docs.doc('room/x').getMap('m').get('a')).toBe(1);
    await docs.close();
  });

  it('sets aside a large stored document whose load its vet refuses: not loaded, kept on disk, said why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wk-docs-'));
    const first = new RoomDocs(new DocLog(dir), () => undefined, { idleUnloadMs: 0 });
    first.doc('learner/l-1/notes').getMap('m').set('big', 'x'.repeat(20_000));
    first.doc('room/small').getMap('m').set('small', 1);
    await first.close();
    const reports: string[] = [];
    const vetted: number[] = [];
    const docs = new RoomDocs(new DocLog(dir, { report: (m) => reports.push(m), compactAt: 1 }), () => undefined, {
      idleUnloadMs: 0,
      vet: (updates) => {
        vetted.push(updates.length);
        return false;
      },
    });
    expect(vetted).toEqual([1]); // only the large one, at open
    expect(reports.join('\n')).toMatch(/learner\/l-1\/notes takes too long to load .* set aside/);
    expect(docs.isSetAside('learner/l-1/notes')).toBe(true);
    expect(docs.doc('learner/l-1/notes').getMap('m').size).toBe(0);
    expect(docs.doc('room/small').getMap('m').get('small')).toBe(1);
    docs.doc('room/small').getMap('m').set('compact', 'now');
    await docs.flushed();
    await new Promise((r) => setTimeout(r, 50));
    await docs.close();
    expect(existsSync(join(dir, 'snapshot.bin'))).toBe(true);
    // Still on disk, whole, after a compaction.
    expect(((await reloaded(dir, 'learner/l-1/notes')) as { big: string }).big).toHaveLength(20_000);
  });
});
