/**
 * The projector during Evaluate: the presenting team's name, its countdown, its strategy on one page and its board;
 * between pitches and after them, the results of every team the facilitator has revealed (per-criterion
 * distributions and weighted totals, peer and facilitator side by side). In parallel circles mode, a grid of the
 * circles and who pitches in each (PresenterCircles).
 */
import type { RoomClient } from '../../../shared/sync/roomClient';
import { StrategySummary } from '../team/StrategySummary';
import { useGroups } from './groupState';
import { useEvaluate, useRubric, useTeamTally } from './evaluateState';
import { useSessionState } from './liveState';
import { RubricResults, SlotCountdown } from './RubricResults';
import { TeamWork } from './TeamGallery';
import { PresenterCircles } from './PresenterCircles';

export function PresenterEvaluate({ client }: { client: RoomClient }) {
  const evaluate = useEvaluate(client);
  const groups = useGroups(client);
  const state = useSessionState(client);
  const name = (id: string) => groups[id]?.name ?? id;
  const revealed = evaluate.queue.filter((t) => evaluate.teams[t]?.revealed);
  const current = evaluate.current;
  return (
    <div data-testid="presenter-evaluate">
      {evaluate.circles ? <PresenterCircles client={client} evaluate={evaluate} name={name} /> : null}
      {current ? (
        <div data-testid="presenter-current" data-team={current}>
          <h1 className="presenter-title" style={{ fontSize: '3vw', display: 'flex', gap: 24, alignItems: 'baseline' }}>
            <span>{name(current)}</span> <SlotCountdown client={client} slot={evaluate.slot} large />
          </h1>
          <div className="grid-2">
            <TeamWork client={client} teamId={current} large boardOnly />
            <StrategySummary client={client} teamId={current} caseId={groups[current]?.caseId ?? state.elaborateCase ?? null} large />
          </div>
        </div>
      ) : null}
      {revealed.map((t) => (
        <PresentedResults key={t} client={client} teamId={t} teamName={name(t)} />
      ))}
      {!current && !evaluate.circles && revealed.length === 0 ? <h1 className="presenter-title">Team presentations</h1> : null}
    </div>
  );
}

function PresentedResults({ client, teamId, teamName }: { client: RoomClient; teamId: string; teamName: string }) {
  const { rubric } = useRubric();
  const tally = useTeamTally(client, teamId);
  if (!rubric) return null;
  return (
    <section aria-label={`Results for ${teamName}`} data-testid={`presenter-results-${teamId}`}>
      <h2 className="presenter-title" style={{ fontSize: '2.4vw' }}>
        Results: {teamName}
      </h2>
      <RubricResults rubric={rubric} tally={tally} teamName={teamName} large />
    </section>
  );
}
