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
 *
 * Bounded loading: at open, a document's stored updates are kept as bytes and loaded on first use, merged into one
 * update first (Y.mergeUpdates, linear) — applied one by one in log order, updates crafted to make Yjs integrate
 * concurrent inserts in quadratic time cost that time again at every restart; merged, Yjs integrates them in the
 * order where each insert stops at once. A load slower than a second is reported. Idle documents (no use, no
 * pending write for `idleUnloadMs`, and the room's `canUnload` agrees: no followers, no update being checked) are
 * unloaded: only their encoded state is kept (what a compaction writes to the log's snapshot), and they are loaded
 * from it on next use.
 */
import * as Y from 'yjs';
import type { DocLog } from './docLog';
import { loadStored } from './storedLoad';
import { type StorageError, storageErrorFrom } from './storageError';

export type DocChange = (name: string, update: Uint8Array, origin: unknown) => void;

export interface RoomDocsOptions {
  /** Every how long the disk is tried again while a document is dirty. */
  probeMs?: number;
  /** Unused this long, a document may be unloaded (0: never). */
  idleUnloadMs?: number;
  /** Whether the room agrees to unload `name` now (nobody follows it, nothing to it is being checked). */
  canUnload?: (name: string) => boolean;
  /** `name` was unloaded. */
  unloaded?: (name: string) => void;
  /**
   * Tries loading a document's stored updates elsewhere first (a worker, within a time budget): false when that
   * took too long, and the document is then set aside instead of loaded. Asked for documents stored in more than
   * VET_ABOVE_BYTES only (smaller ones cannot cost much).
   */
  vet?: (updates: Uint8Array[]) => boolean;
}

/** Documents the host itself reads all the time: never unloaded. */
const PINNED = new Set(['session', 'roster']);
const SLOW_LOAD_MS = 1000;
const VET_ABOVE_BYTES = 8 * 1024;

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

const REPLAY = Symbol('replay');

interface Dirty {
  error: StorageError;
  /** The latest failed record: only a full state written after it makes the document clean. */
  seq: number;
}

export class RoomDocs {
  readonly docs = new Map<string, Y.Doc>();
  /** Documents not in memory: their updates as stored (loaded on first use). */
  private readonly stored = new Map<string, Uint8Array[]>();
  private readonly lastUsed = new Map<string, number>();
  /** Documents set aside because loading them costs too much: an empty stand-in, never saved (their bytes stay stored). */
  private readonly setAside = new Map<string, Y.Doc>();
  private readonly vet: ((updates: Uint8Array[]) => boolean) | undefined;
  /** Stored documents whose load was tried and fast enough (until they are unloaded again). */
  private readonly vetOk = new Set<string>();
  private seq = 0;
  private readonly dirty = new Map<string, Dirty>();
  /** Per document, its latest append, settled (never rejecting) once its outcome is recorded. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private repairing: Promise<void> | null = null;
  private probe: NodeJS.Timeout | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private readonly probeMs: number;
  private readonly idleUnloadMs: number;

  constructor(
    private readonly log: DocLog,
    private readonly onChange: DocChange,
    options: number | RoomDocsOptions = {},
  ) {
    const opts = typeof options === 'number' ? { probeMs: options } : options;
    this.probeMs = opts.probeMs ?? 5000;
    this.idleUnloadMs = opts.idleUnloadMs ?? envNumber('WK_IDLE_UNLOAD_MS', 10 * 60_000);
    this.vet = opts.vet;
    const { records, damaged } = log.load();
    for (const d of damaged) log.report(`${d.file} is damaged at byte ${d.offset} (${d.reason}): what came after it was not loaded; a copy of the whole file is kept as ${d.copy}`);
    for (const record of records) {
      const list = this.stored.get(record.doc);
      if (list) list.push(record.update);
      else this.stored.set(record.doc, [record.update]);
    }
    // Large documents are tried in a worker now, while the session opens, rather than when first needed.
    for (const [name, updates] of this.stored) if (this.needsVet(name, updates)) this.vetted(name, updates);
    if (this.idleUnloadMs > 0) {
      this.sweep = setInterval(() => this.unloadIdle(opts.canUnload ?? (() => true), opts.unloaded), Math.max(10, Math.min(60_000, this.idleUnloadMs / 2)));
      this.sweep.unref();
    }
  }

  /** The document (loaded from disk, or created empty, on first use), persisted and reported on every change. */
  doc(name: string): Y.Doc {
    this.lastUsed.set(name, Date.now());
    let doc = this.docs.get(name) ?? this.setAside.get(name);
    if (!doc) {
      const stored = this.stored.get(name);
      if (stored && this.needsVet(name, stored) && !this.vetted(name, stored)) return this.setAside.get(name)!;
      doc = new Y.Doc({ gc: true });
      const created = doc;
      this.docs.set(name, created);
      this.stored.delete(name);
      if (stored) this.load(name, created, stored);
      created.on('update', (update: Uint8Array, origin: unknown) => this.changed(name, update, origin));
    }
    return doc;
  }

  private needsVet(name: string, updates: Uint8Array[]): boolean {
    return this.vet !== undefined && !this.vetOk.has(name) && updates.reduce((sum, u) => sum + u.length, 0) > VET_ABOVE_BYTES;
  }

  /** Tries loading `name` elsewhere first; sets it aside if that took too long. Returns whether it may be loaded. */
  private vetted(name: string, updates: Uint8Array[]): boolean {
    if (this.vet!(updates)) {
      this.vetOk.add(name);
      return true;
    }
    this.log.report(`${name} takes too long to load (crafted or damaged), so it is set aside: kept on disk as it is, not loaded, and changes to it are refused`);
    this.setAside.set(name, new Y.Doc());
    return false;
  }

  /** Whether `name` was set aside (loading it costs too much): it must not be changed. */
  isSetAside(name: string): boolean {
    return this.setAside.has(name);
  }

  /** Whether `name` is in memory now. */
  loaded(name: string): boolean {
    return this.docs.has(name);
  }

  /** Applies a document's stored updates (storedLoad.ts); a slow load is reported. */
  private load(name: string, doc: Y.Doc, updates: Uint8Array[]): void {
    const started = performance.now();
    loadStored(doc, updates, REPLAY, (error) => this.log.report(`a stored update of ${name} does not decode (${error.message}); it is skipped, the rest of the session loads`));
    const ms = performance.now() - started;
    if (ms > SLOW_LOAD_MS) this.log.report(`loading ${name} took ${Math.round(ms)} ms (${updates.length} stored updates)`);
  }

  /** Unloads every document unused for `idleUnloadMs` with nothing in flight, keeping its encoded state. */
  unloadIdle(canUnload: (name: string) => boolean = () => true, unloaded?: (name: string) => void): string[] {
    const idleSince = Date.now() - this.idleUnloadMs;
    const names: string[] = [];
    for (const [name, doc] of this.docs) {
      if (PINNED.has(name) || (this.lastUsed.get(name) ?? 0) > idleSince) continue;
      if (this.inFlight.has(name) || this.dirty.has(name) || !canUnload(name)) continue;
      this.stored.set(name, [Y.encodeStateAsUpdate(doc)]);
      this.vetOk.delete(name); // loading a state can cost more than building it did: tried again when reloaded
      this.docs.delete(name);
      this.lastUsed.delete(name);
      doc.destroy();
      names.push(name);
      unloaded?.(name);
    }
    return names;
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
    if (name !== undefined) this.lastUsed.set(name, Date.now());
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
    if (this.sweep) clearInterval(this.sweep);
    if (this.dirty.size > 0) await this.repair();
    if (this.dirty.size > 0) this.log.report(`closing with unsaved changes to ${this.unsaved.join(', ')}: the devices that made them keep them and send them again`);
    await this.log.close();
  }

  private changed(name: string, update: Uint8Array, origin: unknown): void {
    this.lastUsed.set(name, Date.now());
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
      for (const [name, updates] of [...this.stored]) {
        let merged: Uint8Array;
        try {
          merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
          this.stored.set(name, [merged]);
        } catch {
          merged = Y.encodeStateAsUpdate(this.doc(name)); // loads it one update at a time, skipping what does not decode
        }
        states.set(name, merged);
      }
      return states;
    });
  }
}
