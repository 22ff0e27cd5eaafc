/**
 * Durable storage of one session's documents: an append-only log of Yjs updates (format and checksums in
 * logFormat.ts), compacted into a snapshot.
 *
 * Durability rule: `append()` resolves only after the record is written AND fsync'ed; the room acknowledges an
 * edit to its author only then ("acknowledged means on disk"). The fdatasync runs off the event loop; appends that
 * arrive while it is in flight form the next batch (group commit; bench/README.md has the measurements).
 *
 * A failed write (full disk, short write, I/O error) truncates the log back to the end of the last good batch, so
 * a partial record is never followed by acknowledged ones, and rejects the batch with a StorageError. Each later
 * batch tries again (that is the probe): the first that is written and synced clears the failure.
 *
 * Files in the session folder: `snapshot.bin`, sealed segments `docs.<n>.log`, and `docs.log` (the one appended to).
 * Load order is that order. Compaction captures every document's state between two batches, seals `docs.log`
 * (renamed to the next `docs.<n>.log`; appends continue in a fresh `docs.log`), then, off the event loop, writes
 * the snapshot atomically and deletes the sealed segments it covers. A crash at any point leaves a set of files
 * that loads everything (updates are idempotent). An old-format `docs.log` is sealed at open, so it is only read.
 *
 * At open, a torn tail of `docs.log` is truncated silently. Damage (a checksum failure, or a bad record with intact
 * ones after it) in any file: the whole file is copied next to it as `<file>.corrupt-<time>`, reported by load(),
 * and reading that file stops there (docs.log is truncated after the copy). Without room for the copy, nothing is
 * cut and opening the session fails with a StorageError that says to free disk space.
 */
import { close as closeCallback, closeSync, constants, copyFileSync, existsSync, fsyncSync, open as openCallback, openSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MAGIC, decodeFile, encodeRecord, type LogRecord, type Stop } from './logFormat';
import { nodeLogFs, syncDir, syncDirAsync, type LogFs } from './logFs';
import { StorageError, describeCause, storageErrorFrom } from './storageError';

export { decodeRecords, encodeRecord, type LogRecord } from './logFormat';
export { writeFileAtomic } from './logFs';

const openAsync = promisify(openCallback);
const closeAsync = promisify(closeCallback);
const LOG_FLAGS = constants.O_RDWR | constants.O_CREAT;
const SEGMENT = /^docs\.(\d+)\.log$/;

export interface DocLogOptions {
  /** Log size (bytes) above which the caller should compact. */
  compactAt?: number;
  fs?: LogFs;
  /** Where problems are told (the host prints them on stderr and shows them on the console). */
  report?: (message: string) => void;
}

/** A damaged file found at load: a copy of it was kept, and reading it stopped at `offset`. */
export interface LogDamage {
  file: string;
  copy: string;
  offset: number;
  reason: string;
}

export interface LoadResult {
  records: LogRecord[];
  damaged: LogDamage[];
}

