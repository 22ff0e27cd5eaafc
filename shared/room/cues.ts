/**
 * The cues every learner screen and the projector announce: a pending phase change (with its countdown), the
 * facilitator's message, "eyes on the front".
 *
 * Owns: when a message is still worth showing. A message carries the host's time it was sent (`at`) and may carry
 * its own end (`until`); otherwise it lasts MESSAGE_TTL_MS. All times are host time (shared/sync/clockOffset.ts), so
 * a device whose clock is wrong, or a learner who joins twenty minutes later, never sees "5 minutes left" from an
 * earlier phase. Pure: the screens pass in the host's time now.
 */
import type { SessionState } from './sessionState';

/** How long a message stays up when it names no end: long enough to be read, short enough not to mislead. */
export const MESSAGE_TTL_MS = 2 * 60_000;

export interface RoomMessage {
  text: string;
  /** Host time it was sent. */
  at: number;
  /** Host time it stops being shown (default: at + MESSAGE_TTL_MS). */
  until?: number;
  /** For learners' screens only (e.g. "Back to the room, please."): not on the projector. */
  learnersOnly?: boolean;
}

/** The host time a message stops being shown. */
export function messageExpiry(message: RoomMessage): number {
  return typeof message.until === 'number' && Number.isFinite(message.until) ? message.until : message.at + MESSAGE_TTL_MS;
}

/** The message to show at host time `now`, or null: none, expired, or not sent yet (a clock far off). */
export function liveMessage(message: RoomMessage | null | undefined, now: number, screen: 'learner' | 'projector' = 'learner'): RoomMessage | null {
  if (screen === 'projector' && message?.learnersOnly === true) return null;
  if (!message || typeof message.text !== 'string' || !message.text.trim() || !Number.isFinite(message.at)) return null;
  if (now >= messageExpiry(message)) return null;
  // A message "from the future" by more than a minute is a clock problem, not a cue.
  if (message.at - now > 60_000) return null;
  return message;
}

export interface MovingCue {
  phase: string;
  /** Whole seconds left before the room moves (at least 1 while it is pending). */
  seconds: number;
}

/** The pending phase change at host time `now`, or null once it has happened (or been undone). */
export function movingCue(state: SessionState, now: number): MovingCue | null {
  const pending = state.pending;
  if (!pending || now >= pending.at) return null;
  return { phase: pending.phase, seconds: Math.max(1, Math.ceil((pending.at - now) / 1000)) };
}

/**
 * A key that changes whenever a new cue starts (a new pending change, a new message, the screens blanking): a
 * device plays its sound or vibration once per key, never on a re-render or on a cue that was already up when it
 * loaded.
 */
export function cueKeys(state: SessionState, now: number): string[] {
  const keys: string[] = [];
  const moving = movingCue(state, now);
  if (moving && state.pending) keys.push(`moving:${state.pending.phase}:${state.pending.at}`);
  const message = liveMessage(state.broadcast, now);
  if (message) keys.push(`message:${message.at}`);
  if (state.blank) keys.push('blank');
  return keys;
}
