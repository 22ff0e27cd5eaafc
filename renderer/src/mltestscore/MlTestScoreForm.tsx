/**
 * Owns: the ML Test Score self-assessment UI — the 28 tests with a not done / manual / automated choice each, and
 * the live result (section bars with their table, the final score and its band). Where the marks live (a team
 * document, the device) is the caller's business: it passes the raw marks and an `onMark` (none: read-only).
 */
import { useMemo } from 'react';
import { formatMts, mlTestScore, MTS_POINTS, type MtsPoints, type MtsResult } from '../../../shared/room/mlTestScore';
import type { MlTestScore } from '../../../shared/content/schema';
import { BarChart } from '../ui/charts/BarChart';
import { Markdown } from '../ui/Markdown';

const CHOICE: Record<MtsPoints, string> = { 0: 'Not done', 0.5: 'Manual (0.5)', 1: 'Automated (1)' };

export function useMlTestScore(rubric: MlTestScore | undefined, raw: unknown): MtsResult | null {
  return useMemo(() => (rubric ? mlTestScore(rubric, raw) : null), [rubric, raw]);
}

/** The final score, its band and the four sections as bars with their table. */
export function MlTestScoreResult({ result, large = false }: { result: MtsResult; large?: boolean }) {
  return (
    <div className="mts-result" data-testid="mts-result">
      <p className="mts-final">
        <span className="eyebrow">ML Test Score (the weakest section)</span>
        <br />
        <strong data-testid="mts-final" style={{ fontSize: large ? '3rem' : '2rem' }}>
          {formatMts(result.final)}
        </strong>{' '}
        {result.band ? (
          <span data-testid="mts-band">
            <span className="tag">{result.band.label}</span> <Markdown text={result.band.meaning} inline />
          </span>
        ) : null}
      </p>
      <p className="muted" data-testid="mts-progress">
        {result.marked} of {result.total} tests marked
      </p>
      <BarChart
        title="Score per section (out of 7)"
        data={result.sections.map((s) => ({ label: s.name, value: s.score }))}
        max={Math.max(7, ...result.sections.map((s) => s.max))}
        itemHeader="Section"
        valueHeader="Points"
        format={formatMts}
        large={large}
        testId="mts-sections"
      />
    </div>
  );
}

/** The tests, section by section, each with its three choices. */
export function MlTestScoreTests({ rubric, marks, onMark, scope }: { rubric: MlTestScore; marks: Record<string, MtsPoints>; onMark?: (testId: string, points: MtsPoints) => void; scope: string }) {
  return (
    <div className="stack">
      {rubric.categories.map((c) => (
        <section key={c.id} id={c.id} aria-label={c.name}>
          <h2>
            {c.name} ({c.tests.length})
          </h2>
          <Markdown text={c.description} />
          <ol className="mts-tests">
            {c.tests.map((t) => (
              <li key={t.id} id={t.id}>
                <div role="radiogroup" aria-label={t.title} className="mts-test">
                  <div>
                    <strong>{t.title}.</strong> <Markdown text={t.description} inline />
                  </div>
                  <div className="mts-choices">
                    {MTS_POINTS.map((p) => (
                      <label key={p} className="mts-choice">
                        <input type="radio" name={`${scope}-${t.id}`} value={p} checked={marks[t.id] === p} disabled={!onMark} onChange={() => onMark?.(t.id, p)} /> {CHOICE[p]}
                      </label>
                    ))}
                  </div>
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
