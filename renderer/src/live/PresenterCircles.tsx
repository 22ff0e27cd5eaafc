/**
 * The projector while teams pitch in parallel circles: the round and its shared countdown, then a grid with one
 * card per circle — the team pitching there right now, large, and the teams of the circle scoring it. Between rounds
 * the cards list each circle's teams in pitching order.
 */
import type { RoomClient } from '../../../shared/sync/roomClient';
import { presentersInRound, roundCount } from '../../../shared/room/circles';
import { roundSlot, type EvaluateView } from './evaluateState';
import { SlotCountdown } from './RubricResults';

export function PresenterCircles({ client, evaluate, name }: { client: RoomClient; evaluate: EvaluateView; name: (id: string) => string }) {
  const circles = evaluate.circles?.circles ?? [];
  const round = evaluate.round;
  const presenting = round ? presentersInRound(circles, round.index) : [];
  return (
    <div data-testid="presenter-circles" data-round={round ? round.index + 1 : ''}>
      <h1 className="presenter-title" style={{ fontSize: '3vw', display: 'flex', gap: 24, alignItems: 'baseline' }}>
        <span>{round ? `Parallel pitches: round ${round.index + 1} of ${roundCount(circles)}` : 'Parallel pitch circles'}</span>{' '}
        <SlotCountdown client={client} slot={roundSlot(round)} large />
      </h1>
      <div
        style={{
          display: 'grid',
          gap: 16,
          gridTemplateColumns: `repeat(${Math.min(4, Math.max(1, Math.ceil(Math.sqrt(circles.length))))}, minmax(0, 1fr))`,
        }}
      >
        {circles.map((circle, c) => {
          const now = presenting[c] ?? null;
          return (
            <section
              key={c}
              className="card"
              aria-label={`Circle ${c + 1}`}
              data-testid={`presenter-circle-${c + 1}`}
              data-team={now ?? ''}
            >
              <div className="eyebrow">Circle {c + 1}</div>
              {round ? (
                <>
                  <div style={{ fontSize: '2.4vw', fontWeight: 700 }}>{now ? name(now) : 'No pitch this round'}</div>
                  <div className="muted" style={{ fontSize: '1.2vw' }}>
                    {now ? 'pitching' : 'this circle has fewer teams'} · scored by{' '}
                    {circle
                      .filter((t) => t !== now)
                      .map(name)
                      .join(', ')}
                  </div>
                </>
              ) : (
                <ol style={{ fontSize: '1.6vw', margin: 0 }}>
                  {circle.map((t) => (
                    <li key={t}>{name(t)}</li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
