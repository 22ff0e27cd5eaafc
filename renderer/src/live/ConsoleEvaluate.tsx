/**
 * The console's presentation queue (Evaluate): the teams in order (drag, move up/down, or random), one queue or
 * parallel circles (ConsoleCircles), the slot length,
 * start / next, and per team close scoring, reveal or hide its results, the facilitator's own score, the results
 * and the strengths and questions. Every change is a command to the host (evaluateCommands.ts).
 */
import { useEffect, useState } from 'react';
import type { Command } from '../../../shared/protocol/protocol';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useYMapJson } from '../sync/RoomProvider';
import { useGroups } from './groupState';
import { commandId } from './liveState';
import { useEvaluate, useRubric, useTeamTally } from './evaluateState';
import { RubricResults, SlotCountdown } from './RubricResults';
import { ScoreForm } from './ScoreForm';
import { SortableQueue } from './SortableQueue';
import { ConsoleCircles, usePitchCircles } from './ConsoleCircles';

export function ConsoleEvaluate({ client }: { client: RoomClient }) {
  const evaluate = useEvaluate(client);
  const groups = useGroups(client);
  const { rubric, spec } = useRubric();
  const circlesFormat = usePitchCircles();
  const [seconds, setSeconds] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const [share, setShare] = useState(true);
  // A dropped order shows at once, until the host's queue (the one truth) changes.
  const [dropped, setDropped] = useState<string[] | null>(null);
  const hostQueue = evaluate.queue.join(' ');
  useEffect(() => setDropped(null), [hostQueue]);
  if (!rubric || !spec) return null;
  const send = (command: Command) => client.command(commandId('evaluate'), command);
  const name = (id: string) => groups[id]?.name ?? id;
  const teamIds = Object.keys(groups).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  // The queue as the host has it, then any team formed since (not yet in it).
  const fromHost = [...evaluate.queue.filter((t) => groups[t]), ...teamIds.filter((t) => !evaluate.queue.includes(t))];
  const queue = dropped && dropped.length === fromHost.length && dropped.every((t) => fromHost.includes(t)) ? dropped : fromHost;
  // The content's format: two-minute pitches for up to four teams, one minute with five or more (Evaluate phase).
  // In parallel circles, the content's circle pitch length (pitchCircles.seconds) unless the facilitator set one.
  const circleLength = evaluate.circles && circlesFormat ? circlesFormat.seconds : 0;
  const length = seconds || circleLength || evaluate.seconds || (teamIds.length >= 5 ? 60 : 120);
  const setQueue = (teams: string[]) => send({ cmd: 'evaluate-queue', teams, rubric: spec, seconds: length });
  const move = (i: number, by: number) => {
    const next = [...queue];
    const [team] = next.splice(i, 1);
    next.splice(i + by, 0, team!);
    setQueue(next);
  };
  const queued = evaluate.queue.length > 0;
  const circlesOn = evaluate.circles !== null;
  // Starting a slot can also share the team's work (read-only) with every screen, as "Show on the projector" does.
  const start = (teamId: string | null) => {
    if (teamId === null) return send({ cmd: 'evaluate-next', seconds: length });
    send({ cmd: 'evaluate-start', teamId, seconds: length });
    if (share && !groups[teamId]?.shared) send({ cmd: 'update-group', teamId, shared: true });
  };
  const after = evaluate.current === null ? evaluate.queue[0] : evaluate.queue[evaluate.queue.indexOf(evaluate.current) + 1];
  return (
    <section className="card stack" aria-label="Presentation queue" data-testid="console-evaluate">
      <div className="eyebrow">Presentation queue and rubric scoring</div>
      {teamIds.length === 0 ? <p className="muted">Form groups first: each team presents in turn.</p> : null}
      <div className="page-actions">
        <label className="form-row" style={{ margin: 0 }}>
          <span>Slot (seconds)</span>
          <input
            className="input"
            type="number"
            min={10}
            max={3600}
            value={length}
            onChange={(e) => setSeconds(Number(e.target.value) || 0)}
            style={{ width: 100 }}
          />
        </label>
        <button type="button" className="btn" disabled={teamIds.length === 0} onClick={() => setQueue(queue)}>
          {queued ? 'Save the order' : 'Open the queue'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!queued}
          onClick={() => send({ cmd: 'evaluate-shuffle', seed: Math.floor(Math.random() * 2 ** 31) })}
        >
          Random order
        </button>
        {circlesOn ? null : (
          <button type="button" className="btn btn-primary" disabled={!queued} onClick={() => start(after ?? null)}>
            {evaluate.current ? (after ? 'Next team' : 'End the presentations') : 'Start the first team'}
          </button>
        )}
        <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} /> Share the presenting team&apos;s work with
          every screen
        </label>
        {evaluate.current ? (
          <span>
            Now: <strong data-testid="console-current">{name(evaluate.current)}</strong>{' '}
            <SlotCountdown client={client} slot={evaluate.slot} />
          </span>
        ) : null}
      </div>
      <ConsoleCircles
        client={client}
        evaluate={evaluate}
        teamCount={teamIds.length}
        name={name}
        send={send}
        openQueue={() => setQueue(queue)}
        seconds={length}
        shareTeam={(t) => {
          if (share && !groups[t]?.shared) send({ cmd: 'update-group', teamId: t, shared: true });
        }}
      />
      <SortableQueue
        ids={queue}
        name={name}
        label="Teams in presentation order"
        onReorder={(order) => {
          setDropped(order);
          setQueue(order);
        }}
      >
        {(t, i, handle) => {
          const team = evaluate.teams[t] ?? {};
          const inQueue = evaluate.queue.includes(t);
          return (
            <>
              {handle} <strong>{name(t)}</strong> {t === evaluate.current ? <span className="tag">presenting</span> : null}{' '}
              {team.closed ? <span className="tag">scoring closed</span> : null}{' '}
              {team.revealed ? <span className="tag">results shown</span> : null}{' '}
              {inQueue ? null : <span className="tag">not in the queue yet</span>}
              <div className="page-actions">
                <button type="button" className="btn" aria-label={`Move ${name(t)} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label={`Move ${name(t)} down`}
                  disabled={i === queue.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button type="button" className="btn" disabled={!inQueue} onClick={() => start(t)}>
                  {circlesOn ? `Start ${name(t)}'s round` : `Start ${name(t)}`}
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={!inQueue}
                  aria-pressed={!!team.closed}
                  onClick={() => send({ cmd: 'evaluate-close', teamId: t, closed: !team.closed })}
                >
                  {team.closed ? 'Reopen scoring' : 'Close scoring'}
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={!inQueue}
                  aria-pressed={!!team.revealed}
                  onClick={() => send({ cmd: 'evaluate-reveal', teamId: t, revealed: !team.revealed })}
                >
                  {team.revealed ? 'Hide results' : 'Reveal results'}
                </button>
                <button type="button" className="btn" aria-expanded={open === t} onClick={() => setOpen(open === t ? null : t)}>
                  {open === t ? 'Close' : 'Score and results'}
                </button>
              </div>
              {/* An ended session: every team's results shown (the buttons are disabled there). */}
              {open === t || client.readOnly ? (
                <TeamPanel client={client} teamId={t} teamName={name(t)} started={!!team.started} closed={!!team.closed} />
              ) : null}
            </>
          );
        }}
      </SortableQueue>
    </section>
  );
}

function TeamPanel({
  client,
  teamId,
  teamName,
  started,
  closed,
}: {
  client: RoomClient;
  teamId: string;
  teamName: string;
  started: boolean;
  closed: boolean;
}) {
  const { rubric } = useRubric();
  const tally = useTeamTally(client, teamId);
  const feedback =
    useYMapJson<Record<string, { from: string; strength: string; question: string }>>(client, `team/${teamId}/feedback`, 'items') ?? {};
  if (!rubric) return null;
  return (
    <div className="stack">
      {started ? (
        <ScoreForm client={client} rubric={rubric} teamId={teamId} teamName={teamName} closed={closed} />
      ) : (
        <p className="muted">Start {teamName} to score it.</p>
      )}
      <RubricResults rubric={rubric} tally={tally} teamName={teamName} />
      <h4>Strengths and questions (the team reads them once revealed)</h4>
      <ul className="list" data-testid={`feedback-${teamId}`}>
        {Object.entries(feedback).map(([key, f]) => (
          <li key={key}>
            <span className="tag">{f.from}</span> {f.strength ? <>Strength: {f.strength}. </> : null}
            {f.question ? <>Question: {f.question}</> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
