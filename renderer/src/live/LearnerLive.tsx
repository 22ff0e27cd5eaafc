/**
 * A learner's view of the live session: what the facilitator pushes (a slide, a kit item, a poll), the clock, raising
 * a hand, and the Q&A. The cues ("moving to …", messages, "eyes on the front") are in CueBar.tsx.
 */
import { Hand } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { formatClock, initialClock, readClock } from '../../../shared/room/clock';
import type { SessionPollState } from '../../../shared/room/sessionState';
import { useContent } from '../content/ContentProvider';
import { SlideView } from '../kit/DeckPage';
import { useYMapJson } from '../sync/RoomProvider';
import { Markdown } from '../ui/Markdown';
import { ItemLink } from '../ui/bits';
import { sortedQuestions, type QaQuestion } from './ConsolePolls';
import { commandId, useNow, useSessionPolls, useSessionState, useTally } from './liveState';
import { PollResults } from './PollResults';
import { questionVotes, rememberAsked, useUpvoted } from './qaMemory';
import { takesSeveral } from '../../../shared/room/pollTally';
import { shuffledForLearner, shufflesOptions } from '../../../shared/room/optionOrder';

export function PhaseClock({ client, className = '' }: { client: RoomClient; className?: string }) {
  const { pack } = useContent();
  const state = useSessionState(client);
  const now = useNow(1000, client);
  const plan = pack.lesson.phases.map((id) => pack.phases.find((p) => p.id === id)).filter((p) => p !== undefined);
  if (!state.phase) return null;
  const reading = readClock(plan, state.clock ?? initialClock(), now);
  return (
    <span className={`clock ${reading.overtime ? 'over' : ''} ${className}`} data-testid="phase-clock" aria-label={`${formatClock(reading.remainingMs)} left in this phase`}>
      {formatClock(reading.remainingMs)}
    </span>
  );
}

function PollVote({ client, id, poll }: { client: RoomClient; id: string; poll: SessionPollState }) {
  const [choices, setChoices] = useState<string[]>([]);
  const [value, setValue] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const tally = useTally(client, poll.revealed ? id : null);
  const multi = takesSeveral(poll.def);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const answer = poll.def.options ? { choices } : poll.def.kind === 'scale' ? { value: value ?? NaN } : { text };
    client.command(commandId('vote'), { cmd: 'vote', pollId: id, answer });
    setSent(true);
  };
  const closed = poll.status !== 'open';
  // A quiz's options in this learner's own order (stable across reloads); votes still carry the option ids.
  const learnerId = client.welcome?.learnerId;
  const options = poll.def.options && shufflesOptions(poll.def) && learnerId ? shuffledForLearner(poll.def.options, learnerId, id) : poll.def.options;
  return (
    <form className="card" onSubmit={submit} data-testid={`poll-${id}`}>
      <div className="eyebrow">{poll.def.kind === 'quiz' ? 'Quiz' : 'Poll'}{closed ? ' · closed' : ''}</div>
      <fieldset disabled={closed} style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>
          <Markdown text={poll.def.prompt} />
        </legend>
        {options?.map((o) => (
          <label key={o.id} className="poll-option" data-option={o.id} style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '6px 0' }}>
            <input
              type={multi ? 'checkbox' : 'radio'}
              name={`poll-${id}`}
              value={o.id}
              checked={choices.includes(o.id)}
              onChange={(e) => setChoices(multi ? (e.target.checked ? [...choices, o.id] : choices.filter((c) => c !== o.id)) : [o.id])}
            />
            <Markdown text={o.label} inline />
          </label>
        ))}
        {poll.def.kind === 'scale' && poll.def.scale ? (
          <div role="radiogroup" aria-label="Rating" className="tags">
            {Array.from({ length: poll.def.scale.max - poll.def.scale.min + 1 }, (_, k) => poll.def.scale!.min + k).map((n) => (
              <label key={n} className="tag" style={{ fontSize: '1rem' }}>
                <input type="radio" name={`poll-${id}`} checked={value === n} onChange={() => setValue(n)} /> {n}
              </label>
            ))}
          </div>
        ) : null}
        {poll.def.kind === 'wordcloud' || poll.def.kind === 'text' ? (
          <input className="input" aria-label="Your answer" value={text} maxLength={280} onChange={(e) => setText(e.target.value)} placeholder={poll.def.kind === 'wordcloud' ? 'One to three words' : 'Your answer'} />
        ) : null}
        <div className="page-actions">
          <button type="submit" className="btn btn-primary">
            {sent ? 'Change my answer' : 'Send answer'}
          </button>
          {sent ? <span className="muted" role="status">Your answer is in. You can change it until the poll closes.</span> : null}
        </div>
      </fieldset>
      {poll.revealed ? <PollResults poll={poll.def} tally={tally} showCorrect /> : closed ? <p className="muted">Results will be shown by the facilitator.</p> : null}
    </form>
  );
}

