/**
 * A whiteboard scene in a Yjs document, one map entry per element (`elements`: id → element), so collaborators
 * exchange only the elements they change — never the whole scene — and concurrent edits merge element by element
 * (shared/room/elementMerge.ts decides between two versions of the same element, identically on every replica).
 * The UI (Excalidraw) and the benchmark's simulated collaborators both go through this.
 */
import type * as Y from 'yjs';
import { changedElements, wins, type BoardElement } from '../room/elementMerge';

export class BoardSync {
  private readonly map: Y.Map<BoardElement>;
  /**
   * What this replica last wrote or saw (id, version, nonce only), to send only what changed. Copies, never the
   * editor's objects: Excalidraw mutates its elements in place, so a kept reference would always look current.
   */
  private readonly known = new Map<string, BoardElement>();

  constructor(private readonly doc: Y.Doc) {
    this.map = doc.getMap<BoardElement>('elements');
    for (const [id, el] of this.map) this.known.set(id, stamp(el));
  }

  /** Publishes the local scene's changed elements (those that win over the shared copy); returns how many. */
  pushLocal(elements: readonly BoardElement[]): number {
    const changed = changedElements(this.known, elements).filter((el) => wins(el, this.map.get(el.id)));
    if (changed.length === 0) return 0;
    this.doc.transact(() => {
      for (const el of changed) {
        this.map.set(el.id, copy(el));
        this.known.set(el.id, stamp(el));
      }
    });
    return changed.length;
  }

  /** The merged scene (deleted elements included as tombstones, as Excalidraw expects), as fresh copies the editor may mutate. */
  elements(): BoardElement[] {
    return [...this.map.values()].map(copy).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Calls `fn` with the ids of elements changed by others. */
  onRemoteChange(fn: (ids: string[]) => void): () => void {
    const observer = (event: Y.YMapEvent<BoardElement>) => {
      if (event.transaction.local) return;
      const ids = [...event.keysChanged];
      for (const id of ids) {
        const el = this.map.get(id);
        if (el) this.known.set(id, stamp(el));
      }
      fn(ids);
    };
    this.map.observe(observer);
    return () => this.map.unobserve(observer);
  }
}

function copy(el: BoardElement): BoardElement {
  return JSON.parse(JSON.stringify(el)) as BoardElement;
}

function stamp(el: BoardElement): BoardElement {
  return { id: el.id, version: el.version, versionNonce: el.versionNonce };
}
