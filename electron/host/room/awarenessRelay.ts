/**
 * Awareness (who is where: cursors, pointers, names) per document. The host keeps each document's states so a
 * newcomer sees everyone at once, checks every update decodes (and is small and shallow), binds each presence id to
 * the connection that first announced it (nobody can overwrite or remove someone else's presence, the
 * facilitator's included), tells everyone when a connection leaves, and frees a document's Awareness (and its timer)
 * with its last subscriber.
 */
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { jsonNestsDeeperThan } from '../../../shared/protocol/jsonLimits';

/** The largest awareness update a client may send, and the deepest nesting of a state. */
export const MAX_AWARENESS_BYTES = 8 * 1024;
const MAX_DEPTH = 16;
/**
 * Presence ids one connection may hold on a document (a tab has one; a few allow for a reload racing its old state).
 * Without it one connection could announce new ids without end, each kept and relayed to every follower.
 */
export const MAX_PRESENCE_IDS = 4;

export class AwarenessRelay {
  private readonly byDoc = new Map<string, awarenessProtocol.Awareness>();
  /** Which connection owns each presence id, per document. */
  private readonly owners = new Map<string, Map<number, unknown>>();

  /**
   * Applies an update from `origin`, which already holds the presence ids `held` on this document; returns the ids it
   * announced. Throws on malformed or foreign input, or ids past MAX_PRESENCE_IDS.
   */
  apply(doc: string, payload: Uint8Array, origin: unknown, held: ReadonlySet<number> = new Set()): number[] {
    if (payload.length > MAX_AWARENESS_BYTES) throw new Error(`presence of ${payload.length} bytes (at most ${MAX_AWARENESS_BYTES})`);
    const decoder = decoding.createDecoder(payload);
    const count = decoding.readVarUint(decoder);
    if (count > 4) throw new Error('too many states');
    const ids: number[] = [];
    const owners = this.owners.get(doc) ?? new Map<number, unknown>();
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      const owner = owners.get(id);
      if (owner !== undefined && owner !== origin) throw new Error(`presence ${id} belongs to another connection`);
      ids.push(id);
      decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      // Depth before parsing (a linear scan): a deeply nested state costs a parse here and breaks every reader's
      // presence later (JSON.stringify/parse overflow the stack in the relay and the clients).
      if (jsonNestsDeeperThan(state, MAX_DEPTH)) throw new Error(`presence nested deeper than ${MAX_DEPTH} levels`);
      JSON.parse(state);
    }
    const fresh = new Set(ids.filter((id) => !held.has(id)));
    if (held.size + fresh.size > MAX_PRESENCE_IDS) throw new Error(`more than ${MAX_PRESENCE_IDS} presence ids from one connection`);
    for (const id of ids) owners.set(id, origin);
    this.owners.set(doc, owners);
    let awareness = this.byDoc.get(doc);
    if (!awareness) {
      awareness = new awarenessProtocol.Awareness(new Y.Doc());
      awareness.setLocalState(null);
      this.byDoc.set(doc, awareness);
    }
    awarenessProtocol.applyAwarenessUpdate(awareness, payload, origin);
    return ids;
  }

  /** Everyone's current state on a document, for a newcomer; null when there is none. */
  snapshot(doc: string): Uint8Array | null {
    const awareness = this.byDoc.get(doc);
    if (!awareness || awareness.getStates().size === 0) return null;
    return awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]);
  }

  /** Removes a leaving connection's states; returns the update that tells the others (null if nothing changed). */
  remove(doc: string, ids: number[], origin: unknown): Uint8Array | null {
    const awareness = this.byDoc.get(doc);
    const owners = this.owners.get(doc);
    if (owners) for (const id of ids) if (owners.get(id) === origin) owners.delete(id);
    if (!awareness) return null;
    const present = ids.filter((id) => awareness.getStates().has(id));
    if (present.length === 0) return null;
    awarenessProtocol.removeAwarenessStates(awareness, present, origin);
    return awarenessProtocol.encodeAwarenessUpdate(awareness, present);
  }

  /** The document has no subscriber left: forget its presence and stop its timer. */
  release(doc: string): void {
    this.byDoc.get(doc)?.destroy();
    this.byDoc.delete(doc);
    this.owners.delete(doc);
  }
}
