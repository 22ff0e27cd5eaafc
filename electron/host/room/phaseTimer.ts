/**
 * The end of a phase change's grace period, on the host.
 *
 * Owns: making a pending phase change final ("Moving to Explore in 8 s", shared/room/sessionState.ts) when its grace
 * period ends — `phase` becomes the pending one, `pending` is cleared, and the clock moves to it as of the moment
 * announced (shared/room/clock.ts `goToPhase`) — whether or not the facilitator's console is open. The host is the
 * one writer of this step: the console only announces a change and undoes it. Times are the host's (every screen
 * reads the host's clock, shared/sync/clockOffset.ts), so the host's own clock is the one to wait on.
 *
 * Re-armed by the room whenever the session document changes (announced, undone, re-announced) and once at start,
 * for a change announced before a restart (one whose moment has passed is made final at once).
 */
import type * as Y from 'yjs';
import { goToPhase, initialClock, type ClockState } from '../../../shared/room/clock';
import type { SessionState } from '../../../shared/room/sessionState';

/** setTimeout's ceiling is about 24.8 days; a far-off moment is waited for in steps. */
const MAX_WAIT_MS = 60 * 60_000;

export interface PhaseTimerOptions {
  /** The session document. */
  session: () => Y.Doc;
  /** The origin of the host's own writes. */
  origin: unknown;
  /** False once the session has ended (read-only: nothing more is written). */
  writable: () => boolean;
  now?: () => number;
}

export class PhaseTimer {
  private timer: NodeJS.Timeout | null = null;
  /** The pending change the timer waits for, so a change elsewhere in the document does not re-arm it. */
  private armedFor: string | null = null;
  private stopped = false;

  constructor(private readonly options: PhaseTimerOptions) {}

  private pending(): { phase: string; at: number } | null {
    const pending = this.options.session().getMap('state').get('pending') as SessionState['pending'] | undefined;
    if (!pending || typeof pending !== 'object' || typeof pending.phase !== 'string' || !Number.isFinite(pending.at)) return null;
    return pending;
  }

  /** Waits for the pending change in the session document now (or stops waiting when there is none). */
  arm(): void {
    if (this.stopped) return;
    const pending = this.pending();
    const key = pending ? `${pending.phase}@${pending.at}` : null;
    if (key === this.armedFor && (this.timer || !pending)) return;
    this.disarm();
    if (!pending || !this.options.writable()) return;
    this.armedFor = key;
    const wait = pending.at - this.now();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.armedFor = null;
      if (wait > MAX_WAIT_MS) this.arm();
      else this.finalise();
    }, Math.min(Math.max(0, wait), MAX_WAIT_MS));
    this.timer.unref();
  }

  /** Makes the pending change final if its moment has come (and it is still the pending one). */
  finalise(): boolean {
    const pending = this.pending();
    if (!pending || !this.options.writable()) return false;
    if (this.now() < pending.at) {
      this.arm();
      return false;
    }
    const doc = this.options.session();
    const state = doc.getMap('state');
    const clock = (state.get('clock') as ClockState | undefined) ?? initialClock();
    doc.transact(() => {
      state.set('phase', pending.phase);
      state.set('pending', null);
      state.set('clock', goToPhase(clock, pending.phase, pending.at));
    }, this.options.origin);
    return true;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = null;
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }
}
