/**
 * The file-system calls the host's storage makes where a write can fail, behind a small seam so tests can inject
 * a full disk or a short write. `nodeLogFs` is the real thing.
 *
 * Also: durable small-file writes (temp file, fsync, rename, fsync the folder) off the event loop, and
 * `LatestWriter`, which keeps one file (a session's meta.json) up to date with serialized writes where the latest
 * content wins, retrying after a failure.
 */
import { closeSync, fdatasync, fsyncSync, ftruncateSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type StorageError, describeCause, storageErrorFrom } from './storageError';

export interface LogFs {
  /** Writes `length` bytes of `buffer` from `offset` at file `position`; returns how many it wrote (maybe fewer). */
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  /** fdatasync off the event loop. */
  datasync(fd: number, done: (error: NodeJS.ErrnoException | null) => void): void;
  /** Truncates to `length` and fsyncs. */
  truncate(fd: number, length: number): void;
  /** Writes a whole file durably, off the event loop: temp file, fsync, rename over `path`, fsync the folder. */
  writeFileDurably(path: string, data: Uint8Array | string, mode?: number): Promise<void>;
}

export const nodeLogFs: LogFs = {
  write: (fd, buffer, offset, length, position) => writeSync(fd, buffer, offset, length, position),
  datasync: (fd, done) => fdatasync(fd, done),
  truncate: (fd, length) => {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  },
  writeFileDurably,
};

export async function syncDirAsync(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directories cannot be fsync'ed on some platforms (Windows); rename is still atomic there.
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
    // As above.
  }
}

export async function writeFileDurably(path: string, data: Uint8Array | string, mode = 0o600): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(tmp, path);
  await syncDirAsync(dirname(path));
}

/** The synchronous version, for the few writes made once at start (the host key). */
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
  syncDir(dirname(path));
}

/**
 * Keeps `path` holding the latest text given to `write()`: one write at a time, intermediate versions skipped,
 * never a torn file (each write is a durable rename). A failed write is reported once and retried (on the next
 * write, or after `retryMs`) until it succeeds.
 */
export class LatestWriter {
  private pending: string | null = null;
  private running: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  /** The last failure, until a write succeeds again. */
  failure: StorageError | null = null;

  constructor(
    private readonly path: string,
    private readonly report: (message: string) => void,
    private readonly fs: Pick<LogFs, 'writeFileDurably'> = nodeLogFs,
    private readonly retryMs = 5000,
  ) {}

  write(text: string): void {
    if (this.closed) return;
    this.pending = text;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.running ??= this.drain();
  }

  /** Resolves when everything given so far is written, or has failed (see `failure`). */
  async flushed(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Writes what is pending (once more if it failed), then stops retrying. */
  async close(): Promise<void> {
    await this.flushed();
    if (this.retry) {
      clearTimeout(this.retry);
      this.retry = null;
      if (this.pending !== null) this.write(this.pending);
      await this.flushed();
    }
    if (this.retry) clearTimeout(this.retry);
    this.closed = true;
  }

  private async drain(): Promise<void> {
    while (this.pending !== null) {
      const text = this.pending;
      this.pending = null;
      try {
        await this.fs.writeFileDurably(this.path, text);
        if (this.failure) this.report(`${this.path} is written again`);
        this.failure = null;
      } catch (error) {
        if (!this.failure) this.report(`could not write ${this.path} (${describeCause(error)}); it is retried until it works`);
        this.failure = storageErrorFrom(error);
        this.pending ??= text;
        this.retry = setTimeout(() => this.write(this.pending ?? text), this.retryMs);
        this.retry.unref();
        break;
      }
    }
    this.running = null;
  }
}
