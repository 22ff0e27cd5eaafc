/**
 * The projector view (`/present/<code>`, opened from the console): the pushed slide or the phase title, the clock,
 * the join card, live poll results (hidden until revealed), the top questions. Keys: → ← space move through the
 * slides, B blanks the screens, F full screen, T shows/hides the clock, Q the join card.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import type { SessionsList } from '../../../shared/protocol/sessionsApi';
import { useParams } from 'react-router';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { effectivePhase } from '../../../shared/room/sessionState';
import { useContent } from '../content/ContentProvider';
import { SlideView } from '../kit/DeckPage';
import { JoinCard } from '../room/JoinCard';
import { useHostKey } from '../room/ConsolePage';
import { useRoom, useYMapJson } from '../sync/RoomProvider';
import { LazyBoardPreview } from '../team/loadTeamBoard';
import { Markdown } from '../ui/Markdown';
import { sortedQuestions, type QaQuestion } from './ConsolePolls';
import { PhaseClock } from './LearnerLive';
import { questionVotes } from './qaMemory';
import { useNow, useSessionPolls, useSessionState, useTally, writeState } from './liveState';
import { PollResults } from './PollResults';
import { TeamWork } from './TeamGallery';
import { PresenterEvaluate } from './PresenterEvaluate';
import { PresenterCues } from './PresenterCues';
import '../styles/console.css';
import { useEvaluate } from './evaluateState';
import { EndedBanner, useSessionEnded } from '../room/SessionEnded';
import { useRoomLab } from './roomLabState';

const RoomLabComparison = lazy(() => import('../lab/RoomLabComparison'));

function PresentedPoll({ client, pollId }: { client: RoomClient; pollId: string }) {
  const polls = useSessionPolls(client);
  const poll = polls[pollId];
  const tally = useTally(client, pollId);
  if (!poll) return null;
  return (
    <div data-testid="presenter-poll">
      <div className="presenter-title" style={{ fontSize: '3vw' }}>
        <Markdown text={poll.def.prompt} />
      </div>
      {poll.revealed ? (
        <PollResults poll={poll.def} tally={tally} showCorrect large />
      ) : (
        <p className="poll-results-large" data-testid="presenter-answered">
          {tally?.respondents ?? 0} answered · results hidden until revealed
        </p>
      )}
    </div>
  );
}

function TopQuestions({ client }: { client: RoomClient }) {
  const questions = useYMapJson<Record<string, QaQuestion>>(client, 'qa', 'questions') ?? {};
  const top = sortedQuestions(questions)
    .filter(([, q]) => !q.hidden && !q.answered)
    .slice(0, 5);
  return (
    <div>
      <h2 className="presenter-title" style={{ fontSize: '3vw' }}>
        Your questions
      </h2>
      <ol className="qa-list poll-results-large">
        {top.map(([id, q]) => (
          <li key={id}>
            <span className="votes">▲ {questionVotes(q)}</span> {q.text}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * `/present` without a code: the room this tab's console is in, or else the host's most recent open session.
 */
function useRoomCode(key: string | null): string {
  const { code } = useParams();
  const { client } = useRoom();
  const [latest, setLatest] = useState('');
  useEffect(() => {
    if (code || client || !key) return;
    fetch('/api/sessions', { headers: { Authorization: `Bearer ${key}` } })
      .then((r) => r.json() as Promise<SessionsList>)
      .then((list) => setLatest(list.sessions.find((s) => !s.endedAt)?.code ?? ''))
      .catch(() => undefined);
  }, [code, client, key]);
  return code ?? client?.room ?? latest;
}

