/**
 * What the client does with an edit the host refused. Final reasons drop it (the host will never accept it:
 * forbidden, the session ended, not a valid update, too big or too costly to apply). Passing ones keep it to be sent again: missing
 * dependencies (the repair will fill the gap), a full disk on the host, a rate limit. But the same edit refused for
 * the same reason again and again is given up (and reported): resending will not help, and it must not block the
 * rest of the outbox forever. While a document has edits kept this way, it is synced again a little later (the
 * `resync` callback subscribes again: the host sends its state vector, the device answers with everything the host
 * still lacks), backing off from 1 s to 30 s while the refusals go on.
 * Frames the host dropped without saying which (its rate limit: a notice with no document, once in a while) are
 * handled the same way: every document with edits waiting (or a sync not answered) is synced again a little later,
 * and again, backing off, while it still has (`framesDropped`) — else those edits would wait for the next reconnect.
 */
import type { RejectionReason } from '../protocol/protocol';

/**
 * `document-full` and `too-many-documents` are budgets of the host (budgets.ts): resending the same edit will not fit
 * it in, so it stays on this device only and the user is told (the status line shows the host's message).
 */
const FINAL_REASONS: readonly RejectionReason[] = ['forbidden', 'session-ended', 'malformed', 'too-big', 'unknown-doc', 'document-full', 'too-many-documents', 'too-costly'];
/** The same edit refused this many times in a row for the same reason is given up. */
export const MAX_IDENTICAL_REFUSALS = 5;

export type RefusalVerdict = 'keep' | 'drop' | 'give-up';

/** Timers exist in every runtime this runs in (browser, Node) but not in shared/'s type environment. */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };

export class Refusals {
  private readonly last = new Map<string, { reason: RejectionReason; count: number }>();
  private readonly resyncs = new Map<string, { timer: unknown; delay: number }>();
  private closed = false;

  constructor(private readonly resync: (doc: string) => void) {}

  refused(doc: string, seq: number, reason: RejectionReason): RefusalVerdict {
    const verdict = this.judge(doc, seq, reason);
    if (verdict === 'keep') this.resyncSoon(doc);
    return verdict;
  }

  private judge(doc: string, seq: number, reason: RejectionReason): RefusalVerdict {
    const key = `${doc}#${seq}`;
    if (FINAL_REASONS.includes(reason)) {
      this.last.delete(key);
      return 'drop';
    }
    const previous = this.last.get(key);
    const count = previous?.reason === reason ? previous.count + 1 : 1;
    if (count >= MAX_IDENTICAL_REFUSALS) {
      this.last.delete(key);
      return 'give-up';
    }
    this.last.set(key, { reason, count });
    return 'keep';
  }

  acknowledged(doc: string, seq: number): void {
    this.last.delete(`${doc}#${seq}`);
    const resync = this.resyncs.get(doc);
    if (resync) resync.delay = 500;
  }

  /** The host dropped some frames of this connection: `waiting(doc)` says whether `doc` still needs a sync. */
  framesDropped(docs: Iterable<string>, waiting: (doc: string) => boolean): void {
    for (const doc of docs) if (waiting(doc)) this.resyncSoon(doc, () => waiting(doc));
  }

  private resyncSoon(doc: string, again?: () => boolean): void {
    const entry = this.resyncs.get(doc) ?? { timer: null, delay: 500 };
    this.resyncs.set(doc, entry);
    if (entry.timer) return;
    entry.delay = Math.min(30_000, entry.delay * 2);
    entry.timer = timers.setTimeout(() => {
      entry.timer = null;
      if (this.closed) return;
      this.resync(doc);
      if (again?.()) this.resyncSoon(doc, again);
    }, entry.delay);
  }

  close(): void {
    this.closed = true;
    for (const { timer } of this.resyncs.values()) if (timer) timers.clearTimeout(timer);
  }
}
