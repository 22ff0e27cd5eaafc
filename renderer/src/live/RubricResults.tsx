/**
 * A team's rubric results: the weighted totals, peer and facilitator side by side; per criterion the peer
 * distribution over the levels and the mean levels as charts (ui/charts/RubricChart, recharts loaded lazily); and
 * the same numbers as a table — visible on the console and the learners' screens, visually hidden on the projector
 * where the charts speak for the back row (tr[data-criterion][data-peer] is what the e2e specs read). Also the
 * countdown of a team's slot.
 */
import type { Rubric } from '../../../shared/content/schema';
import type { TeamTally } from '../../../shared/room/rubricScores';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { RubricChart } from '../ui/charts/RubricChart';
import { rubricRows } from '../ui/charts/chartData';
import { formatSeconds, secondsLeft, type EvaluateView } from './evaluateState';
import { useNow } from './liveState';

export function RubricResults({
  rubric,
  tally,
  teamName,
  large = false,
}: {
  rubric: Rubric;
  tally: TeamTally | null;
  teamName: string;
  large?: boolean;
}) {
  if (!tally) return <p className="muted">No scores for {teamName} yet.</p>;
  const title = (id: string) => rubric.criteria.find((c) => c.id === id)?.title ?? id;
  const labels = [...rubric.levels].sort((a, b) => a.score - b.score);
  const levelLabel = (score: number | null) => (score === null ? '—' : `${score} ${labels.find((l) => l.score === score)?.label ?? ''}`);
  return (
    <div className={large ? 'poll-results-large' : undefined} data-testid="rubric-results">
      <p data-testid="rubric-totals">
        <strong>Weighted total</strong> (out of 100): peers <strong data-testid="peer-total">{tally.peerTotal ?? '—'}</strong> · facilitator{' '}
        <strong data-testid="facilitator-total">{tally.facilitatorTotal ?? '—'}</strong>{' '}
        <span className="muted">({tally.scorers} peers scored)</span>
      </p>
      <RubricChart rows={rubricRows(tally, labels, title)} levels={labels} scorers={tally.scorers} teamName={teamName} large={large} />
      <table className={large ? 'visually-hidden' : 'table'} style={{ width: '100%' }}>
        <caption className="muted" style={{ textAlign: 'left' }}>
          Scores for {teamName}, per criterion: how many peers chose each level, their mean, and the facilitator&apos;s level
        </caption>
        <thead>
          <tr>
            <th scope="col">Criterion (weight)</th>
            <th scope="col">Peers per level</th>
            <th scope="col">Peer mean</th>
            <th scope="col">Facilitator</th>
          </tr>
        </thead>
        <tbody>
          {tally.criteria.map((c) => (
            <tr key={c.id} data-criterion={c.id} data-peer={c.peer.join(',')}>
              <th scope="row" style={{ textAlign: 'left' }}>
                {title(c.id)} <span className="muted">({c.weight})</span>
              </th>
              <td>{c.peer.map((count, i) => `${labels[i]?.label ?? i + 1} ${count}`).join(' · ')}</td>
              <td>{c.peerMean ?? '—'}</td>
              <td>{levelLabel(c.facilitator)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The slot's countdown, by the host's clock; a live region announces only the last ten seconds and the end. */
export function SlotCountdown({ client, slot, large = false }: { client: RoomClient; slot: EvaluateView['slot']; large?: boolean }) {
  const now = useNow(500, client);
  const left = secondsLeft(slot, now);
  if (left === null) return null;
  const over = left <= 0;
  return (
    <span
      className={`tag ${over ? 'tag-warn' : ''}`}
      style={large ? { fontSize: '4vw' } : undefined}
      data-testid="slot-countdown"
      role="timer"
      aria-live={left <= 10 ? 'polite' : 'off'}
    >
      {over ? `Time is up ${formatSeconds(left)}` : formatSeconds(left)}
    </span>
  );
}
