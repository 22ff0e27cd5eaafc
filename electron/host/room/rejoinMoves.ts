/**
 * Moving an identity with a rejoin code, with the original device's consent. A photographed code must not let
 * someone read a learner's private journal and silently take their place: while the learner's device is connected,
 * it is asked (`move-request`) and the move happens only when it says yes (`confirm-move`); when it is gone (closed,
 * or dropped by the keep-alive), the move goes ahead. One move waits per learner at a time, for two minutes at
 * most: unanswered, it is refused (so nobody can hold a learner's move hostage by waiting).
 */
import { randomBytes } from 'node:crypto';

export interface MoveHooks<C> {
  /** The learner's connected devices (other than `except`). */
  devicesOf(learnerId: string, except: C): C[];
  ask(device: C, requestId: string): void;
  /** The move goes ahead: `conn` becomes the learner (the room moves the identity and tells the old devices). */
  complete(conn: C, learnerId: string): void;
  /** The learner's device said no (or did not answer in time). */
  decline(conn: C, unanswered: boolean): void;
}

/** How long a move waits for the device in use to answer. */
export const MOVE_ANSWER_MS = 120_000;

interface Pending<C> {
  requestId: string;
  conn: C;
  timer: ReturnType<typeof setTimeout>;
}

export class RejoinMoves<C> {
  private readonly byLearner = new Map<string, Pending<C>>();

  constructor(private readonly hooks: MoveHooks<C>) {}

  /** A valid rejoin code arrived on `conn`: move now (nobody to ask), ask, or refuse (a move already waits). */
  start(conn: C, learnerId: string): 'moved' | 'asked' | 'busy' {
    if (this.byLearner.has(learnerId)) return 'busy';
    const devices = this.hooks.devicesOf(learnerId, conn);
    if (devices.length === 0) {
      this.hooks.complete(conn, learnerId);
      return 'moved';
    }
    const requestId = randomBytes(12).toString('base64url');
    const timer = setTimeout(() => {
      if (this.byLearner.get(learnerId)?.requestId !== requestId) return;
      this.byLearner.delete(learnerId);
      this.hooks.decline(conn, true);
    }, MOVE_ANSWER_MS);
    timer.unref?.();
    this.byLearner.set(learnerId, { requestId, conn, timer });
    for (const device of devices) this.hooks.ask(device, requestId);
    return 'asked';
  }

  /** The learner's device answered; false when no such request waits (stale, or not theirs). */
  answer(learnerId: string, requestId: string, allow: boolean): boolean {
    const pending = this.byLearner.get(learnerId);
    if (pending?.requestId !== requestId) return false;
    this.forget(learnerId, pending);
    if (allow) this.hooks.complete(pending.conn, learnerId);
    else this.hooks.decline(pending.conn, false);
    return true;
  }

  /** A connection closed: a waiting newcomer is forgotten; the last device of a learner gone lets the move happen. */
  gone(conn: C, learnerId: string | null): void {
    for (const [id, pending] of this.byLearner) {
      if (pending.conn === conn) this.forget(id, pending);
    }
    if (learnerId === null) return;
    const pending = this.byLearner.get(learnerId);
    if (pending && this.hooks.devicesOf(learnerId, pending.conn).length === 0) {
      this.forget(learnerId, pending);
      this.hooks.complete(pending.conn, learnerId);
    }
  }

  private forget(learnerId: string, pending: Pending<C>): void {
    clearTimeout(pending.timer);
    this.byLearner.delete(learnerId);
  }
}
