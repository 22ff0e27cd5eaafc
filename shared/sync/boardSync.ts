/**
 * Owns: a whiteboard scene in a Yjs document, read as untrusted content and written so that one rule decides
 * concurrent edits of an element on every replica.
 *
 * Layout: Y.Map `elements`, one entry per element *version*, under the slot key `<id>@<version>.<versionNonce>`
 * (entries written before this layout sit under their bare id and are read the same way). Collaborators exchange
 * only the elements they change. Two devices editing the same element concurrently write two different keys, so
 * both versions reach every replica and the reader picks the winner by the rule of shared/room/elementMerge.ts
 * (version, then versionNonce, then slot key) — never by Yjs's last-writer-wins between client ids, which would
 * let the lower version win whenever its author happened to have the higher client id. A writer deletes the
 * versions its new one supersedes, so an element normally has one entry.
 *
 * Reading: entries that are not elements (null, strings, arrays, missing id or type, a key that does not match
 * its value) are skipped — one bad entry written by a peer never makes a viewer throw — and writers clean them
 * up when they prune. Image files live beside the elements (shared/sync/boardFiles.ts).
 *
 * Tombstones: a deleted element stays as a tombstone so an older copy cannot bring it back, until it is pruned
 * (see `prune` for the rule). The UI (Excalidraw), the tests and the benchmark's simulated collaborators all go
 * through this class.
 */
import type * as Y from 'yjs';
import { changedElements, isBoardElement, sceneOrder, wins, type BoardElement } from '../room/elementMerge';
import { BoardFiles, type FileLike, type FileProblem } from './boardFiles';

/** Tombstones older than this (by the deleted element's `updated` time) are pruned. */
export const TOMBSTONE_AGE_MS = 60 * 60 * 1000;
/** Beyond this many tombstones, the oldest are pruned whatever their age. */
export const MAX_TOMBSTONES = 2000;
/** A writer prunes at most this often (pruning reads the whole map). */
const PRUNE_EVERY_MS = 60 * 1000;

export function slotKey(el: Pick<BoardElement, 'id' | 'version' | 'versionNonce'>): string {
  return `${el.id}@${el.version}.${el.versionNonce}`;
}

const perDoc = new WeakMap<Y.Doc, BoardSync>();

/**
 * The one BoardSync of a document for the UI: it indexes the document for as long as the document lives, so
 * components that come and go share it rather than each leaving an observer behind.
 */
export function boardSyncOf(doc: Y.Doc): BoardSync {
  let sync = perDoc.get(doc);
  if (!sync) perDoc.set(doc, (sync = new BoardSync(doc)));
  return sync;
}

export interface BoardSyncOptions {
  /** The clock used to age tombstones (tests pass their own). */
  now?: () => number;
}

export interface PushResult {
  /** Elements written. */
  pushed: number;
  /** Image files that could not be shared, with the reason (shown to the author). */
  fileProblems: FileProblem[];
}

export class BoardSync {
  private readonly map: Y.Map<unknown>;
  readonly files: BoardFiles;
  /** Element id → the keys holding its versions; key → element id (for keys being deleted). */
  private readonly slots = new Map<string, Set<string>>();
  private readonly owner = new Map<string, string>();
  /**
   * What this replica last wrote or saw (id, version, nonce only), to send only what changed. Copies, never the
   * editor's objects: Excalidraw mutates its elements in place, so a kept reference would always look current.
   * Kept for pruned ids too, so a replica does not send back a tombstone that was pruned.
   */
  private readonly known = new Map<string, BoardElement>();
  private readonly listeners = new Set<(ids: string[]) => void>();
  private readonly now: () => number;
  private lastPrune: number;

  constructor(private readonly doc: Y.Doc, options: BoardSyncOptions = {}) {
    this.now = options.now ?? Date.now;
    this.lastPrune = this.now();
    this.map = doc.getMap<unknown>('elements');
    this.files = new BoardFiles(doc);
    for (const key of this.map.keys()) this.index(key);
    for (const id of this.slots.keys()) {
      const w = this.winner(id);
      if (w) this.known.set(id, stamp(w.el));
    }
    this.map.observe((event) => {
      const ids = new Set<string>();
      for (const key of event.keysChanged) {
        const before = this.owner.get(key);
        if (before !== undefined) ids.add(before);
        const after = this.index(key);
        if (after !== undefined) ids.add(after);
      }
      if (event.transaction.local || ids.size === 0) return;
      for (const id of ids) {
        const w = this.winner(id);
        if (w) this.known.set(id, stamp(w.el));
      }
      for (const fn of this.listeners) fn([...ids]);
    });
  }

  /** Whether the document holds any version of element `id`. */
  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** The winning version of one element (a copy), or undefined. */
  element(id: string): BoardElement | undefined {
    const w = this.winner(id);
    return w ? copy(w.el) : undefined;
  }

