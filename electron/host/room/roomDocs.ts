/**
 * A session's documents on the host: Yjs documents in memory, loaded from the session's log at start, every
 * change appended to the log (and the log compacted into snapshots when it grows), then handed to the room to
 * broadcast. `flushed()` resolves once everything applied so far is on disk: the room acknowledges edits and
 * commands only then.
 */
import * as Y from 'yjs';
import type { DocLog } from './docLog';

export type DocChange = (name: string, update: Uint8Array, origin: unknown) => void;

const REPLAY = Symbol('replay');

export class RoomDocs {
  readonly docs = new Map<string, Y.Doc>();
  /** True while replaying the disk: those updates are already stored. */
  private loading = false;

  constructor(
    private readonly log: DocLog,
    private readonly onChange: DocChange,
  ) {
    this.loading = true;
    for (const record of log.load()) {
      try {
        Y.applyUpdate(this.doc(record.doc), record.update, REPLAY);
      } catch {
        // A record that no longer decodes is skipped; the rest of the session loads.
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

  /** Resolves when every change so far is on disk. */
  flushed(): Promise<void> {
    return this.log.flushed();
  }

  close(): Promise<void> {
    return this.log.close();
  }

  private changed(name: string, update: Uint8Array, origin: unknown): void {
    if (this.loading) return;
    const written = this.log.append(name, update).then(() => this.maybeCompact());
    written.catch((error: unknown) => process.stderr.write(`host: could not write ${name}: ${(error as Error).message}\n`));
    this.onChange(name, update, origin);
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
