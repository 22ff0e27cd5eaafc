/**
 * The shape of the session document (written by the facilitator, read by everyone), and what every screen
 * derives from it. Y.Map 'meta': title, code (set by the host). Y.Map 'state':
 *   phase      the phase the room is in
 *   pending    { phase, at }: moving to another phase after a grace period, so nobody is cut off mid-sentence
 *              (host time; the host makes it final at `at`: electron/host/room/phaseTimer.ts)
 *   clock      the phase clock (shared/room/clock.ts)
 *   pushed     what every learner screen shows: a slide, any kit item, a poll, the Q&A
 *   blank      "eyes on the front": learner screens and the projector go blank until released
 *   showClock, showJoin   what the projector shows besides the pushed item
 * Y.Map 'polls': pollId → { def, status, revealed, anonymous } (see electron/host/room/liveCommands.ts).
 */
import type { ClockState } from './clock';
import type { PollDefinition } from './pollTally';
import type { RoomMessage } from './cues';

export const GRACE_MS = 8000;

export type Pushed =
  | { kind: 'slide'; deck: string; slide: string }
  | { kind: 'item'; id: string }
  | { kind: 'poll'; pollId: string }
  | { kind: 'qa' }
  | { kind: 'team'; teamId: string }
  /** The room's brainstorm board (Engage): open on every learner's screen, live on the projector. */
  | { kind: 'brainstorm' };

export interface SessionState {
  phase?: string;
  pending?: { phase: string; at: number } | null;
  clock?: ClockState;
  pushed?: Pushed | null;
  blank?: boolean;
  showClock?: boolean;
  showJoin?: boolean;
  /** The Elaborate case every team works on (a team's own `caseId` in `groups` overrides it). */
  elaborateCase?: string | null;
  /** A message to every screen (e.g. "10 minutes left"), shown until the next one or until it expires (./cues.ts). */
  broadcast?: RoomMessage | null;
  /** "Bring everyone back": learners browsing the kit return to the room when this changes. */
  recallAt?: number | null;
  /** The MLOps lab's clock, scenario and injected incidents: untrusted, read it with parseRoomLab (./roomLab.ts). */
  lab?: unknown;
}

export interface SessionPollState {
  def: PollDefinition;
  status: 'open' | 'closed';
  revealed: boolean;
  anonymous: boolean;
  openedAt?: number;
}

/** The phase screens should show now: the pending one once its grace period is over. */
export function effectivePhase(state: SessionState | null | undefined, now: number): string | undefined {
  if (!state) return undefined;
  if (state.pending && now >= state.pending.at) return state.pending.phase;
  return state.phase;
}

/** The phase that follows (or precedes) `current` in the lesson's order. */
export function neighbourPhase(order: readonly string[], current: string | undefined, step: 1 | -1): string | undefined {
  const i = current ? order.indexOf(current) : -1;
  if (i === -1) return step === 1 ? order[0] : undefined;
  return order[i + step];
}
