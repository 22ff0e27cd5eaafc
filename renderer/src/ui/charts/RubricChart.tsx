/**
 * Owns: a team's rubric results as charts — per criterion the peers' levels as one stacked bar (a colour per level,
 * the count written in each segment) and, beside it on a wide screen (below it on a narrow one), the peer mean
 * level and the facilitator's level as two bars — with legends in HTML and a one-sentence summary per criterion
 * as the figure's name. The drawings (recharts) load lazily (./RubricChartSvg) and are hidden from assistive
 * technology; the caller keeps the table with the same numbers (live/RubricResults.tsx).
 */
import { lazy, Suspense } from 'react';
import { FACILITATOR_COLOUR, PEER_COLOUR, levelColour, rubricSummary, type RubricLevel, type RubricRow } from './chartData';

const PeerLevels = lazy(() => import('./RubricChartSvg').then((m) => ({ default: m.PeerLevels })));
const MeanLevels = lazy(() => import('./RubricChartSvg').then((m) => ({ default: m.MeanLevels })));

function Swatch({ colour }: { colour: string }) {
  return <span className="chart-swatch" style={{ background: colour }} />;
}

const loading = <div className="muted">Loading the chart…</div>;

export function RubricChart({
  rows,
  levels,
  scorers,
  teamName,
  large = false,
}: {
  rows: readonly RubricRow[];
  levels: readonly RubricLevel[];
  /** Peers who scored: the length of a full bar. */
  scorers: number;
  teamName: string;
  large?: boolean;
}) {
  const ascending = [...levels].sort((a, b) => a.score - b.score);
  return (
    <figure className={`chart rubric-chart ${large ? 'chart-large' : ''}`} role="group" aria-label={`Scores for ${teamName}. ${rubricSummary(rows, ascending)}`} data-testid="rubric-chart">
      <div className="rubric-chart-grid" aria-hidden="true">
        <p className="chart-legend" style={{ gridArea: 'l1' }}>
          <strong>Peers per level</strong>
          {ascending.map((l, i) => (
            <span key={l.score}>
              <Swatch colour={levelColour(i)} /> {l.score} {l.label}
            </span>
          ))}
        </p>
        <div style={{ gridArea: 'c1' }}>
          <Suspense fallback={loading}>
            <PeerLevels rows={rows} levels={ascending} large={large} scorers={scorers} />
          </Suspense>
        </div>
        <p className="chart-legend" style={{ gridArea: 'l2' }}>
          <strong>Level</strong>
          <span>
            <Swatch colour={PEER_COLOUR} /> Peers (mean)
          </span>
          <span>
            <Swatch colour={FACILITATOR_COLOUR} /> Facilitator
          </span>
        </p>
        <div style={{ gridArea: 'c2' }}>
          <Suspense fallback={loading}>
            <MeanLevels rows={rows} levels={ascending} large={large} />
          </Suspense>
        </div>
      </div>
    </figure>
  );
}
