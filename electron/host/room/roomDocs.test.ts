import { mkdtempSync } from 'node:fs';
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
    expect(reports.join('\n')).toMatch(/a stored update of room\/x does not decode/);
    await docs.close();
  });
});