export function PresenterPage() {
  const key = useHostKey();
  const code = useRoomCode(key);
  const { client, join } = useRoom();
  const { pack } = useContent();
  useEffect(() => {
    if (key && code) join({ code, secret: key });
  }, [code, key, join]);
  const state = useSessionState(client);
  const evaluate = useEvaluate(client);
  const lab = useRoomLab(client);
  const now = useNow(1000, client);
  const meta = useYMapJson<{ title?: string }>(client, 'session', 'meta');
  const ended = useSessionEnded(client); // no join card: nobody new can join
  const deck = pack.decks.find((d) => state.pushed?.kind === 'slide' && d.id === state.pushed.deck) ?? pack.decks[0];
  const slideIndex = state.pushed?.kind === 'slide' && deck ? deck.slides.findIndex((s) => s.id === (state.pushed as { slide: string }).slide) : -1;

  useEffect(() => {
    if (!client) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const ended = client.sessionEnded; // nothing to change any more: only full screen
      const step = ended ? 0 : e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'PageUp' ? -1 : 0;
      if (step !== 0 && deck) {
        e.preventDefault();
        const target = deck.slides[slideIndex === -1 ? 0 : slideIndex + step];
        if (target) writeState(client, { pushed: { kind: 'slide', deck: deck.id, slide: target.id } });
        return;
      }
      const k = e.key.toLowerCase();
      if (!ended && k === 'b') writeState(client, { blank: !state.blank });
      if (!ended && k === 't') writeState(client, { showClock: state.showClock === false });
      if (!ended && k === 'q') writeState(client, { showJoin: !state.showJoin });
      if (k === 'f') {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, deck, slideIndex, state.blank, state.showClock, state.showJoin]);

  if (!key) {
    return (
      <main className="presenter">
        <p className="presenter-title">Open the presenter view from the facilitator console.</p>
      </main>
    );
  }
  if (state.blank) {
    return (
      <main className="presenter blank-overlay" data-testid="presenter-blank">
        <h1 className="visually-hidden">Screen blanked: eyes on the front</h1>
      </main>
    );
  }
  const phase = pack.phases.find((p) => p.id === effectivePhase(state, now));
  const pushed = state.pushed;
  const slide = slideIndex >= 0 ? deck?.slides[slideIndex] : undefined;
  return (
    <main className="presenter" data-testid="presenter">
      <div className="presenter-top">
        <h1 className="presenter-heading">
          {meta?.title ?? ''} {phase ? `· ${phase.title}` : ''}
        </h1>
        <span className="muted">Room {code}</span>
        <span className="presenter-clock">
          {state.phase && state.clock && !state.clock.running && state.clock.elapsedMs > 0 && !ended ? (
            <span className="tag presenter-paused" data-testid="presenter-paused">
              Paused
            </span>
          ) : null}
          {client && state.showClock !== false ? <PhaseClock client={client} /> : null}
        </span>
      </div>
      <EndedBanner client={client} />
      <div className="presenter-main">
        {(state.showJoin || (!state.phase && !lab.project)) && !ended ? (
          <JoinCard hostKey={key} code={code} className="join-card-full" />
        ) : lab.project && lab.scenarioId && client ? (
          <Suspense fallback={<p className="muted">Loading the lab comparison…</p>}>
            <RoomLabComparison client={client} />
          </Suspense>
        ) : slide ? (
          <SlideView slide={slide} />
        ) : pushed?.kind === 'poll' && client ? (
          <PresentedPoll client={client} pollId={pushed.pollId} />
        ) : pushed?.kind === 'team' && client ? (
          <div>
            <h2 className="presenter-title" style={{ fontSize: '3vw' }}>
              {(client.doc('groups').getMap('groups').get(pushed.teamId) as { name?: string } | undefined)?.name ?? pushed.teamId}
            </h2>
            <TeamWork client={client} teamId={pushed.teamId} large />
          </div>
        ) : pushed?.kind === 'brainstorm' && client ? (
          <div>
            <h2 className="presenter-title" style={{ fontSize: '3vw' }}>
              Room brainstorm
            </h2>
            <Suspense fallback={<p className="muted">Loading the board…</p>}>
              <LazyBoardPreview client={client} docName="room/brainstorm" label="Room brainstorm" height={520} />
            </Suspense>
          </div>
        ) : pushed?.kind === 'qa' && client ? (
          <TopQuestions client={client} />
        ) : client && !pushed && (evaluate.current || evaluate.round || Object.values(evaluate.teams).some((t) => t.revealed)) ? (
          <PresenterEvaluate client={client} />
        ) : pushed?.kind === 'item' ? (
          <h2 className="presenter-title">{pack.cases.find((c) => c.id === pushed.id)?.title ?? pack.concepts.find((c) => c.id === pushed.id)?.term ?? pushed.id}</h2>
        ) : (
          <div>
            <h2 className="presenter-title">{phase?.title ?? (ended ? meta?.title : undefined)}</h2>
            {phase ? <Markdown text={phase.goal} /> : null}
          </div>
        )}
      </div>
      {client ? <PresenterCues client={client} /> : null}
    </main>
  );
}
