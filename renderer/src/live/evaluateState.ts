/**
 * The Evaluate phase as the screens read it: the host-owned `evaluate` document (queue, current team, slot,
 * closed/revealed teams), a team's published tally, and the content's rubric as scoring needs it. Everything is
 * changed by commands (electron/host/room/evaluateCommands.ts), never written here.
 */
import { useMemo } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import type { Rubric } from '../../../shared/content/schema';
import { rubricSpec, type RubricSpec, type TeamTally } from '../../../shared/room/rubricScores';
import { useContent } from '../content/ContentProvider';
import { useYMapJson } from '../sync/RoomProvider';

export interface EvaluateTeamState {
  started?: boolean;
  closed?: boolean;
  revealed?: boolean;
}

export interface EvaluateView {
  rubric: RubricSpec | null;
  queue: string[];
  current: string | null;
  slot: { teamId: string; startedAt: number; seconds: number } | null;
  /** The slot length the facilitator set (null: none yet). */
  seconds: number | null;
  teams: Record<string, EvaluateTeamState>;
  /** Parallel pitch circles (large rooms): team ids per circle; null: one queue. */
  circles: { teamsPerCircle: number; circles: string[][] } | null;
  /** The running round of the circles (0-based index), null between rounds. */
  round: { index: number; startedAt: number; seconds: number } | null;
}

export function useEvaluate(client: RoomClient | null): EvaluateView {
  const state = useYMapJson<Partial<EvaluateView>>(client, 'evaluate', 'state') ?? {};
  const teams = useYMapJson<Record<string, EvaluateTeamState>>(client, 'evaluate', 'teams') ?? {};
  return {
    rubric: state.rubric ?? null,
    queue: Array.isArray(state.queue) ? state.queue : [],
    current: state.current ?? null,
    slot: state.slot ?? null,
    seconds: state.seconds ?? null,
    teams,
    circles: state.circles && Array.isArray(state.circles.circles) ? state.circles : null,
    round: state.round ?? null,
  };
}

/** A round as a countdown slot (SlotCountdown takes a slot). */
export function roundSlot(round: EvaluateView['round']): EvaluateView['slot'] {
  return round ? { teamId: '', startedAt: round.startedAt, seconds: round.seconds } : null;
}

/** A team's tally; pass null to not subscribe (learners may read it only once revealed). */
export function useTeamTally(client: RoomClient | null, teamId: string | null): TeamTally | null {
  const json = useYMapJson<{ result?: TeamTally }>(teamId ? client : null, `evaluate/${teamId ?? 'none'}/tally`, 'tally');
  return json?.result ?? null;
}

/** The content's rubric (the first of content/rubrics/) and its scoring spec. */
export function useRubric(): { rubric: Rubric | null; spec: RubricSpec | null } {
  const { pack } = useContent();
  return useMemo(() => {
    const rubric = pack.rubrics[0] ?? null;
    return { rubric, spec: rubric ? rubricSpec(rubric) : null };
  }, [pack]);
}

/** Seconds left in the slot (negative once over), by the host's clock as this device estimates it. */
export function secondsLeft(slot: EvaluateView['slot'], now: number): number | null {
  return slot ? Math.ceil((slot.startedAt + slot.seconds * 1000 - now) / 1000) : null;
}

export function formatSeconds(s: number): string {
  const sign = s < 0 ? '−' : '';
  const a = Math.abs(s);
  return `${sign}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
}
