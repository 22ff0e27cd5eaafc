/**
 * The write path of a room: every change a connection sends to a document, in order — may it write there, is the
 * session still open (after the end, only the facilitator's reflection: endedSession.ts), is the document loaded (not set aside), the linear pre-pass (updateCheck.ts), the document's
 * size budget (budgets.ts), for learners the trial in the worker (updateTrials.ts, which bounds the work one update
 * may cost the room's event loop), then applied with the connection as origin (so it is relayed to everyone else),
 * and acknowledged once it is on disk (roomDocs.ts). Every refusal names the document, the edit's seq and a reason.
 */
import * as Y from 'yjs';
import type { RejectionReason } from '../../../shared/protocol/protocol';
import type { DocBudget } from './budgets';
import { ENDED_EDIT_MESSAGE } from './endedSession';
import type { RoomDocs } from './roomDocs';
import { unsavedRejection } from './storageError';
import { checkUpdate, takeBackPending } from './updateCheck';
import type { UpdateTrials } from './updateTrials';

export interface Where {
  doc: string;
  seq?: number;
}

export interface WriteHooks<C extends object> {
  /** Whether `conn` may write `doc` now (when not, it has been told why). */
  mayWrite(conn: C, doc: string, seq?: number): boolean;
  isLearner(conn: C): boolean;
  /** Whether the session has ended for this write (endedSession.ts: all but the facilitator's reflection). */
  endedFor(conn: C, doc: string): boolean;
  store: RoomDocs;
  /** Null: updates are applied directly (in-process tests, or no worker could start). */
  trials: UpdateTrials | null;
  docBudget: DocBudget;
  reject(conn: C, reason: RejectionReason, message: string, where: Where): void;
  /** Sends the acknowledgement, if `conn` is still connected. */
  ack(conn: C, doc: string, seq: number): void;
}

export class RoomWrites<C extends object> {
  constructor(private readonly hooks: WriteHooks<C>) {}

  /** A learner's update is applied once its trial passed, after that connection's earlier ones. */
  write(conn: C, docName: string, update: Uint8Array, seq?: number): void {
    const trials = this.hooks.trials;
    if (!trials || !this.hooks.isLearner(conn)) {
      this.apply(conn, docName, update, seq);
      return;
    }
    if (!this.hooks.mayWrite(conn, docName, seq)) return;
    void trials.try(conn, docName, update, () => this.hooks.store.doc(docName)).then((verdict) => {
      if (!verdict.ok) return this.hooks.reject(conn, verdict.reason, verdict.message, where(docName, seq));
      // Refused here after passing there: the worker's copy may have it, the room's does not — it is copied afresh.
      if (!trials.applyTried(docName, () => this.apply(conn, docName, update, seq))) trials.forget(docName);
    });
  }

  /** Applies an update (acknowledged once on disk); false when it was refused instead. */
  private apply(conn: C, docName: string, update: Uint8Array, seq?: number): boolean {
    const { hooks } = this;
    if (!hooks.mayWrite(conn, docName, seq)) return false;
    const refused = (reason: RejectionReason, message: string) => {
      hooks.reject(conn, reason, message, where(docName, seq));
      return false;
    };
    if (hooks.endedFor(conn, docName)) return refused('session-ended', ENDED_EDIT_MESSAGE);
    const doc = hooks.store.doc(docName);
    if (hooks.store.isSetAside(docName)) return refused('too-costly', 'this document takes the host too long to load, so it is set aside (kept, not loaded) and cannot be changed: tell the facilitator');
    const before = checkUpdate(doc, update);
    if (!before.ok) return refused(before.reason, before.message);
    const size = hooks.docBudget.mayGrow(docName, doc, update, (d) => Y.encodeStateAsUpdate(d));
    if (!size.ok) return refused(size.reason, size.message);
    try {
      Y.applyUpdate(doc, update, conn);
    } catch (error) {
      takeBackPending(doc);
      return refused('malformed', `not a valid document update (${(error as Error).message})`);
    }
    const after = takeBackPending(doc);
    if (!after.ok) return refused(after.reason, after.message);
    if (seq === undefined) return true;
    // Acknowledge once this update (or the identical one already applied) is on disk.
    hooks.store
      .flushed(docName)
      .then(() => hooks.ack(conn, docName, seq))
      .catch((error: unknown) => hooks.reject(conn, ...unsavedRejection(error, 'edit'), { doc: docName, seq }));
    return true;
  }
}

function where(doc: string, seq: number | undefined): Where {
  return seq === undefined ? { doc } : { doc, seq };
}
