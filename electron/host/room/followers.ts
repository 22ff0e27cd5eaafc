/**
 * Who follows each document of a room, and their presence on it. A change goes to a document's followers only
 * (not past every connection in the room); presence (awarenessRelay.ts) is applied, relayed to the other
 * followers, removed for everyone when a follower leaves or drops, and freed with the last follower. Each
 * connection's presence updates are rate-limited (budgets.ts: presencePerSecond); one over the budget is dropped —
 * presence is a latest-state-wins signal, the next update carries the whole state — and the sender is told once.
 */
import { DocFrameKind, encodeDocFrame } from '../../../shared/protocol/protocol';
import { AwarenessRelay } from './awarenessRelay';
import { TokenBucket, type BudgetRefusal, type Budgets } from './budgets';
import type { RoomSocket } from './room';

export interface Follower {
  socket: RoomSocket;
  /** Presence ids this connection announced, per document. */
  awarenessIds: Map<string, Set<number>>;
}

export class DocFollowers<C extends Follower> {
  private readonly byDoc = new Map<string, Set<C>>();
  private readonly awareness = new AwarenessRelay();
  /** Per connection: its presence budget, and whether it was told it is over it. */
  private readonly rates = new WeakMap<C, { bucket: TokenBucket; told: boolean }>();

  constructor(private readonly budgets: Pick<Budgets, 'presencePerSecond' | 'presenceBurst'>) {}

  /** The document's followers (none: an empty list). */
  of(docName: string): Iterable<C> {
    return this.byDoc.get(docName) ?? [];
  }

  /** `conn` follows the document from now on; returns everyone's current presence for it (null if none). */
  follow(conn: C, docName: string): Uint8Array | null {
    let followers = this.byDoc.get(docName);
    if (!followers) this.byDoc.set(docName, (followers = new Set()));
    followers.add(conn);
    return this.awareness.snapshot(docName);
  }

  /**
   * Applies and relays a presence update; throws (nothing relayed) on malformed or foreign input. Returns a refusal
   * to send (once per run of dropped updates) when the connection is over its presence budget, else null.
   */
  presence(conn: C, docName: string, payload: Uint8Array): BudgetRefusal | null {
    let rate = this.rates.get(conn);
    if (!rate) this.rates.set(conn, (rate = { bucket: new TokenBucket(this.budgets.presencePerSecond, this.budgets.presenceBurst), told: false }));
    if (!rate.bucket.take()) {
      if (rate.told) return null;
      rate.told = true;
      return { ok: false, reason: 'rate-limited', message: `presence updates come faster than ${this.budgets.presencePerSecond} a second: some were dropped (the latest one counts)` };
    }
    rate.told = false;
    const ids = conn.awarenessIds.get(docName) ?? new Set<number>();
    for (const id of this.awareness.apply(docName, payload, conn, ids)) ids.add(id);
    conn.awarenessIds.set(docName, ids);
    this.relay(conn, docName, payload);
    return null;
  }

  /** `conn` stops following: its presence goes (everyone still there is told); the last one out frees it all. */
  leave(conn: C, docName: string): void {
    const followers = this.byDoc.get(docName);
    followers?.delete(conn);
    if (followers?.size === 0) this.byDoc.delete(docName);
    const ids = conn.awarenessIds.get(docName);
    conn.awarenessIds.delete(docName);
    const removal = ids ? this.awareness.remove(docName, [...ids], conn) : null;
    if (removal) this.relay(conn, docName, removal);
    if (!this.byDoc.has(docName)) this.awareness.release(docName);
  }

  private relay(from: C, docName: string, payload: Uint8Array): void {
    const frame = encodeDocFrame(DocFrameKind.AWARENESS, docName, payload);
    for (const other of this.of(docName)) if (other !== from) other.socket.send(frame);
  }
}
