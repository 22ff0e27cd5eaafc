/**
 * Parallel pitch circles on the host (Evaluate's large-room format): groups of teams pitch to each other at the same
 * time, and each team scores only the other teams of its circle. evaluateCommands.ts hands it the circle commands
 * and, while circles are on, `evaluate-next` / `evaluate-start`; its score check asks circleRefusal().
 *
 * Owns, in the `evaluate` document's map `state` (one writer, the host; everyone reads):
 *   circles  { teamsPerCircle, circles: team ids per circle, in queue order } — absent or null: one queue
 *   round    { index (0-based), startedAt (host clock, ms), seconds } — the running round, null between rounds
 * Rules: circles are formed from the queue (shared/room/circles.ts) and re-formed whenever the queue changes; a
 * round starts the i-th team of every circle at once (each marked started, so it can be scored); a learner scores
 * only the teams assigned to their team (forbidden otherwise, with the teams they do score); the facilitator scores
 * any team.
 */
import type * as Y from 'yjs';
import {
  assignedTeams,
  formCircles,
  listNames,
  presentersInRound,
  roundCount,
  roundOfTeam,
  type Circles,
} from '../../../shared/room/circles';
import type { EvaluateContext, EvaluateResult, EvaluateState, TeamState } from './evaluateCommands';

export interface CirclesState {
  teamsPerCircle: number;
  circles: Circles;
}

export interface Round {
  index: number;
  /** The host's clock (ms since the epoch) when the round started. */
  startedAt: number;
  seconds: number;
}

export type CirclesCommand =
  | { cmd: 'evaluate-circles'; teamsPerCircle: number | null }
  | { cmd: 'evaluate-round'; round: number | null; seconds?: number | undefined }
  | { cmd: 'evaluate-next'; seconds?: number | undefined }
  | { cmd: 'evaluate-start'; teamId: string; seconds?: number | undefined };

const ok: EvaluateResult = { ok: true };

export function readCircles(doc: Y.Doc): CirclesState | null {
  const value = doc.getMap<unknown>('state').get('circles') as CirclesState | null | undefined;
  return value && Array.isArray(value.circles) ? value : null;
}

export function readRound(doc: Y.Doc): Round | null {
  return (doc.getMap<unknown>('state').get('round') as Round | null | undefined) ?? null;
}

/** Re-forms the circles from a changed queue (evaluate-queue, evaluate-shuffle), when circles are on. */
export function reformCircles(doc: Y.Doc, queue: string[]): void {
  const circles = readCircles(doc);
  if (circles)
    doc
      .getMap<unknown>('state')
      .set('circles', { teamsPerCircle: circles.teamsPerCircle, circles: formCircles(queue, circles.teamsPerCircle) });
}

export function applyCirclesCommand(
  ctx: EvaluateContext,
  state: EvaluateState,
  name: (teamId: string) => string,
  command: CirclesCommand,
): EvaluateResult {
  const doc = ctx.doc('evaluate');
  const map = doc.getMap<unknown>('state');
  const circles = readCircles(doc);
  const startRound = (index: number | null, seconds: number | undefined) =>
    doc.transact(() => {
      if (seconds !== undefined) map.set('seconds', seconds);
      map.set('current', null);
      map.set('slot', null);
      map.set('round', index === null ? null : { index, startedAt: ctx.now(), seconds: seconds ?? state.seconds });
      if (index === null || !circles) return;
      for (const teamId of presentersInRound(circles.circles, index)) {
        if (teamId) doc.getMap<TeamState>('teams').set(teamId, { closed: false, revealed: false, ...state.teams[teamId], started: true });
      }
    }, ctx.origin);
  switch (command.cmd) {
    case 'evaluate-circles':
      if (command.teamsPerCircle === null) {
        doc.transact(() => {
          map.set('circles', null);
          map.set('round', null);
        }, ctx.origin);
        return ok;
      }
      if (state.queue.length < 2)
        return { ok: false, reason: 'malformed', message: 'open the queue with at least two teams before forming circles' };
      doc.transact(() => {
        map.set('circles', { teamsPerCircle: command.teamsPerCircle, circles: formCircles(state.queue, command.teamsPerCircle!) });
        map.set('round', null);
        map.set('current', null);
        map.set('slot', null);
      }, ctx.origin);
      return ok;
    case 'evaluate-round': {
      if (!circles) return { ok: false, reason: 'malformed', message: 'parallel circles are off: switch them on first' };
      const rounds = roundCount(circles.circles);
      if (command.round !== null && command.round >= rounds)
        return { ok: false, reason: 'malformed', message: `the circles have ${rounds} rounds (1 to ${rounds})` };
      startRound(command.round, command.seconds);
      return ok;
    }
    case 'evaluate-next': {
      if (!circles) return { ok: false, reason: 'malformed', message: 'parallel circles are off' };
      const round = readRound(doc);
      const next = round === null ? 0 : round.index + 1;
      startRound(next < roundCount(circles.circles) ? next : null, command.seconds);
      return ok;
    }
    case 'evaluate-start': {
      if (!circles) return { ok: false, reason: 'malformed', message: 'parallel circles are off' };
      const index = roundOfTeam(circles.circles, command.teamId);
      if (index < 0) return { ok: false, reason: 'malformed', message: `${name(command.teamId)} is in no circle: save the queue again` };
      startRound(index, command.seconds);
      return ok;
    }
  }
}

/**
 * Why a learner of `scorerTeam` may not score `teamId` while circles are on (null: they may, or circles are off).
 * The own team is refused before this, by the score check itself.
 */
export function circleRefusal(
  doc: Y.Doc,
  scorerTeam: string | null,
  teamId: string,
  name: (teamId: string) => string,
): EvaluateResult | null {
  const circles = readCircles(doc);
  if (!circles) return null;
  const assigned = assignedTeams(circles.circles, scorerTeam);
  if (assigned.includes(teamId)) return null;
  if (assigned.length === 0)
    return {
      ok: false,
      reason: 'forbidden',
      message: 'teams pitch in parallel circles and your team is in none: ask the facilitator to add your team to the queue',
    };
  return {
    ok: false,
    reason: 'forbidden',
    message: `teams pitch in parallel circles: your team scores ${listNames(assigned.map(name))} (your circle), not ${name(teamId)}`,
  };
}
