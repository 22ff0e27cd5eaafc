/**
 * A learner's view of parallel pitch circles: their circle, who pitches in it now (with the round's countdown) and
 * which teams they score. The host enforces the same assignment (electron/host/room/evaluateCircles.ts).
 */
import type { RoomClient } from '../../../shared/sync/roomClient';
import { assignedTeams, circleIndex, listNames, presentersInRound, roundCount } from '../../../shared/room/circles';
import { roundSlot, type EvaluateView } from './evaluateState';
import { SlotCountdown } from './RubricResults';

/** The teams a learner's team scores: in circles mode its circle's other teams; otherwise null (any other team). */
export function assignedFor(evaluate: EvaluateView, myTeam: string | null): string[] | null {
  return evaluate.circles ? assignedTeams(evaluate.circles.circles, myTeam) : null;
}

export function LearnerCircle({
  client,
  evaluate,
  myTeam,
  name,
}: {
  client: RoomClient;
  evaluate: EvaluateView;
  myTeam: string | null;
  name: (id: string) => string;
}) {
  const circles = evaluate.circles?.circles ?? [];
  const index = myTeam ? circleIndex(circles, myTeam) : -1;
  const circle = circles[index];
  if (!circle) return <p className="muted">Teams pitch in parallel circles; your team is in none: ask the facilitator.</p>;
  const round = evaluate.round;
  const now = round ? (presentersInRound(circles, round.index)[index] ?? null) : null;
  const assigned = assignedTeams(circles, myTeam);
  return (
    <div className="stack" data-testid="learner-circle" data-circle={index + 1}>
      <p style={{ margin: 0 }}>
        Your circle (circle {index + 1}): <strong>{listNames(circle.map(name))}</strong>. You score{' '}
        <strong data-testid="assigned-teams">{listNames(assigned.map(name))}</strong>.
      </p>
      {round ? (
        <p data-testid="now-presenting" style={{ margin: 0 }}>
          Round {round.index + 1} of {roundCount(circles)}: {now ? <strong>{name(now)}</strong> : 'no team'}{' '}
          {now === myTeam ? 'pitches — your team' : now ? 'pitches in your circle' : 'pitches in your circle this round'}{' '}
          <SlotCountdown client={client} slot={roundSlot(round)} />
        </p>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          No round is running right now.
        </p>
      )}
    </div>
  );
}
