/** The poll and quiz bank, per phase: prompts, options, the correct answer and its explanation. */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Poll } from '../../../shared/content/schema';
import { useContent } from '../content/ContentProvider';
import { pollPlacements, type PollPlacement } from '../content/pollPlacement';
import { Markdown } from '../ui/Markdown';
import { ItemLink, PageHeader, Section } from '../ui/bits';

const KIND_LABEL: Record<Poll['kind'], string> = {
  single: 'Single choice', multiple: 'Multiple choice', scale: 'Rating scale', wordcloud: 'Word cloud', text: 'Open text', quiz: 'Quiz',
};

export function PollCard({ poll, showAnswers, phase, placement }: { poll: Poll; showAnswers: boolean; phase?: string; placement?: PollPlacement }) {
  return (
    <div className="card" id={poll.id}>
      <div className="eyebrow" data-testid="poll-placement">
        {KIND_LABEL[poll.kind]}
        {phase ? ` · ${phase}` : ''}
        {placement ? (
          <>
            {' · '}
            <Link to={`/kit/decks/${placement.deckId}/${placement.slideId}`}>
              slide {placement.number}, {placement.title}
            </Link>
          </>
        ) : (
          ' · any time in the phase'
        )}
      </div>
      <Markdown text={poll.prompt} />
      {poll.options ? (
        <ul className="options">
          {poll.options.map((o) => {
            const correct = showAnswers && poll.correct?.includes(o.id);
            return (
              <li key={o.id} className={correct ? 'correct' : undefined}>
                <Markdown text={o.label} inline />
                {correct ? <span className="visually-hidden"> (correct)</span> : null}
                {correct ? ' ✓' : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {poll.scale ? (
        <p className="muted">
          Scale {poll.scale.min} {poll.scale.minLabel ? `(${poll.scale.minLabel})` : ''} to {poll.scale.max} {poll.scale.maxLabel ? `(${poll.scale.maxLabel})` : ''}
        </p>
      ) : null}
      {showAnswers && poll.explanation ? (
        <div className="callout">
          <Markdown text={poll.explanation} />
        </div>
      ) : null}
    </div>
  );
}

export function PollsPage() {
  const { pack } = useContent();
  const [showAnswers, setShowAnswers] = useState(true);
  const order = pack.lesson.phases;
  const banks = [...pack.polls].sort((a, b) => order.indexOf(a.phase) - order.indexOf(b.phase));
  const placements = useMemo(() => pollPlacements(pack), [pack]);
  const phaseTitle = (id: string) => pack.phases.find((p) => p.id === id)?.title ?? id;
  return (
    <div className="page">
      <PageHeader eyebrow="Polls & quizzes" title="Questions for the room" lead="The bank the facilitator draws from, phase by phase. Quizzes carry their answer and an explanation.">
        <button type="button" className="btn" aria-pressed={showAnswers} onClick={() => setShowAnswers((v) => !v)}>
          {showAnswers ? 'Hide answers' : 'Show answers'}
        </button>
      </PageHeader>
      {banks.map((bank) => (
        <Section key={bank.id} title={bank.title} id={bank.id}>
          <p>
            <ItemLink id={bank.phase} />
          </p>
          <div className="stack">
            {bank.polls.map((p) => (
              <PollCard key={p.id} poll={p} showAnswers={showAnswers} phase={phaseTitle(bank.phase)} placement={placements.get(p.id)} />
            ))}
          </div>
        </Section>
      ))}
      {banks.length === 0 ? <p className="empty">No polls in this pack yet.</p> : null}
    </div>
  );
}
