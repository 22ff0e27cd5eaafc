/**
 * What the client does with an edit the host refused. Final reasons drop it (the host will never accept it:
 * forbidden, the session ended, not a valid update, too big). Passing ones keep it to be sent again: missing
 * dependencies (the repair will fill the gap), a full disk on the host, a rate limit. But the same edit refused for
 * the same reason again and again is given up (and reported): resending will not help, and it must not block the
 * rest of the outbox forever.
 */
import type { RejectionReason } from '../protocol/protocol';

const FINAL_REASONS: readonly RejectionReason[] = ['forbidden', 'session-ended', 'malformed', 'too-big', 'unknown-doc'];
/** The same edit refused this many times in a row for the same reason is given up. */
export const MAX_IDENTICAL_REFUSALS = 5;

export type RefusalVerdict = 'keep' | 'drop' | 'give-up';

export class Refusals {
  private readonly last = new Map<string, { reason: RejectionReason; count: number }>();

  refused(doc: string, seq: number, reason: RejectionReason): RefusalVerdict {
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
  }
}