export function PushedItem({ client }: { client: RoomClient }) {
  const { pack } = useContent();
  const state = useSessionState(client);
  const polls = useSessionPolls(client);
  const pushed = state.pushed;
  if (!pushed) return null;
  if (pushed.kind === 'slide') {
    const slide = pack.decks.find((d) => d.id === pushed.deck)?.slides.find((s) => s.id === pushed.slide);
    return slide ? (
      <section aria-label="On the projector" data-testid="pushed-slide" data-slide={slide.id}>
        <SlideView slide={slide} />
      </section>
    ) : null;
  }
  if (pushed.kind === 'poll') {
    const poll = polls[pushed.pollId];
    return poll ? <PollVote key={pushed.pollId} client={client} id={pushed.pollId} poll={poll} /> : null;
  }
  if (pushed.kind === 'team') {
    return (
      <div className="card" data-testid="pushed-team">
        The facilitator is showing {(client.doc('groups').getMap('groups').get(pushed.teamId) as { name?: string } | undefined)?.name ?? 'a team'}&apos;s work on the projector.
      </div>
    );
  }
  if (pushed.kind === 'brainstorm') {
    return (
      <div className="card" data-testid="pushed-brainstorm">
        Brainstorm together on the <a href="#room-board">room board</a> below: challenges and solutions, one shape each.
      </div>
    );
  }
  if (pushed.kind === 'item') {
    return (
      <div className="card" data-testid="pushed-item">
        <div className="eyebrow">The facilitator shares</div>
        <ItemLink id={pushed.id} />
      </div>
    );
  }
  return null;
}

export function RaiseHand({ client, raised }: { client: RoomClient; raised: boolean }) {
  return (
    <button type="button" className={`btn ${raised ? 'btn-primary' : ''}`} aria-pressed={raised} onClick={() => client.command(commandId('hand'), { cmd: 'raise-hand', raised: !raised })}>
      <Hand size={16} aria-hidden="true" /> {raised ? 'Lower hand' : 'Raise hand'}
    </button>
  );
}

export function LearnerQa({ client }: { client: RoomClient }) {
  const questions = useYMapJson<Record<string, QaQuestion>>(client, 'qa', 'questions') ?? {};
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(true);
  const [upvoted, setUpvoted] = useUpvoted(client);
  const ask = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length < 3) return;
    const questionId = commandId('q').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40);
    client.command(commandId('ask'), { cmd: 'ask', questionId, text: text.trim(), anonymous });
    rememberAsked(client, questionId);
    setText('');
  };
  const list = sortedQuestions(questions).filter(([, q]) => !q.hidden);
  return (
    <div className="stack">
      <form onSubmit={ask} className="card">
        <div className="form-row">
          <label htmlFor="qa-text">Ask a question</label>
          <input id="qa-text" className="input" maxLength={400} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Ask anonymously
        </label>
        <div className="page-actions">
          <button type="submit" className="btn btn-primary" disabled={text.trim().length < 3}>
            Ask
          </button>
        </div>
      </form>
      {list.length > 0 ? (
        <ul className="qa-list" data-testid="learner-qa">
          {list.map(([id, q]) => {
            const mine = upvoted.has(id);
            return (
              <li key={id}>
                <button type="button" className={`btn ${mine ? 'btn-primary' : ''}`} aria-pressed={mine} aria-label={`Upvote: ${q.text}`} onClick={() => {
                    client.command(commandId('up'), { cmd: 'upvote', questionId: id, up: !mine });
                    setUpvoted(id, !mine);
                  }}
                >
                  ▲ {questionVotes(q)}
                </button>
                <span style={{ flex: 1 }}>
                  {q.text} {q.answered ? <span className="tag">answered</span> : null}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
      <p className="muted">
        Browse the kit any time: <Link to="/kit/agenda">agenda</Link>, <Link to="/kit/concepts">concepts</Link>.
      </p>
    </div>
  );
}
