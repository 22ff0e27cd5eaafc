/**
 * Owns: the DevOps-only vs MLOps view of one comparison (shared/lab/processComparison.ts): the headline numbers per
 * incident (time to detect, time to recover, extra cost) and in total, two charts over the days (cost per 1,000
 * rows, cost so far) and each team's timeline. Legible on a projector with `large`. The charts are pictures
 * (aria-hidden, recharts loaded lazily); every number they show is also in the tables, which are their text
 * alternative (the daily numbers sit in a table behind "Daily numbers").
 */
import { lazy, Suspense } from 'react';
import type { ProcessComparison as Comparison, ProcessIncident, ProcessKind } from '../../../shared/lab/processComparison';
import { TEAM_STYLE, type SeriesMetric } from './comparisonStyle';
import './labGuide.css';

const Chart = lazy(() => import('./ProcessComparisonChart'));

const TEAMS: ProcessKind[] = ['devops', 'mlops'];
const days = (n: number | null, none: string) => (n === null ? none : `${n} ${n === 1 ? 'day' : 'days'}`);

function money(v: number, currency: string): string {
  const n = Math.round(v).toLocaleString('en-GB');
  return currency.length <= 3 ? `${currency} ${n}` : `${n} ${currency}`;
}

const KIND_WORDS: Record<ProcessIncident['kind'], string> = {
  covariate: 'covariate drift',
  concept: 'concept drift',
  prior: 'label (prior) shift',
  upstream: 'upstream unit change',
  pipelineBug: 'feature-pipeline bug',
};

export function incidentLabel(i: Pick<ProcessIncident, 'kind' | 'feature' | 'day'>): string {
  return `${KIND_WORDS[i.kind]}${i.feature ? ` on “${i.feature}”` : ''} from day ${i.day}`;
}

function Legend() {
  return (
    <p className="chart-legend" aria-hidden="true">
      {TEAMS.map((t) => (
        <span key={t}>
          <svg width="36" height="12" aria-hidden="true">
            <line x1="0" y1="6" x2="36" y2="6" stroke={TEAM_STYLE[t].colour} strokeWidth="4" strokeDasharray={TEAM_STYLE[t].dash} />
          </svg>
          {TEAM_STYLE[t].name}
          {t === 'devops' ? ' (dashed)' : ' (solid)'}
        </span>
      ))}
      <span>
        <span className="chart-swatch" style={{ background: 'var(--danger)' }} /> incident starts
      </span>
    </p>
  );
}

function ChartFigure({ c, metric, title, large }: { c: Comparison; metric: SeriesMetric; title: string; large: boolean }) {
  return (
    <figure
      className={`chart lab-compare-chart ${large ? 'chart-large' : ''}`}
      role="group"
      aria-label={`${title} (the numbers are in the tables)`}
    >
      <figcaption>{title}</figcaption>
      <Legend />
      <div aria-hidden="true" className="chart-drawing">
        <Suspense fallback={<div className="muted">Loading the chart…</div>}>
          <Chart comparison={c} metric={metric} large={large} />
        </Suspense>
      </div>
    </figure>
  );
}

export function ProcessComparison({ comparison: c, large = false }: { comparison: Comparison; large?: boolean }) {
  const incidents = c.mlops.incidents;
  return (
    <div className={`lab-compare stack ${large ? 'lab-compare-large' : ''}`} data-testid="process-comparison">
      <table className="chart-table lab-compare-table" data-testid="comparison-summary">
        <caption>
          DevOps-only vs MLOps on {c.horizon} simulated days ({c.scenarioId}, seed {c.seed})
        </caption>
        <thead>
          <tr>
            <th scope="col">Incident and measure</th>
            {TEAMS.map((t) => (
              <th scope="col" key={t}>
                {c[t].title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {incidents.length === 0 ? (
            <tr>
              <th scope="row">Incidents</th>
              <td colSpan={2}>None began within the horizon: choose an incident or a longer horizon.</td>
            </tr>
          ) : null}
          {incidents.flatMap((inc, k) => {
            const pair = TEAMS.map((t) => c[t].incidents[k]!);
            const label = incidentLabel(inc);
            return [
              <tr key={`${k}ttd`}>
                <th scope="row">Time to detect — {label}</th>
                {pair.map((p, j) => (
                  <td key={j} data-testid={`ttd-${TEAMS[j]}`}>
                    {days(p.ttd, 'not detected')}
                    {p.detectedBy ? ` (${p.detectedBy === 'declared' ? 'complaints' : `${p.detectedBy} alert`})` : ''}
                  </td>
                ))}
              </tr>,
              <tr key={`${k}ttr`}>
                <th scope="row">Time to recover — {label}</th>
                {pair.map((p, j) => (
                  <td key={j} data-testid={`ttr-${TEAMS[j]}`}>
                    {p.impacted ? days(p.ttr, `not within ${c.horizon} days`) : 'no impact on cost'}
                  </td>
                ))}
              </tr>,
              <tr key={`${k}x`}>
                <th scope="row">Extra cost — {label}</th>
                {pair.map((p, j) => (
                  <td key={j} data-testid={`extra-${TEAMS[j]}`}>
                    {money(p.extraCost, c.currency)}
                  </td>
                ))}
              </tr>,
            ];
          })}
          <tr>
            <th scope="row">Total cost over {c.horizon} days</th>
            {TEAMS.map((t) => (
              <td key={t} data-testid={`total-${t}`}>
                {money(c[t].totalCost, c.currency)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Models deployed after day 0</th>
            {TEAMS.map((t) => (
              <td key={t}>{c[t].deployments}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <ChartFigure c={c} metric="costPer1000" title="Cost per 1,000 rows, day by day" large={large} />
      <ChartFigure c={c} metric="cumulativeCost" title="Cost so far" large={large} />
      <div className="grid-2 lab-compare-timelines">
        {TEAMS.map((t) => (
          <section key={t} className="card" aria-label={`${c[t].title}: what happened`}>
            <h3>{c[t].title}</h3>
            <ol className="list" data-testid={`timeline-${t}`}>
              {c[t].events.map((e, i) => (
                <li key={i}>
                  <strong>Day {e.day}:</strong> {e.text}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      <details>
        <summary>Daily numbers (the charts as a table)</summary>
        <table className="chart-table">
          <caption className="visually-hidden">Cost per 1,000 rows and cost so far, per day and team</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">DevOps-only: cost / 1,000</th>
              <th scope="col">MLOps: cost / 1,000</th>
              <th scope="col">DevOps-only: so far</th>
              <th scope="col">MLOps: so far</th>
            </tr>
          </thead>
          <tbody>
            {c.devops.days.map((d, i) => {
              const m = c.mlops.days[i]!;
              return (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>{Math.round(d.costPer1000)}</td>
                  <td>{Math.round(m.costPer1000)}</td>
                  <td>{Math.round(d.cumulativeCost)}</td>
                  <td>{Math.round(m.cumulativeCost)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </div>
  );
}
