/**
 * Which large-room plan applies in a room of a given size, and where in it the clock is.
 *
 * Owns: the rule "a phase runs its large-room variant from `largeRoom.fromTeams` teams on", the cuts in force at a
 * room size (each cut from its own `fromTeams`), and the current large-room step for the phase clock. Pure; used
 * by the facilitator's console.
 */
import type { Phase } from './schema';

type Plan = NonNullable<Phase['largeRoom']>;

export interface LargeRoomNow {
  plan: Plan;
  /** The step the phase clock is in (the last step once the phase overruns). */
  step: Plan['steps'][number];
  /** The cuts to make at this room size, smallest threshold first. */
  cuts: Plan['cuts'];
}

/** The large-room plan for `teams` teams at `elapsedMs` into the phase, or null when the room is small enough. */
export function largeRoomNow(phase: Pick<Phase, 'largeRoom'> | undefined, teams: number, elapsedMs: number): LargeRoomNow | null {
  const plan = phase?.largeRoom;
  if (!plan || teams < plan.fromTeams) return null;
  const minute = Math.max(0, elapsedMs) / 60_000;
  const step = plan.steps.find((s) => minute >= s.minute && minute < s.minute + s.minutes) ?? plan.steps[plan.steps.length - 1]!;
  const cuts = plan.cuts.filter((c) => teams >= c.fromTeams).sort((a, b) => a.fromTeams - b.fromTeams);
  return { plan, step, cuts };
}
