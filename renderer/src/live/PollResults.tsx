/**
 * Poll results: choice and scale polls as a recharts bar chart (ui/charts, loaded lazily so the learner's join page
 * stays light), one bar per option with its count, the correct options marked (✓ and the "ok" colour) once shown;
 * word clouds and open texts as words and a list.
 * The chart is hidden from assistive technology: the figure is named by a one-sentence summary and a visually hidden
 * list (li[data-option][data-count], which the e2e specs read) gives the same numbers.
 */
import type { PollDefinition, Tally } from '../../../shared/room/pollTally';
import { BarChartDrawing } from '../ui/charts/BarChart';
import { plainLabel, pollBars, pollSummary } from '../ui/charts/chartData';
import { Markdown } from '../ui/Markdown';

export function PollResults({ poll, tally, showCorrect, large = false }: { poll: PollDefinition; tally: (Tally & { answerKey?: string[] }) | null; showCorrect: boolean; large?: boolean }) {
  const total = tally?.respondents ?? 0;
  const bars = pollBars(poll, tally, showCorrect);
  return (
    <div className={`poll-results ${large ? 'poll-results-large' : ''}`} data-testid="poll-results" data-respondents={total}>
      {bars.length > 0 ? (
        <figure className={`chart ${large ? 'chart-large' : ''}`} role="group" aria-label={`Results: ${pollSummary(bars, total)}`}>
          <BarChartDrawing data={bars.map((b) => ({ label: plainLabel(b.label), value: b.count, highlight: b.correct }))} large={large} />
          <ul className="visually-hidden">
            {bars.map((b) => (
              <li key={b.key} data-option={b.key} data-count={b.count} className={b.correct ? 'correct' : undefined}>
                <Markdown text={b.label} inline />: {b.count}
                {b.correct ? ' (correct)' : ''}
              </li>
            ))}
          </ul>
        </figure>
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
