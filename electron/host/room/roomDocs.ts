/**
 * A session's documents on the host: Yjs documents in memory, loaded from the session's log at start, every
 * change appended to the log (and the log compacted into snapshots when it grows), then handed to the room to
 * broadcast right away.
 *
 * Never acknowledge from memory a document with unpersisted changes: when appending a change fails (full disk),
 * its document is marked dirty — its state in memory is ahead of the disk, so a resent edit that changes nothing
 * is still not saved. `flushed(name)` rejects with the StorageError while the document is dirty. Repair writes the
 * FULL state of each dirty document (it holds every change that failed) as soon as writing works again: tried on
 * every successful append, on every `flushed()` of a dirty document, and every few seconds.
 */
import * as Y from 'yjs';
import type { DocLog } from './docLog';
import { type StorageError, storageErrorFrom } from './storageError';

export type DocChange = (name: string, update: Uint8Array, origin: unknown) => void;

const REPLAY = Symbol('replay');

interface Dirty {
  error: StorageError;
  /** The latest failed record: only a full state written after it makes the document clean. */
  seq: number;
}

export class RoomDocs {
  readonly docs = new Map<string, Y.Doc>();
  /** True while replaying the disk: those updates are already stored. */
  private loading = false;
  private seq = 0;
  private readonly dirty = new Map<string, Dirty>();
  /** Per document, its latest append, settled (never rejecting) once its outcome is recorded. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private repairing: Promise<void> | null = null;
  private probe: NodeJS.Timeout | null = null;

  constructor(
    private readonly log: DocLog,
    private readonly onChange: DocChange,
    private readonly probeMs = 5000,
  ) {
    this.loading = true;
    const { records, damaged } = log.load();
    for (const d of damaged) log.report(`${d.file} is damaged at byte ${d.offset} (${d.reason}): what came after it was not loaded; a copy of the whole file is kept as ${d.copy}`);
    for (const record of records) {
      try {
        Y.applyUpdate(this.doc(record.doc), record.update, REPLAY);
      } catch (error) {
        log.report(`a stored update of ${record.doc} does not decode (${(error as Error).message}); it is skipped, the rest of the session loads`);
      }
    }
    this.loading = false;
  }

  /** The document, created (empty) on first use, persisted and reported on every change. */
  doc(name: string): Y.Doc {
    let doc = this.docs.get(name);
    if (!doc) {
      doc = new Y.Doc({ gc: true });
      const created = doc;
      this.docs.set(name, created);
      created.on('update', (update: Uint8Array, origin: unknown) => this.changed(name, update, origin));
    }
    return doc;
  }

  /** Names of documents whose latest changes are not on disk. */
  get unsaved(): string[] {
    return [...this.dirty.keys()];
  }

  /**
   * Resolves when every change so far to document `name` (to every document, without a name) is on disk.
   * Rejects with a StorageError while any of them is not (after trying to write it again): never acknowledge then.
   */
  async flushed(name?: string): Promise<void> {
    const names = name === undefined ? [...this.docs.keys()] : [name];
    await Promise.all(names.map((n) => this.inFlight.get(n)));
    const isDirty = () => names.some((n) => this.dirty.has(n));
    if (!isDirty()) return;
    if (this.repairing) await this.repairing;
    if (isDirty()) await this.repair();
    const still = names.find((n) => this.dirty.has(n));
    if (still !== undefined) throw this.dirty.get(still)!.error;
  }

  async close(): Promise<void> {
    this.stopProbe();
    if (this.dirty.size > 0) await this.repair();
    if (this.dirty.size > 0) this.log.report(`closing with unsaved changes to ${this.unsaved.join(', ')}: the devices that made them keep them and send them again`);
    await this.log.close();
  }

  private changed(name: string, update: Uint8Array, origin: unknown): void {
    if (this.loading) return;
    this.track(name, this.log.append(name, update), false);
    this.onChange(name, update, origin);
  }

  /** Records the outcome of an append of `name` (a full state when `full`). */
  private track(name: string, written: Promise<void>, full: boolean): void {
    const seq = ++this.seq;
    const settled = written.then(
      () => {
        const dirty = this.dirty.get(name);
        if (full && dirty && dirty.seq < seq) this.dirty.delete(name);
        if (this.dirty.size === 0) this.stopProbe();
        else if (!full) void this.repair(); // writing works again
        this.maybeCompact();
      },
      (error: unknown) => {
        const before = this.dirty.get(name);
        this.dirty.set(name, { error: storageErrorFrom(error), seq: Math.max(seq, before?.seq ?? 0) });
        this.startProbe();
      },
    );
    this.inFlight.set(name, settled);
    void settled.then(() => {
      if (this.inFlight.get(name) === settled) this.inFlight.delete(name);
    });
  }

  /** Writes the full state of every dirty document; resolves (never rejects) when each outcome is recorded. */
  private repair(): Promise<void> {
    this.repairing ??= (async () => {
      const names = [...this.dirty.keys()];
      for (const name of names) this.track(name, this.log.append(name, Y.encodeStateAsUpdate(this.doc(name))), true);
      await Promise.all(names.map((n) => this.inFlight.get(n)));
      if (names.length > 0 && this.dirty.size === 0) this.log.report(`saved again: ${names.join(', ')}`);
    })().finally(() => {
      this.repairing = null;
    });
    return this.repairing;
  }

  private startProbe(): void {
    if (this.probe) return;
    this.probe = setInterval(() => void this.repair(), this.probeMs);
    this.probe.unref();
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  private maybeCompact(): void {
    if (!this.log.needsCompaction) return;
    this.log.compactWhenIdle(() => {
      const states = new Map<string, Uint8Array>();
      for (const [name, doc] of this.docs) states.set(name, Y.encodeStateAsUpdate(doc));
      return states;
    });
  }
}
