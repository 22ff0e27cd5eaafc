/**
 * Awareness (who is where: cursors, pointers, names) per document. The host keeps each document's states so a
 * newcomer sees everyone at once, checks every update decodes (and is small), and forgets a connection's states
 * when it leaves.
 */
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

export class AwarenessRelay {
  private readonly byDoc = new Map<string, awarenessProtocol.Awareness>();

  /** Applies an update from `origin`; returns the client ids it announced. Throws on malformed input. */
  apply(doc: string, payload: Uint8Array, origin: unknown): number[] {
    const decoder = decoding.createDecoder(payload);
    const count = decoding.readVarUint(decoder);
    if (count > 64) throw new Error('too many states');
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(decoding.readVarUint(decoder));
      decoding.readVarUint(decoder);
      JSON.parse(decoding.readVarString(decoder));
    }
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

  remove(doc: string, ids: number[], origin: unknown): void {
    const awareness = this.byDoc.get(doc);
    if (awareness) awarenessProtocol.removeAwarenessStates(awareness, ids, origin);
  }
}
