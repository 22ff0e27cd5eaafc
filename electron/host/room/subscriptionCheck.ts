/**
 * Authority that follows changes: read access is decided at subscribe, and again whenever what it depends on
 * changes (groups, sharing, reveals — the room calls `recheck` after the authority's reading changed). A
 * subscription no longer allowed is dropped (the connection stops following the document, its presence there is
 * removed) and the client is told with an error naming the document (reason `forbidden`); a document dropped this
 * way is followed again, without the client asking, when access comes back (a team shared again, a learner moved
 * back) — the client still has it open, so it gets the host's state at once.
 */
import type { Actor, Decision } from '../../../shared/room/documents';

export interface Subscriber {
  actor: Actor | null;
  subscriptions: Set<string>;
  /** Documents this connection followed until it lost read access. */
  revoked: Set<string>;
}

/** Only these documents' read access depends on the session's groups, sharing and reveals. */
const DEPENDS_ON_CONTEXT = /^(team|poll|evaluate)\//;

export interface RecheckHooks<C extends Subscriber> {
  canRead(conn: C, doc: string): Decision;
  drop(conn: C, doc: string, message: string): void;
  restore(conn: C, doc: string): void;
}

export function recheck<C extends Subscriber>(connections: Iterable<C>, hooks: RecheckHooks<C>): void {
  for (const conn of connections) {
    if (!conn.actor || conn.actor.role === 'facilitator') continue;
    for (const doc of [...conn.subscriptions]) {
      if (!DEPENDS_ON_CONTEXT.test(doc)) continue;
      const decision = hooks.canRead(conn, doc);
      if (decision.ok) continue;
      conn.subscriptions.delete(doc);
      conn.revoked.add(doc);
      hooks.drop(conn, doc, `${decision.message} (no longer shown here live)`);
    }
    for (const doc of [...conn.revoked]) {
      if (!hooks.canRead(conn, doc).ok) continue;
      conn.revoked.delete(doc);
      hooks.restore(conn, doc);
    }
  }
}
