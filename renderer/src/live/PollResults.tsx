/**
 * Poll results as plain HTML bars and word lists (no chart library: a few divs are accessible, print well, and keep
 * the learner's join page light).
 */
import type { PollDefinition, Tally } from '../../../shared/room/pollTally';
import { Markdown } from '../ui/Markdown';

export function PollResults({ poll, tally, showCorrect, large = false }: { poll: PollDefinition; tally: (Tally & { answerKey?: string[] }) | null; showCorrect: boolean; large?: boolean }) {
  const total = tally?.respondents ?? 0;
  // A quiz's answers come with the tally (the host holds them back from the session until the results are revealed).
  const correctIds = tally?.answerKey ?? poll.correct;
  const bars: { key: string; label: string; count: number; correct?: boolean }[] = [];
  if (tally?.counts) {
    for (const option of poll.options ?? []) bars.push({ key: option.id, label: option.label, count: tally.counts[option.id] ?? 0, correct: correctIds?.includes(option.id) });
  }
  if (tally?.histogram) {
    for (const [value, count] of Object.entries(tally.histogram)) bars.push({ key: value, label: value, count });
  }
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <div className={`poll-results ${large ? 'poll-results-large' : ''}`} data-testid="poll-results" data-respondents={total}>
      {bars.length > 0 ? (
        <ul className="bars">
          {bars.map((b) => (
            <li key={b.key} data-option={b.key} data-count={b.count} className={showCorrect && b.correct ? 'correct' : undefined}>
              <span className="bar-label">
                <Markdown text={b.label} inline />
                {showCorrect && b.correct ? ' ✓' : ''}
              </span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${(b.count / max) * 100}%` }} />
              </span>
              <span className="bar-count">{b.count}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {tally?.mean !== undefined ? <p className="muted">Average {tally.mean}</p> : null}
      {tally?.words ? (
        <p className="word-cloud">
          {tally.words.map(([word, count]) => (
            <span key={word} style={{ fontSize: `${Math.min(3, 0.9 + count * 0.35)}em` }} title={`${count}`}>
              {word}
            </span>
          ))}
        </p>
      ) : null}
      {tally?.texts ? (
        <ul className="list">
          {tally.texts.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>
      ) : null}
      <p className="muted">
        {total} {total === 1 ? 'answer' : 'answers'}
        {tally?.correct !== undefined && showCorrect ? ` · ${tally.correct} correct` : ''}
      </p>
    </div>
  );
}
