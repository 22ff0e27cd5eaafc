/**
 * The facilitator's polls and Q&A: open a poll from the bank (the current phase's first), close, reveal, push it to
 * screens; see how many answered out of how many are online; moderate questions.
 */
import { useMemo, useState } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import type { SessionPollState } from '../../../shared/room/sessionState';
import { useContent } from '../content/ContentProvider';
import { pollPlacements } from '../content/pollPlacement';
import { useYMapJson } from '../sync/RoomProvider';
import { Markdown } from '../ui/Markdown';
import { commandId, openBankPoll, useSessionPolls, useSessionState, useTally, writePoll, writeState } from './liveState';
import { PollResults } from './PollResults';
import { questionVotes } from './qaMemory';
import '../styles/console.css';

/** A question as the room publishes it: a count of upvotes, never who asked (when anonymous) or who upvoted. */
export interface QaQuestion {
  text: string;
  name: string | null;
  askedAt: string;
  votes: number;
  answered: boolean;
  pinned: boolean;
  hidden: boolean;
}

export function sortedQuestions(questions: Record<string, QaQuestion>): [string, QaQuestion][] {
  return Object.entries(questions).sort(
    ([, a], [, b]) =>
      Number(b.pinned) - Number(a.pinned) ||
      Number(a.answered) - Number(b.answered) ||
      questionVotes(b) - questionVotes(a) ||
      a.askedAt.localeCompare(b.askedAt),
  );
}

function ActivePoll({ client, id, poll, online }: { client: RoomClient; id: string; poll: SessionPollState; online: number }) {
  const tally = useTally(client, id);
  const state = useSessionState(client);
  const pushed = state.pushed?.kind === 'poll' && state.pushed.pollId === id;
  return (
    <div className="card" data-testid={`console-poll-${id}`}>
      <div className="eyebrow">
        {poll.def.kind} · {poll.status} · {poll.revealed ? 'results shown' : 'results hidden'}
      </div>
      <Markdown text={poll.def.prompt} />
      <p data-testid="answered">
        <strong>{tally?.respondents ?? 0}</strong> answered of {online} online
      </p>
      <div className="page-actions">
        <button
          type="button"
          className="btn"
          onClick={() => writePoll(client, id, { ...poll, status: poll.status === 'open' ? 'closed' : 'open' })}
        >
          {poll.status === 'open' ? 'Close poll' : 'Reopen poll'}
        </button>
        <button type="button" className="btn" onClick={() => writePoll(client, id, { ...poll, revealed: !poll.revealed })}>
          {poll.revealed ? 'Hide results' : 'Reveal results'}
        </button>
        <button
          type="button"
          className={`btn ${pushed ? 'btn-primary' : ''}`}
          aria-pressed={pushed}
          onClick={() => writeState(client, { pushed: pushed ? null : { kind: 'poll', pollId: id } })}
        >
          {pushed ? 'On screens' : 'Push to screens'}
        </button>
      </div>
      <PollResults poll={poll.def} tally={tally} showCorrect={poll.revealed} />
    </div>
  );
}

type AdHocKind = 'single' | 'multiple' | 'scale' | 'wordcloud' | 'text';

/** A poll written on the spot: a question, a kind, and one option per line for choice polls. */
function AdHocPoll({ client }: { client: RoomClient }) {
  const [prompt, setPrompt] = useState('');
  const [kind, setKind] = useState<AdHocKind>('single');
  const [options, setOptions] = useState('');
  const lines = options.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 10);
  const choice = kind === 'single' || kind === 'multiple';
  const valid = prompt.trim().length > 2 && (!choice || lines.length >= 2);
  const open = () => {
    if (!valid) return;
    const id = `adhoc-${Date.now().toString(36)}`;
    writePoll(client, id, {
      def: {
        id,
        kind,
        prompt: prompt.trim(),
        ...(choice ? { options: lines.map((label, i) => ({ id: `o${i + 1}`, label })) } : {}),
        ...(kind === 'scale' ? { scale: { min: 1, max: 5 } } : {}),
      },
      status: 'open',
      revealed: false,
      anonymous: true,
      openedAt: Date.now(),
    });
    writeState(client, { pushed: { kind: 'poll', pollId: id } });
    setPrompt('');
    setOptions('');
  };
  return (
    <details className="card">
      <summary>Write a poll on the spot</summary>
      <div className="form-row" style={{ marginTop: 10 }}>
        <label htmlFor="adhoc-prompt">Question</label>
        <input id="adhoc-prompt" className="input" value={prompt} maxLength={300} onChange={(e) => setPrompt(e.target.value)} />
      </div>
      <div className="form-row">
        <label htmlFor="adhoc-kind">Kind</label>
        <select id="adhoc-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as AdHocKind)}>
          <option value="single">Single choice</option>
          <option value="multiple">Multiple choice</option>
          <option value="scale">Rating 1–5</option>
          <option value="wordcloud">Word cloud</option>
          <option value="text">Open text</option>
        </select>
      </div>
      {choice ? (
        <div className="form-row">
          <label htmlFor="adhoc-options">Options, one per line</label>
          <textarea id="adhoc-options" className="input" style={{ minHeight: 100 }} value={options} onChange={(e) => setOptions(e.target.value)} />
        </div>
      ) : null}
      <button type="button" className="btn btn-primary" disabled={!valid} onClick={open}>
        Open this poll
      </button>
    </details>
  );
}

