/**
 * Durable storage of one session's documents: an append-only log of Yjs updates, compacted into a snapshot.
 *
 * Durability rule: `append()` resolves only after the record is written AND fsync'ed; the room acknowledges an
 * edit to its author only then ("acknowledged means on disk"). The fdatasync runs off the event loop (a slow disk
 * must not stall every other learner's sync); appends that arrive while it is in flight form the next batch, so the
 * number of syncs adapts to the disk (group commit). Compaction runs only between batches, when nothing is in
 * flight (bench/README.md has the measurements behind this).
 *
 * Record format (both files): [length: u32 LE][doc name length: u16 LE][doc name utf8][Yjs update]. A torn record
 * at the end of the log (power cut mid-write) is ignored on load; everything before it is intact.
 * Compaction writes snapshot.tmp (one record per document: its full state), fsyncs it, renames it over
 * snapshot.bin, fsyncs the folder, then truncates the log.
 */
import { closeSync, fdatasync, fsyncSync, openSync, readFileSync, renameSync, writeSync, existsSync, ftruncateSync, fstatSync } from 'node:fs';
import { join } from 'node:path';

export interface LogRecord {
  doc: string;
  update: Uint8Array;
}

export function encodeRecord(doc: string, update: Uint8Array): Buffer {
  const name = Buffer.from(doc, 'utf8');
  const out = Buffer.allocUnsafe(4 + 2 + name.length + update.length);
  out.writeUInt32LE(2 + name.length + update.length, 0);
  out.writeUInt16LE(name.length, 4);
  name.copy(out, 6);
  out.set(update, 6 + name.length);
  return out;
}

export function decodeRecords(bytes: Buffer): { records: LogRecord[]; validBytes: number } {
  const records: LogRecord[] = [];
  let pos = 0;
  while (pos + 6 <= bytes.length) {
    const length = bytes.readUInt32LE(pos);
    if (length < 2 || pos + 4 + length > bytes.length) break;
    const nameLength = bytes.readUInt16LE(pos + 4);
    if (2 + nameLength > length) break;
    const doc = bytes.toString('utf8', pos + 6, pos + 6 + nameLength);
    const update = new Uint8Array(bytes.subarray(pos + 6 + nameLength, pos + 4 + length));
    records.push({ doc, update });
    pos += 4 + length;
  }
  return { records, validBytes: pos };
}

export class DocLog {
  private fd: number;
  private queue: { bytes: Buffer; resolve: () => void; reject: (e: Error) => void }[] = [];
  private flushing = false;
  private logBytes: number;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly compactAt = 8 * 1024 * 1024,
  ) {
    const logPath = join(dir, 'docs.log');
    this.fd = openSync(logPath, 'a+');
    this.logBytes = fstatSync(this.fd).size;
  }

  /** Everything on disk: the snapshot's records then the log's. Truncates a torn tail of the log. */
  load(): LogRecord[] {
    const snapshotPath = join(this.dir, 'snapshot.bin');
    const snapshot = existsSync(snapshotPath) ? decodeRecords(readFileSync(snapshotPath)).records : [];
    const logBytes = readFileSync(join(this.dir, 'docs.log'));
    const log = decodeRecords(logBytes);
    if (log.validBytes < logBytes.length) {
      ftruncateSync(this.fd, log.validBytes);
      fsyncSync(this.fd);
      this.logBytes = log.validBytes;
    }
    return [...snapshot, ...log.records];
  }

  /** Resolves once the update is on disk. */
  append(doc: string, update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the session store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes: encodeRecord(doc, update), resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once everything appended so far is on disk. */
  flushed(): Promise<void> {
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes: Buffer.alloc(0), resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Whether the log has grown enough that the caller should compact. */
  get needsCompaction(): boolean {
    return this.logBytes > this.compactAt;
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    const done = (error: Error | null) => {
      for (const item of batch) {
        if (error) item.reject(error);
        else item.resolve();
      }
      if (this.queue.length > 0) {
        setImmediate(() => this.flush());
        return;
      }
      this.flushing = false;
      const compaction = this.pendingCompaction;
      this.pendingCompaction = null;
      if (compaction && !this.closed) this.compact(compaction());
    };
    const bytes = Buffer.concat(batch.map((b) => b.bytes));
    if (bytes.length === 0) {
      done(null);
      return;
    }
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
      this.logBytes += bytes.length;
    } catch (error) {
      done(error as Error);
      return;
    }
    fdatasync(this.fd, (error) => done(error));
  }

  private pendingCompaction: (() => Map<string, Uint8Array>) | null = null;

  /** Compacts now if the log is idle, otherwise as soon as the batch in flight is on disk. */
  compactWhenIdle(states: () => Map<string, Uint8Array>): void {
    if (this.flushing || this.queue.length > 0) this.pendingCompaction = states;
    else this.compact(states());
  }

  /**
   * Replaces snapshot + log with a snapshot of `states` (doc name → full state update). Synchronous, so no
   * append interleaves; only call it while no batch is in flight (see compactWhenIdle).
   */
  private compact(states: Map<string, Uint8Array>): void {
    const tmp = join(this.dir, 'snapshot.tmp');
    const fd = openSync(tmp, 'w');
    try {
      const bytes = Buffer.concat([...states].map(([doc, update]) => encodeRecord(doc, update)));
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, 'snapshot.bin'));
    syncDir(this.dir);
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
    this.logBytes = 0;
  }

  private closing: Promise<void> | null = null;

  /** Flushes and closes; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.flushed().then(() => {
      this.closed = true;
      closeSync(this.fd);
    });
    return this.closing;
  }
}

export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be fsync'ed on some platforms (Windows); rename is still atomic there.
  }
}

/** Writes a small file atomically: temp file, fsync, rename, fsync the folder. */
export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDir(join(path, '..'));
}
