/**
 * Scoring a team on the rubric (a learner's screen and the console): one level per criterion, shown with its
 * descriptor, one strength and one question. The host refuses a learner's own team and a closed team; the
 * learner's screen never offers their own team. What this device sent is remembered here (the host publishes no
 * one's individual score).
 */
import { useState, type FormEvent } from 'react';
import type { Rubric } from '../../../shared/content/schema';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { Markdown } from '../ui/Markdown';
import { useYMapJson } from '../sync/RoomProvider';
import { useGroups } from './groupState';
import { commandId } from './liveState';
import { useEvaluate, useRubric, useTeamTally } from './evaluateState';
import { RubricResults, SlotCountdown } from './RubricResults';
import { assignedFor, LearnerCircle } from './LearnerCircle';

export function ScoreForm({
  client,
  rubric,
  teamId,
  teamName,
  closed,
}: {
  client: RoomClient;
  rubric: Rubric;
  teamId: string;
  teamName: string;
  closed: boolean;
}) {
  const [levels, setLevels] = useState<Record<string, number>>({});
  const [strength, setStrength] = useState('');
  const [question, setQuestion] = useState('');
  const [sent, setSent] = useState(false);
  const levelList = [...rubric.levels].sort((a, b) => a.score - b.score);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    client.command(commandId('score'), {
      cmd: 'score',
      teamId,
      levels,
      ...(strength.trim() ? { strength: strength.trim() } : {}),
      ...(question.trim() ? { question: question.trim() } : {}),
    });
    setSent(true);
  };
  const complete = rubric.criteria.every((c) => levels[c.id] !== undefined);
  return (
    <form className="card stack" onSubmit={submit} data-testid={`score-form-${teamId}`} aria-label={`Score ${teamName}`}>
      <h3 style={{ margin: 0 }}>Score {teamName}</h3>
      {closed ? <p className="muted">Scoring for {teamName} has closed.</p> : null}
      {rubric.criteria.map((c) => (
        <fieldset key={c.id} disabled={closed} data-criterion={c.id}>
          <legend>
            <strong>{c.title}</strong> <span className="muted">(weight {c.weight})</span>
          </legend>
          {levelList.map((level, i) => {
            const descriptor = c.descriptors[rubric.levels.indexOf(level)] ?? c.descriptors[i] ?? '';
            return (
              <label key={level.score} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <input
                  type="radio"
                  name={`${teamId}-${c.id}`}
                  value={level.score}
                  checked={levels[c.id] === level.score}
                  onChange={() => setLevels((l) => ({ ...l, [c.id]: level.score }))}
                />
                <span>
                  <strong>
                    {level.score} {level.label}
                  </strong>
                  <Markdown text={descriptor} />
                </span>
              </label>
            );
          })}
        </fieldset>
      ))}
      <div className="form-row">
        <label htmlFor={`${teamId}-strength`}>One strength</label>
        <textarea
          id={`${teamId}-strength`}
          className="input"
          maxLength={400}
          value={strength}
          disabled={closed}
          onChange={(e) => setStrength(e.target.value)}
        />
      </div>
      <div className="form-row">
        <label htmlFor={`${teamId}-question`}>One question</label>
        <textarea
          id={`${teamId}-question`}
          className="input"
          maxLength={400}
          value={question}
          disabled={closed}
          onChange={(e) => setQuestion(e.target.value)}
        />
      </div>
      <div className="page-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={closed || (Object.keys(levels).length === 0 && !strength.trim() && !question.trim())}
        >
          {sent ? 'Send my changes' : 'Send my score'}
        </button>
        {sent ? (
          <span role="status" className="muted">
            Sent{complete ? '' : ' (some criteria still without a level)'}: you can change it until scoring closes.
          </span>
        ) : null}
      </div>
    </form>
  );
}

/**
 * The learner's Evaluate panel: whose turn it is, the scoring form (never for their own team; in parallel circles
 * only for the teams of their circle), revealed results.
 */
export function LearnerEvaluate({ client }: { client: RoomClient }) {
  const evaluate = useEvaluate(client);
  const groups = useGroups(client);
  const { rubric } = useRubric();
  const me = client.welcome?.learnerId;
  const myTeam = Object.values(groups).find((g) => me && g.members.includes(me))?.id ?? null;
  if (!rubric || evaluate.queue.length === 0) return null;
  const name = (id: string) => groups[id]?.name ?? id;
  const current = evaluate.current;
  const assigned = assignedFor(evaluate, myTeam);
  const scorable = evaluate.queue.filter(
    (t) => t !== myTeam && (!assigned || assigned.includes(t)) && evaluate.teams[t]?.started && !evaluate.teams[t]?.closed,
  );
  const revealed = evaluate.queue.filter((t) => evaluate.teams[t]?.revealed);
  return (
    <section className="card stack" aria-label="Team presentations" data-testid="learner-evaluate">
      <div className="eyebrow">Team presentations</div>
      {evaluate.circles ? (
        <LearnerCircle client={client} evaluate={evaluate} myTeam={myTeam} name={name} />
      ) : current ? (
        <p data-testid="now-presenting">
          Now presenting: <strong>{name(current)}</strong> {current === myTeam ? '(your team)' : ''}{' '}
          <SlotCountdown client={client} slot={evaluate.slot} />
        </p>
      ) : (
        <p className="muted">No team is presenting right now.</p>
      )}
      {scorable.map((t) => (
        <ScoreForm key={t} client={client} rubric={rubric} teamId={t} teamName={name(t)} closed={false} />
      ))}
      {myTeam && evaluate.teams[myTeam]?.revealed ? <TeamFeedback client={client} teamId={myTeam} /> : null}
      {revealed.map((t) => (
        <RevealedTeam key={t} client={client} rubric={rubric} teamId={t} teamName={name(t)} />
      ))}
    </section>
  );
}

function RevealedTeam({ client, rubric, teamId, teamName }: { client: RoomClient; rubric: Rubric; teamId: string; teamName: string }) {
  const tally = useTeamTally(client, teamId);
  return (
    <div data-testid={`revealed-${teamId}`}>
      <h3>Results: {teamName}</h3>
      <RubricResults rubric={rubric} tally={tally} teamName={teamName} />
    </div>
  );
}

/** The strengths and questions the room wrote for the learner's own team (without who wrote them). */
function TeamFeedback({ client, teamId }: { client: RoomClient; teamId: string }) {
  const items =
    useYMapJson<Record<string, { from: string; strength: string; question: string }>>(client, `team/${teamId}/feedback`, 'items') ?? {};
  return (
    <div data-testid="team-feedback">
      <h3>What the room wrote for your team</h3>
      <ul className="list">
        {Object.entries(items).map(([key, f]) => (
          <li key={key}>
            {f.from === 'facilitator' ? <span className="tag">facilitator</span> : null} {f.strength ? <>Strength: {f.strength}. </> : null}
            {f.question ? <>Question: {f.question}</> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
