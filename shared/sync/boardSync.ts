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
  /** What this replica last wrote or saw, to send only what changed. */
  private readonly known = new Map<string, BoardElement>();

  constructor(private readonly doc: Y.Doc) {
    this.map = doc.getMap<BoardElement>('elements');
    for (const [id, el] of this.map) this.known.set(id, el);
  }

  /** Publishes the local scene's changed elements (those that win over the shared copy); returns how many. */
  pushLocal(elements: readonly BoardElement[]): number {
    const changed = changedElements(this.known, elements).filter((el) => wins(el, this.map.get(el.id)));
    if (changed.length === 0) return 0;
    this.doc.transact(() => {
      for (const el of changed) {
        this.map.set(el.id, el);
        this.known.set(el.id, el);
      }
    });
    return changed.length;
  }

  /** The merged scene (deleted elements included as tombstones, as Excalidraw expects). */
  elements(): BoardElement[] {
    return [...this.map.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Calls `fn` with the ids of elements changed by others. */
  onRemoteChange(fn: (ids: string[]) => void): () => void {
    const observer = (event: Y.YMapEvent<BoardElement>) => {
      if (event.transaction.local) return;
      const ids = [...event.keysChanged];
      for (const id of ids) {
        const el = this.map.get(id);
        if (el) this.known.set(id, el);
      }
      fn(ids);
    };
    this.map.observe(observer);
    return () => this.map.unobserve(observer);
  }
}