interface Pending {
  bytes: Buffer;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class DocLog {
  private fd: number;
  /** End of the last batch known to be on disk: a failed write is cut back to here. */
  private logBytes: number;
  /** The file is empty: the next batch starts with the header. */
  private needsHeader: boolean;
  /** A failed write could not be cut back: do it before writing anything else. */
  private truncateTo: number | null = null;
  private queue: Pending[] = [];
  /** A batch or a seal is in progress: nothing else touches the fd. */
  private busy = false;
  private failureState: StorageError | null = null;
  private compactRequest: (() => Map<string, Uint8Array>) | null = null;
  private compaction: Promise<void> | null = null;
  private nextSegment: number;
  private readonly current: LogRecord[];
  private readonly damage: LogDamage[] = [];
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly logPath: string;
  private readonly compactAt: number;
  private readonly fs: LogFs;
  readonly report: (message: string) => void;

  constructor(
    private readonly dir: string,
    options: DocLogOptions | number = {},
  ) {
    const opts = typeof options === 'number' ? { compactAt: options } : options;
    this.compactAt = opts.compactAt ?? 8 * 1024 * 1024;
    this.fs = opts.fs ?? nodeLogFs;
    this.report = opts.report ?? ((message) => process.stderr.write(`host: ${message}\n`));
    this.logPath = join(dir, 'docs.log');
    rmSync(join(dir, 'snapshot.bin.tmp'), { force: true });
    this.nextSegment = Math.max(0, ...this.segments()) + 1;
    let bytes = existsSync(this.logPath) ? readFileSync(this.logPath) : Buffer.alloc(0);
    let decoded = decodeFile(bytes);
    if (decoded.format === 1) {
      // A log of an older host: keep it whole as a sealed segment (read in its own format), append to a new one.
      renameSync(this.logPath, this.segmentPath(this.nextSegment++));
      syncDir(dir);
      bytes = Buffer.alloc(0);
      decoded = decodeFile(bytes);
    }
    this.fd = openSync(this.logPath, LOG_FLAGS, 0o600);
    this.current = decoded.records;
    if (decoded.stop) {
      if (!decoded.stop.torn) this.damage.push(this.keepCopy(this.logPath, decoded.stop));
      this.fs.truncate(this.fd, decoded.validBytes);
    }
    this.logBytes = decoded.validBytes;
    this.needsHeader = this.logBytes === 0;
  }

  /** Why writes are failing right now (cleared by the next write that succeeds); null when they work. */
  get failure(): StorageError | null {
    return this.failureState;
  }

  /** Everything on disk: the snapshot's records, the sealed segments', then the log's; and any damage found. */
  load(): LoadResult {
    const records: LogRecord[] = [];
    const damaged = [...this.damage];
    const read = (path: string) => {
      if (!existsSync(path)) return;
      const decoded = decodeFile(readFileSync(path));
      records.push(...decoded.records);
      if (decoded.stop && !decoded.stop.torn) damaged.push(this.keepCopy(path, decoded.stop));
    };
    read(join(this.dir, 'snapshot.bin'));
    for (const n of this.segments()) read(this.segmentPath(n));
    records.push(...this.current);
    return { records, damaged };
  }

  /** Resolves once the update is on disk; rejects with a StorageError if it could not be written. */
  append(doc: string, update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the session store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes: encodeRecord(doc, update), resolve, reject });
      this.kick();
    });
  }

  /** Resolves once everything appended so far has been written (or has failed: its own promise says so). */
  flushed(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes: Buffer.alloc(0), resolve, reject });
      this.kick();
    });
  }

  /** Whether the log has grown enough that the caller should compact. */
  get needsCompaction(): boolean {
    return this.logBytes > this.compactAt;
  }

  /**
   * Compacts between two batches into a snapshot of `states()` (doc name → full state update), which must hold
   * everything appended so far. Appends go on meanwhile; nothing is lost if the snapshot cannot be written.
   */
  compactWhenIdle(states: () => Map<string, Uint8Array>): void {
    if (this.closed || this.closing) return;
    this.compactRequest = states;
    this.kick();
  }

  private kick(): void {
    if (this.busy) return;
    if (this.compactRequest && !this.compaction && !this.failureState) {
      this.startCompaction(this.compactRequest);
      return;
    }
    this.compactRequest = null;
    if (this.queue.length === 0) return;
    this.busy = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    const finish = (error: StorageError | null) => {
      for (const item of batch) {
        if (error) item.reject(error);
        else item.resolve();
      }
      this.busy = false;
      this.kick();
    };
    const records = Buffer.concat(batch.map((b) => b.bytes));
    if (records.length === 0) return finish(null);
    const start = this.logBytes;
    const bytes = this.needsHeader ? Buffer.concat([MAGIC, records]) : records;
    try {
      if (this.truncateTo !== null) {
        this.fs.truncate(this.fd, this.truncateTo);
        this.truncateTo = null;
      }
      let written = 0;
      while (written < bytes.length) {
        const n = this.fs.write(this.fd, bytes, written, bytes.length - written, start + written);
        if (n <= 0) throw Object.assign(new Error(`wrote ${n} bytes`), { code: 'EIO' });
        written += n;
      }
    } catch (error) {
      return finish(this.failed(error, start));
    }
    this.fs.datasync(this.fd, (error) => {
      if (error) return finish(this.failed(error, start));
      this.logBytes = start + bytes.length;
      this.needsHeader = false;
      if (this.failureState) this.report(`${this.logPath} is written again`);
      this.failureState = null;
      finish(null);
    });
  }

  /** Cuts the log back to the last good batch (or remembers to) and records why writing failed. */
  private failed(error: unknown, goodBytes: number): StorageError {
    const failure = storageErrorFrom(error);
    try {
      this.fs.truncate(this.fd, goodBytes);
    } catch {
      this.truncateTo = goodBytes;
    }
    if (!this.failureState) this.report(`cannot write ${this.logPath} (${describeCause(error)}): edits are refused until it can write again`);
    this.failureState = failure;
    return failure;
  }

  private startCompaction(states: () => Map<string, Uint8Array>): void {
    this.compactRequest = null;
    this.busy = true;
    // Nothing is in flight: every record in docs.log is in these states.
    const captured = states();
    const sealed = this.nextSegment++;
    this.compaction = this.compact(captured, sealed).finally(() => {
      this.compaction = null;
    });
  }

  private async compact(states: Map<string, Uint8Array>, sealed: number): Promise<void> {
    try {
      await this.seal(sealed);
    } catch (error) {
      this.report(`could not start compacting ${this.dir} (${describeCause(error)}); the log is kept as it is`);
      return;
    } finally {
      this.busy = false;
      this.kick();
    }
    try {
      const bytes = Buffer.concat([MAGIC, ...[...states].map(([doc, update]) => encodeRecord(doc, update))]);
      await this.fs.writeFileDurably(join(this.dir, 'snapshot.bin'), bytes);
      for (const n of this.segments()) if (n <= sealed) await unlink(this.segmentPath(n));
    } catch (error) {
      this.report(`could not write a snapshot in ${this.dir} (${describeCause(error)}); nothing is lost, the log is kept and compaction is tried again later`);
    }
  }

  /** Renames docs.log to a sealed segment and continues in a fresh docs.log (only while nothing is in flight). */
  private async seal(n: number): Promise<void> {
    const sealedPath = this.segmentPath(n);
    await rename(this.logPath, sealedPath);
    let fd: number;
    try {
      fd = await openAsync(this.logPath, LOG_FLAGS | constants.O_TRUNC, 0o600);
    } catch (error) {
      await rename(sealedPath, this.logPath);
      throw error;
    }
    await syncDirAsync(this.dir);
    const old = this.fd;
    this.fd = fd;
    this.logBytes = 0;
    this.needsHeader = true;
    this.truncateTo = null;
    await closeAsync(old);
  }

  private segments(): number[] {
    return readdirSync(this.dir)
      .map((name) => SEGMENT.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  private segmentPath(n: number): string {
    return join(this.dir, `docs.${n}.log`);
  }

  /** Copies a damaged file next to itself before anything cuts it; throws a StorageError if it cannot. */
  private keepCopy(path: string, stop: Stop): LogDamage {
    const copy = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      copyFileSync(path, copy, constants.COPYFILE_EXCL);
      const fd = openSync(copy, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      rmSync(copy, { force: true });
      this.report(`${path} is damaged at byte ${stop.offset} (${stop.reason}) and no copy of it could be kept (${describeCause(error)}), so it is left as it is and the session is not opened: free disk space, then open it again`);
      throw new StorageError(storageErrorFrom(error).code, 'A file of this session on the host laptop is damaged and there is no room to keep a copy of it before repairing it: free disk space on the host laptop, then join again.', { cause: error });
    }
    return { file: path, copy, offset: stop.offset, reason: stop.reason };
  }

  /** Flushes, waits for a compaction in progress, and closes; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.compactRequest = null;
      // Appends made while closing are written too: stop only when nothing is queued, in flight or compacting.
      while (this.busy || this.queue.length > 0 || this.compaction) {
        await this.flushed().catch(() => undefined);
        if (this.compaction) await this.compaction;
      }
      this.closed = true;
      closeSync(this.fd);
    })();
    return this.closing;
  }
}
