/**
 * Owns: a board seen as one scene made of two documents — the room's board (`room/<name>`, everyone writes) and
 * the facilitator's layer over it (`layer/<name>`, everyone reads, only the facilitator writes: see
 * shared/room/documents.ts). What the facilitator draws on the room's board lives in the layer, so no learner's
 * update can delete or move it: the host refuses their writes to the layer, and an entry in the room's document
 * that reuses a layer element's id is ignored (the layer's element is shown).
 *
 * Routing a scene's elements back to their documents: an element of the layer stays in the layer (written by the
 * facilitator only; a learner's local change to one is reported in `refused`, for the editor to put the layer's
 * version back); an element of the room's document stays there (the facilitator may tidy learners' notes); a new
 * element goes to the layer when the facilitator draws it, to the room's document otherwise. Learners see the
 * layer's elements `locked`, so the editor does not let them select or move them.
 */
import type { BoardElement } from '../room/elementMerge';
import { sceneOrder } from '../room/elementMerge';
import type { BoardFile, FileLike, FileProblem } from './boardFiles';
import type { BoardSync } from './boardSync';

/** The facilitator's layer over a room board, or null for boards without one (team boards). */
export function layerDocFor(docName: string): string | null {
  return docName.startsWith('room/') ? `layer/${docName.slice('room/'.length)}` : null;
}

export interface LayeredPush {
  pushed: number;
  /** Ids of layer elements this device changed but may not write: the editor puts the layer's version back. */
  refused: string[];
  fileProblems: FileProblem[];
}

export class LayeredBoard {
  /**
   * `base` is the board's document; `layer` the facilitator's layer (null: none). `writeLayer`: this device is the
   * facilitator's. `writeBase`: this device may write the board at all (false for read-only viewers).
   */
  constructor(
    private readonly base: BoardSync,
    private readonly layer: BoardSync | null,
    private readonly writeLayer: boolean,
    private readonly writeBase = true,
  ) {}

  /** The scene: the room's elements, then the layer's over them (a layer element wins its id). */
  elements(): BoardElement[] {
    const layer = this.layer?.elements() ?? [];
    const layerIds = new Set(layer.map((e) => e.id));
    const base = this.base.elements().filter((e) => !layerIds.has(e.id));
    if (!this.writeLayer) for (const el of layer) el.locked = true;
    return [...base, ...layer].sort(sceneOrder);
  }

  /** Whether `id` is one of the layer's elements. */
  inLayer(id: string): boolean {
    return this.layer?.has(id) ?? false;
  }

  /** The pictures of both documents. */
  files(): BoardFile[] {
    return [...this.base.files.all(), ...(this.layer?.files.all() ?? [])];
  }

  pushLocal(elements: readonly BoardElement[], files?: Readonly<Record<string, FileLike>>): LayeredPush {
    const toBase: BoardElement[] = [];
    const toLayer: BoardElement[] = [];
    const refused: string[] = [];
    for (const el of elements) {
      if (this.layer?.has(el.id)) {
        if (this.writeLayer) toLayer.push(el);
        else {
          const shared = this.layer.element(el.id);
          if (shared && (shared.version !== el.version || shared.versionNonce !== el.versionNonce)) refused.push(el.id);
        }
      } else if (this.base.has(el.id) || !this.layer || !this.writeLayer) toBase.push(el);
      else toLayer.push(el);
    }
    const out: LayeredPush = { pushed: 0, refused, fileProblems: [] };
    for (const [sync, list, may] of [
      [this.base, toBase, this.writeBase],
      [this.layer, toLayer, this.writeLayer],
    ] as const) {
      if (!sync || !may || list.length === 0) continue;
      const r = sync.pushLocal(list, files);
      out.pushed += r.pushed;
      out.fileProblems.push(...r.fileProblems);
    }
    return out;
  }

  /** Calls `fn` with the ids of elements changed by others, in either document. */
  onRemoteChange(fn: (ids: string[]) => void): () => void {
    const stops = [this.base.onRemoteChange(fn), this.layer?.onRemoteChange(fn)];
    return () => stops.forEach((stop) => stop?.());
  }

  /** Calls `fn` when either document's pictures change. */
  onFilesChange(fn: () => void): () => void {
    const stops = [this.base.files.onChange(fn), this.layer?.files.onChange(fn)];
    return () => stops.forEach((stop) => stop?.());
  }
}