export function ConsolePolls({ client, online }: { client: RoomClient; online: number }) {
  const { pack } = useContent();
  const state = useSessionState(client);
  const polls = useSessionPolls(client);
  const bank = pack.polls.flatMap((b) => b.polls.map((p) => ({ ...p, phase: b.phase })));
  const placements = useMemo(() => pollPlacements(pack), [pack]);
  const suggested = bank.find((p) => p.phase === state.phase && !polls[p.id]) ?? bank.find((p) => !polls[p.id]);
  const [choice, setChoice] = useState('');
  const selected = bank.find((p) => p.id === (choice || suggested?.id));
  const open = () => {
    if (!selected) return;
    const { phase: _phase, ...def } = selected;
    openBankPoll(client, {
      id: def.id,
      kind: def.kind,
      prompt: def.prompt,
      ...(def.options ? { options: def.options } : {}),
      ...(def.correct ? { correct: def.correct } : {}),
      ...(def.scale ? { scale: def.scale } : {}),
    });
    writeState(client, { pushed: { kind: 'poll', pollId: selected.id } });
    setChoice('');
  };
  // The poll placed on the slide that is on the screens, if any.
  const slidePoll = state.pushed?.kind === 'slide' ? pack.decks.find((d) => d.id === (state.pushed as { deck: string }).deck)?.slides.find((sl) => sl.id === (state.pushed as { slide: string }).slide)?.poll : undefined;
  const active = Object.entries(polls).sort(([, a], [, b]) => (b.openedAt ?? 0) - (a.openedAt ?? 0));
  return (
    <div className="stack">
      <div className="card">
        {/* The bank as rendered Markdown, each prompt whole (clamped by CSS, never cut mid-word); choosing opens nothing. */}
        <fieldset className="poll-bank">
          <legend>Poll or quiz to open</legend>
          <ul>
            {bank.map((p) => (
              <li key={p.id}>
                <label>
                  <input type="radio" name="poll-bank" value={p.id} checked={selected?.id === p.id} onChange={() => setChoice(p.id)} />
                  <span className="tag">{p.phase}</span>
                  {placements.has(p.id) ? <span className="tag">slide {placements.get(p.id)?.number}</span> : null}
                  <span className="poll-bank-prompt">
                    <Markdown text={p.prompt} inline />
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="page-actions">
          <button type="button" className="btn btn-primary" onClick={open} disabled={!selected}>
            Open poll and push it
          </button>
          {slidePoll && !polls[slidePoll] ? (
            <button type="button" className="btn" onClick={() => setChoice(slidePoll)}>
              Choose this slide&apos;s poll
            </button>
          ) : null}
        </div>
      </div>
      <AdHocPoll client={client} />
      {active.map(([id, poll]) => (
        <ActivePoll key={id} client={client} id={id} poll={poll} online={online} />
      ))}
    </div>
  );
}

export function ConsoleQa({ client }: { client: RoomClient }) {
  const questions = useYMapJson<Record<string, QaQuestion>>(client, 'qa', 'questions') ?? {};
  const list = sortedQuestions(questions);
  const state = useSessionState(client);
  const onScreens = state.pushed?.kind === 'qa';
  const moderate = (questionId: string, action: 'answered' | 'unanswered' | 'pin' | 'unpin' | 'hide' | 'unhide') =>
    client.command(commandId('mod'), { cmd: 'moderate', questionId, action });
  const push = (
    <button
      type="button"
      className={`btn ${onScreens ? 'btn-primary' : ''}`}
      aria-pressed={onScreens}
      onClick={() => writeState(client, { pushed: onScreens ? null : { kind: 'qa' } })}
    >
      {onScreens ? 'Top questions on screens' : 'Show top questions on the projector'}
    </button>
  );
  if (list.length === 0)
    return (
      <div className="stack">
        <p className="empty">No questions yet.</p>
        {push}
      </div>
    );
  return (
    <div className="stack">
      {push}
      <ul className="qa-list" data-testid="console-qa">
        {list.map(([id, q]) => (
          <li key={id}>
            <span className="votes">▲ {questionVotes(q)}</span>
            <span style={{ flex: 1 }}>
              {q.hidden ? <em className="muted">hidden</em> : q.text} <span className="muted">— {q.name ?? 'anonymous'}</span>
              {q.pinned ? ' 📌' : ''}
              {q.answered ? ' ✓' : ''}
            </span>
            <button type="button" className="btn" onClick={() => moderate(id, q.answered ? 'unanswered' : 'answered')}>
              {q.answered ? 'Not answered' : 'Answered'}
            </button>
            <button type="button" className="btn" onClick={() => moderate(id, q.pinned ? 'unpin' : 'pin')}>
              {q.pinned ? 'Unpin' : 'Pin'}
            </button>
            <button type="button" className="btn" onClick={() => moderate(id, q.hidden ? 'unhide' : 'hide')}>
              {q.hidden ? 'Show' : 'Hide'}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
