/**
 * The console's switch between one presentation queue and parallel pitch circles (Evaluate's large-room format, from
 * the content's `pitchCircles`), suggested once the room has as many teams as the content says; the teams per
 * circle; the circles formed by the host from the queue, the current round with its countdown, and start / next
 * round. Every change is a command to the host (electron/host/room/evaluateCircles.ts).
 */
import { useState } from 'react';
import type { Command } from '../../../shared/protocol/protocol';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { presentersInRound, roundCount } from '../../../shared/room/circles';
import { useContent } from '../content/ContentProvider';
import { Markdown } from '../ui/Markdown';
import { roundSlot, type EvaluateView } from './evaluateState';
import { SlotCountdown } from './RubricResults';

/** The content's large-room format (the Evaluate phase's `pitchCircles`), if it has one. */
export function usePitchCircles() {
  const { pack } = useContent();
  return pack.phases.find((p) => p.pitchCircles)?.pitchCircles ?? null;
}

export function ConsoleCircles({
  client,
  evaluate,
  teamCount,
  name,
  send,
  openQueue,
  seconds,
  shareTeam,
}: {
  client: RoomClient;
  evaluate: EvaluateView;
  teamCount: number;
  name: (teamId: string) => string;
  send: (command: Command) => void;
  /** Saves the queue first when it is not open yet (circles are formed from it). */
  openQueue: () => void;
  seconds: number;
  /** Shares a pitching team's work (read-only) with every screen, when the console's share box is ticked. */
  shareTeam: (teamId: string) => void;
}) {
  const format = usePitchCircles();
  const [size, setSize] = useState(0);
  const teamsPerCircle = size || evaluate.circles?.teamsPerCircle || format?.teamsPerCircle || 3;
  const on = evaluate.circles !== null;
  const suggest = !on && format !== null && teamCount >= format.fromTeams;
  const circles = evaluate.circles?.circles ?? [];
  const rounds = roundCount(circles);
  const round = evaluate.round;
  const presenting = round ? presentersInRound(circles, round.index) : [];
  const switchTo = (circlesOn: boolean) => {
    if (circlesOn && evaluate.queue.length === 0) openQueue();
    send({ cmd: 'evaluate-circles', teamsPerCircle: circlesOn ? teamsPerCircle : null });
  };
  const next = round === null ? 0 : round.index + 1;
  const startRound = (index: number | null) => {
    send({ cmd: 'evaluate-round', round: index, seconds });
    if (index !== null) for (const t of presentersInRound(circles, index)) if (t) shareTeam(t);
  };
  return (
    <div className="stack" data-testid="console-circles" data-mode={on ? 'circles' : 'queue'}>
      <fieldset className="page-actions" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="muted">Format</legend>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="radio" name="evaluate-format" checked={!on} onChange={() => switchTo(false)} /> One queue
        </label>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="radio" name="evaluate-format" checked={on} disabled={teamCount < 2} onChange={() => switchTo(true)} /> Parallel
          circles
        </label>
        <label className="form-row" style={{ margin: 0 }}>
          <span>Teams per circle</span>
          <input
            className="input"
            type="number"
            min={2}
            max={10}
            value={teamsPerCircle}
            onChange={(e) => setSize(Math.min(10, Math.max(2, Number(e.target.value) || 2)))}
            style={{ width: 80 }}
          />
        </label>
        {on && teamsPerCircle !== evaluate.circles?.teamsPerCircle ? (
          <button type="button" className="btn" onClick={() => switchTo(true)}>
            Form circles of {teamsPerCircle}
          </button>
        ) : null}
      </fieldset>
      {suggest ? (
        <div className="muted" data-testid="circles-suggestion">
          <strong>{teamCount} teams: parallel circles suggested.</strong> <Markdown text={format.text} />
        </div>
      ) : null}
      {on ? (
        <>
          <div className="page-actions" style={{ marginTop: 0 }}>
            <button type="button" className="btn btn-primary" onClick={() => startRound(next < rounds ? next : null)}>
              {round === null ? 'Start round 1' : next < rounds ? `Next round (${next + 1} of ${rounds})` : 'End the rounds'}
            </button>
            {round ? (
              <>
                <button type="button" className="btn" onClick={() => startRound(round.index)}>
                  Restart round {round.index + 1}
                </button>
                <span data-testid="console-round">
                  Round <strong>{round.index + 1}</strong> of {rounds} <SlotCountdown client={client} slot={roundSlot(round)} />
                </span>
              </>
            ) : (
              <span className="muted">{rounds} rounds: in each, one team of every circle pitches to the others of its circle.</span>
            )}
          </div>
          <ol className="grid" aria-label="Circles" style={{ listStyle: 'none', padding: 0 }}>
            {circles.map((circle, c) => (
              <li key={c} className="card" data-testid={`circle-${c + 1}`}>
                <h4 style={{ margin: 0 }}>Circle {c + 1}</h4>
                <ol>
                  {circle.map((t) => (
                    <li key={t}>
                      {name(t)} {presenting[c] === t ? <span className="tag">presenting</span> : null}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