  /**
   * Publishes the local scene's changed elements (those that win over the shared copy), and the image files the
   * scene's images use that the document lacks; returns how many elements were written and the files refused.
   */
  pushLocal(elements: readonly BoardElement[], files?: Readonly<Record<string, FileLike>>): PushResult {
    let fileProblems: FileProblem[] = [];
    const latest = new Map<string, BoardElement>();
    // One transaction: a picture's file travels with its element.
    this.doc.transact(() => {
      if (files) fileProblems = this.files.pushFor(elements, files);
      for (const el of changedElements(this.known, elements)) {
        if (!isBoardElement(el) || (el.type === 'image' && !this.files.mayShare(el.fileId))) continue;
        const w = this.winner(el.id);
        if (!wins(el, w?.el, slotKey(el), w?.key)) continue;
        const prev = latest.get(el.id);
        if (!prev || wins(el, prev)) latest.set(el.id, el);
      }
      for (const el of latest.values()) {
        const key = slotKey(el);
        for (const old of this.slots.get(el.id) ?? []) if (old !== key) this.map.delete(old);
        this.map.set(key, copy(el));
        this.known.set(el.id, stamp(el));
      }
    });
    if (this.now() - this.lastPrune >= PRUNE_EVERY_MS) this.prune();
    return { pushed: latest.size, fileProblems };
  }

  /** The merged scene (deleted elements included as tombstones, as Excalidraw expects), as fresh copies the editor may mutate. */
  elements(): BoardElement[] {
    const out: BoardElement[] = [];
    for (const id of this.slots.keys()) {
      const w = this.winner(id);
      if (w) out.push(copy(w.el));
    }
    return out.sort(sceneOrder);
  }

  /** Calls `fn` with the ids of elements changed by others. */
  onRemoteChange(fn: (ids: string[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Removes what no replica needs any more; returns how many entries were removed. Only writers call this.
   *  - entries that are not elements, or sit under a key that does not match them: never read, so never needed;
   *  - versions that lose to another version of the same element: the rule never picks them again;
   *  - tombstones deleted more than TOMBSTONE_AGE_MS ago (by the element's `updated`), and beyond MAX_TOMBSTONES
   *    the oldest. Why that is safe enough: at the Yjs level a pruned element cannot come back (deletions of map
   *    entries merge like any edit, and every copy of the element's versions is deleted with it). It can only come
   *    back if a device that still shows it (in its open editor, having missed the deletion for that long) edits it
   *    again; after an hour, in a workshop, that edit is a deliberate one, and keeping it is the lesser surprise.
   *    Tombstones without a time are pruned only by the count.
   * Image files no element refers to any more are removed with them (shared/sync/boardFiles.ts).
   */
  prune(now = this.now()): number {
    this.lastPrune = now;
    const doomed: string[] = [];
    for (const key of this.map.keys()) if (!this.owner.has(key)) doomed.push(key);
    const tombstones: { id: string; updated: number }[] = [];
    for (const [id, keys] of this.slots) {
      const w = this.winner(id);
      if (!w) continue;
      for (const key of keys) if (key !== w.key) doomed.push(key);
      if (w.el.isDeleted) tombstones.push({ id, updated: typeof w.el.updated === 'number' ? w.el.updated : Infinity });
    }
    tombstones.sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : 1));
    const goneIds = tombstones.filter((t, i) => i >= MAX_TOMBSTONES || t.updated < now - TOMBSTONE_AGE_MS).map((t) => t.id);
    for (const id of goneIds) doomed.push(...(this.slots.get(id) ?? []));
    const unique = [...new Set(doomed)];
    if (unique.length > 0) this.doc.transact(() => unique.forEach((key) => this.map.delete(key)));
    const referenced = new Set<string>();
    for (const id of this.slots.keys()) {
      const fileId = this.winner(id)?.el.fileId;
      if (typeof fileId === 'string') referenced.add(fileId);
    }
    return unique.length + this.files.prune(referenced, now - TOMBSTONE_AGE_MS);
  }

  /** Indexes one key after a change; returns the element id it now holds, if it holds a valid one. */
  private index(key: string): string | undefined {
    const before = this.owner.get(key);
    if (before !== undefined) {
      this.owner.delete(key);
      const keys = this.slots.get(before);
      keys?.delete(key);
      if (keys?.size === 0) this.slots.delete(before);
    }
    const value = this.map.get(key);
    if (!isBoardElement(value) || (key !== slotKey(value) && key !== value.id)) return undefined;
    this.owner.set(key, value.id);
    let keys = this.slots.get(value.id);
    if (!keys) this.slots.set(value.id, (keys = new Set()));
    keys.add(key);
    return value.id;
  }

  private winner(id: string): { key: string; el: BoardElement } | undefined {
    let best: { key: string; el: BoardElement } | undefined;
    for (const key of this.slots.get(id) ?? []) {
      const el = this.map.get(key) as BoardElement;
      if (!best || wins(el, best.el, key, best.key)) best = { key, el };
    }
    return best;
  }
}

function copy(el: BoardElement): BoardElement {
  return JSON.parse(JSON.stringify(el)) as BoardElement;
}

function stamp(el: BoardElement): BoardElement {
  return { id: el.id, version: el.version, versionNonce: el.versionNonce };
}
