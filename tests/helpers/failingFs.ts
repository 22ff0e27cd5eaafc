/**
 * A LogFs (electron/host/room/logFs.ts) that fails on demand the way a full disk does: a short write (part of the
 * bytes really land in the file) followed by ENOSPC, a failing fdatasync, a failing truncate, a failing snapshot.
 * Everything else goes to the real file system.
 */
import { type LogFs, nodeLogFs } from '../../electron/host/room/logFs';

export function errno(code: string, syscall = 'write'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall });
}

export class FailingFs implements LogFs {
  /** Writes fail with this code after a short write of `partialBytes` bytes. */
  writeFails: string | null = null;
  partialBytes = 5;
  syncFails: string | null = null;
  truncateFails: string | null = null;
  snapshotFails: string | null = null;
  /** Holds snapshot writes until released (to append while a compaction is in progress). */
  snapshotGate: Promise<void> | null = null;
  writes = 0;
  private shortWritten = false;

  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number {
    this.writes++;
    if (this.writeFails) {
      if (!this.shortWritten && this.partialBytes > 0) {
        this.shortWritten = true;
        return nodeLogFs.write(fd, buffer, offset, Math.min(this.partialBytes, length), position);
      }
      this.shortWritten = false;
      throw errno(this.writeFails);
    }
    return nodeLogFs.write(fd, buffer, offset, length, position);
  }

  datasync(fd: number, done: (error: NodeJS.ErrnoException | null) => void): void {
    if (this.syncFails) {
      const code = this.syncFails;
      setImmediate(() => done(errno(code, 'fdatasync')));
      return;
    }
    nodeLogFs.datasync(fd, done);
  }

  truncate(fd: number, length: number): void {
    if (this.truncateFails) throw errno(this.truncateFails, 'ftruncate');
    nodeLogFs.truncate(fd, length);
  }

  async writeFileDurably(path: string, data: Uint8Array | string, mode?: number): Promise<void> {
    if (this.snapshotGate) await this.snapshotGate;
    if (this.snapshotFails) throw errno(this.snapshotFails);
    await nodeLogFs.writeFileDurably(path, data, mode);
  }
}
