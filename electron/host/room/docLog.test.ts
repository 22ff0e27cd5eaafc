import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailingFs } from '../../../tests/helpers/failingFs';
import { DocLog, encodeRecord } from './docLog';
import { MAGIC } from './logFormat';
import { StorageError } from './storageError';

const bytes = (...n: number[]) => new Uint8Array(n);
const tmp = () => mkdtempSync(join(tmpdir(), 'wk-log-'));
const logSize = (dir: string) => statSync(join(dir, 'docs.log')).size;
const quiet = { report: () => undefined };

/** A record in the format of hosts before checksums: [length u32][name length u16][name][update]. */
function legacyRecord(doc: string, update: Uint8Array): Buffer {
  const name = Buffer.from(doc);
  const out = Buffer.alloc(6 + name.length + update.length);
  out.writeUInt32LE(2 + name.length + update.length, 0);
  out.writeUInt16LE(name.length, 4);
  name.copy(out, 6);
  out.set(update, 6 + name.length);
  return out;
}

describe('DocLog', () => {
  it('persists appends, and loads snapshot + log after compaction', async () => {
    const dir = tmp();
    const log = new DocLog(dir, 10);
    await log.append('room/a', bytes(1, 2, 3));
    await log.append('session', bytes(4));
    expect(log.needsCompaction).toBe(true);
    log.compactWhenIdle(() => new Map([['room/a', bytes(9, 9)]]));
    await log.append('room/b', bytes(5));
    await log.close();
    const reopened = new DocLog(dir);
    expect(reopened.load()).toEqual({
      records: [
        { doc: 'room/a', update: bytes(9, 9) },
        { doc: 'room/b', update: bytes(5) },
      ],
      damaged: [],
    });
    expect(readdirSync(dir).sort()).toEqual(['docs.log', 'snapshot.bin']);
    await reopened.close();
  });

  it('ignores and truncates a torn record at the end of the log (a crash mid-write), silently', async () => {
    const dir = tmp();
    const log = new DocLog(dir);
    await log.append('room/a', bytes(1));
    await log.close();
    for (const torn of [encodeRecord('room/a', bytes(2, 3, 4, 5)).subarray(0, 7), encodeRecord('room/a', bytes(2, 3, 4, 5)).subarray(0, 13), Buffer.alloc(300)]) {
      appendFileSync(join(dir, 'docs.log'), torn);
      const reopened = new DocLog(dir);
      expect(reopened.load()).toEqual({ records: [{ doc: 'room/a', update: bytes(1) }], damaged: [] });
      await reopened.close();
    }
    const reopened = new DocLog(dir);
    await reopened.append('room/a', bytes(6));
    await reopened.close();
    expect(new DocLog(dir).load().records).toEqual([
      { doc: 'room/a', update: bytes(1) },
      { doc: 'room/a', update: bytes(6) },
    ]);
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('groups concurrent appends into one write', async () => {
    const dir = tmp();
    const fs = new FailingFs();
    const log = new DocLog(dir, { fs });
    await Promise.all(Array.from({ length: 100 }, (_, i) => log.append('room/a', bytes(i))));
    await log.close();
    expect(fs.writes).toBe(1);
    expect(new DocLog(dir).load().records).toHaveLength(100);
    expect(logSize(dir)).toBe(MAGIC.length + 100 * (8 + 2 + 6 + 1));
  });

  it('on a short write (disk full): cuts the partial record, refuses, and accepts again once writing works', async () => {
    const dir = tmp();
    const fs = new FailingFs();
    const log = new DocLog(dir, { fs, ...quiet });
    await log.append('room/a', bytes(1));
    const good = logSize(dir);
    fs.writeFails = 'ENOSPC';
    const refused = await log.append('room/a', bytes(2, 2, 2, 2, 2, 2, 2, 2)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect((refused as StorageError).code).toBe('disk-full');
    expect((refused as StorageError).message).toMatch(/free disk space on the host laptop/);
    expect(logSize(dir)).toBe(good); // the partial record is gone
    expect(log.failure?.code).toBe('disk-full');
    await expect(log.append('room/a', bytes(3, 3, 3, 3, 3, 3, 3, 3))).rejects.toBeInstanceOf(StorageError);
    expect(logSize(dir)).toBe(good);
    fs.writeFails = null;
    await log.append('room/a', bytes(4)); // acknowledged after the failures
    expect(log.failure).toBe(null);
    await log.close();
    // At restart nothing acknowledged is behind a partial record: the edit acknowledged after the failure is there.
    const reopened = new DocLog(dir);
    expect(reopened.load()).toEqual({
      records: [
        { doc: 'room/a', update: bytes(1) },
        { doc: 'room/a', update: bytes(4) },
      ],
      damaged: [],
    });
    await reopened.close();
  });

  it('a failed fdatasync is a failed write too; a failed cut-back is retried before anything else is written', async () => {
    const dir = tmp();
    const fs = new FailingFs();
    const log = new DocLog(dir, { fs, ...quiet });
    await log.append('room/a', bytes(1));
    const good = logSize(dir);
    fs.syncFails = 'EIO';
    const refused = await log.append('room/a', bytes(2)).catch((e: unknown) => e);
    expect((refused as StorageError).code).toBe('io-error');
    expect(logSize(dir)).toBe(good);
    fs.syncFails = null;
    fs.writeFails = 'ENOSPC';
    fs.truncateFails = 'EIO';
    await expect(log.append('room/a', bytes(3, 3, 3, 3, 3, 3, 3))).rejects.toBeInstanceOf(StorageError);
    expect(logSize(dir)).toBeGreaterThan(good); // the partial record could not be cut yet
    fs.writeFails = null;
    await expect(log.append('room/a', bytes(4))).rejects.toBeInstanceOf(StorageError); // refused: cut first
    fs.truncateFails = null;
    await log.append('room/a', bytes(5));
    await log.close();
    expect(new DocLog(dir).load()).toEqual({
      records: [
        { doc: 'room/a', update: bytes(1) },
        { doc: 'room/a', update: bytes(5) },
      ],
      damaged: [],
    });
  });

  it('damage in the middle (checksum): keeps a copy of the whole file, reports it, and does not take what follows as good', async () => {
    const dir = tmp();
    const log = new DocLog(dir);
    await log.append('room/a', bytes(1, 1, 1));
    await log.append('room/a', bytes(2, 2, 2));
    await log.append('room/a', bytes(3, 3, 3));
    await log.close();
    const path = join(dir, 'docs.log');
    const original = readFileSync(path);
    const second = MAGIC.length + encodeRecord('room/a', bytes(1, 1, 1)).length;
    const damaged = Buffer.from(original);
    damaged.writeUInt8(damaged.readUInt8(second + 8 + 2 + 6 + 1) ^ 0xff, second + 8 + 2 + 6 + 1); // one byte of the second record's update
    writeFileSync(path, damaged);

    const reopened = new DocLog(dir, quiet);
    const loaded = reopened.load();
    expect(loaded.records).toEqual([{ doc: 'room/a', update: bytes(1, 1, 1) }]);
    expect(loaded.damaged).toHaveLength(1);
    expect(loaded.damaged[0]).toMatchObject({ file: path, offset: second, reason: 'checksum mismatch' });
    expect(readFileSync(loaded.damaged[0]!.copy)).toEqual(damaged);
    expect(logSize(dir)).toBe(second);
    await reopened.append('room/a', bytes(4));
    await reopened.close();
    expect(new DocLog(dir).load()).toEqual({
      records: [
        { doc: 'room/a', update: bytes(1, 1, 1) },
        { doc: 'room/a', update: bytes(4) },
      ],
      damaged: [],
    });
  });

  it('a damaged length field with records after it is damage, not a torn tail', async () => {
    const dir = tmp();
    const log = new DocLog(dir);
    for (let i = 1; i <= 3; i++) await log.append('room/a', bytes(i));
    await log.close();
    const path = join(dir, 'docs.log');
    const damaged = readFileSync(path);
    damaged.writeUInt32LE(0x7fffffff, MAGIC.length + encodeRecord('room/a', bytes(1)).length); // claims to run past the end
    writeFileSync(path, damaged);
    const loaded = new DocLog(dir, quiet).load();
    expect(loaded.records).toHaveLength(1);
    expect(loaded.damaged).toHaveLength(1);
    expect(existsSync(loaded.damaged[0]!.copy)).toBe(true);
  });

  it('still loads logs and snapshots of the old format (no checksums), and appends to a new-format log after them', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'snapshot.bin'), legacyRecord('room/a', bytes(7, 7)));
    writeFileSync(join(dir, 'docs.log'), Buffer.concat([legacyRecord('room/a', bytes(8)), legacyRecord('session', bytes(9)), legacyRecord('room/a', bytes(1, 2)).subarray(0, 5)]));
    const log = new DocLog(dir);
    expect(log.load()).toEqual({
      records: [
        { doc: 'room/a', update: bytes(7, 7) },
        { doc: 'room/a', update: bytes(8) },
        { doc: 'session', update: bytes(9) },
      ],
      damaged: [],
    });
    await log.append('room/b', bytes(10));
    await log.close();
    expect(readFileSync(join(dir, 'docs.log')).subarray(0, MAGIC.length)).toEqual(MAGIC);
    const reopened = new DocLog(dir, 1);
    expect(reopened.load().records.map((r) => r.update)).toEqual([bytes(7, 7), bytes(8), bytes(9), bytes(10)]);
    reopened.compactWhenIdle(() => new Map([['room/a', bytes(7, 7, 8)], ['session', bytes(9)], ['room/b', bytes(10)]]));
    await reopened.close();
    expect(readdirSync(dir).sort()).toEqual(['docs.log', 'snapshot.bin']);
    expect(new DocLog(dir).load().records).toHaveLength(3);
  });

  it('compacts off the event loop: appends made while the snapshot is written are accepted and kept', async () => {
    const dir = tmp();
    const fs = new FailingFs();
    let release = () => undefined as void;
    fs.snapshotGate = new Promise<void>((resolve) => (release = resolve));
    const log = new DocLog(dir, { compactAt: 1, fs, ...quiet });
    await log.append('room/a', bytes(1));
    log.compactWhenIdle(() => new Map([['room/a', bytes(1)]]));
    // The snapshot is held: appends still go through (they land in a fresh segment).
    await log.append('room/a', bytes(2));
    await log.append('room/b', bytes(3));
    expect(existsSync(join(dir, 'snapshot.bin'))).toBe(false);
    release();
    await log.close();
    expect(new DocLog(dir).load().records).toEqual([
      { doc: 'room/a', update: bytes(1) },
      { doc: 'room/a', update: bytes(2) },
      { doc: 'room/b', update: bytes(3) },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['docs.log', 'snapshot.bin']);
  });

  it('a snapshot that cannot be written loses nothing: the sealed log is kept', async () => {
    const dir = tmp();
    const fs = new FailingFs();
    fs.snapshotFails = 'ENOSPC';
    const reports: string[] = [];
    const log = new DocLog(dir, { compactAt: 1, fs, report: (m) => reports.push(m) });
    await log.append('room/a', bytes(1));
    log.compactWhenIdle(() => new Map([['room/a', bytes(1)]]));
    await log.append('room/a', bytes(2));
    await log.close();
    expect(reports.join('\n')).toMatch(/could not write a snapshot.*nothing is lost/);
    expect(new DocLog(dir).load().records.map((r) => r.update)).toEqual([bytes(1), bytes(2)]);
  });
});
