/**
 * Owns: the lab's monitoring dashboard (issue 16, point 6), a screen taking `{ lab: LabApi }`. Over the simulated
 * days: per-feature drift (PSI or KS, thresholds as reference lines), the prediction distribution and its PSI, live
 * quality once the delayed labels arrive (vs the holdout AUC the model promised), the business cost the team can see
 * (from arrived labels), the alerts with their thresholds. With monitoring off it says plainly that the team is
 * flying blind and shows only what such a team sees (traffic and how much it flags). The hindsight truth (true
 * cost, incidents) is for the debrief, behind an explicit toggle.
 */
import { useMemo, useState } from 'react';
import type { LabApi } from './labApi';
import { DayLineChart, type ChartReference } from './monitoringChart';
import {
  alertRows,
  costSeries,
  driftFeatures,
  driftSeries,
  fmt,
  latest,
  latestCaption,
  liveQualitySeries,
  predictionSeries,
  type DriftMetric,
} from './monitoringSeries';
import { AlertsTable, IncidentsTable, LatestDriftTable } from './monitoringTables';
import { RolloutTable } from './monitoringRollout';
import { featureLabel } from './pipelineStepDetails';
import './pipelineViews.css';

const DRAWN_FEATURES = 4;

export function MonitoringView({ lab }: { lab: LabApi }) {
  const { state, scenario } = lab;
  const [metric, setMetric] = useState<DriftMetric>('psi');
  const [hindsight, setHindsight] = useState(false);
  const days = useMemo(() => state?.days ?? [], [state]);
  const m = scenario.monitoring;
  const currency = scenario.costs.currency;

  const drift = useMemo(() => {
    const features = driftFeatures(days, metric).slice(0, DRAWN_FEATURES);
    return { features, rows: driftSeries(days, metric, features) };
  }, [days, metric]);
  const predictions = useMemo(() => predictionSeries(days), [days]);
  const quality = useMemo(
    () => (state ? liveQualitySeries(days, state.runs, (v) => state.registry.versions.find((x) => x.version === v)?.runId) : []),
    [days, state],
  );
  const cost = useMemo(() => costSeries(days, hindsight), [days, hindsight]);
  const alerts = useMemo(() => alertRows(days), [days]);

  if (!state) return <p className="muted">Loading the lab…</p>;
  const blind = !state.pipeline.steps.monitor;
  const lastDay = days[days.length - 1];
  const lastMonitored = [...days].reverse().find((d) => d.drift);
  const champion = state.registry.champion;

  const psiRefs: ChartReference[] = [
    { y: m.psiWarn, label: `warning: PSI ${m.psiWarn}`, tone: 'warn' },
    { y: m.psiAlert, label: `alert: PSI ${m.psiAlert}`, tone: 'danger' },
  ];
  const driftRefs: ChartReference[] = metric === 'psi' ? psiRefs : [{ y: m.ksAlert, label: `alert: KS ${m.ksAlert}`, tone: 'danger' }];
  const seenTotal = latest(cost, 'seenTotal');

  return (
    <section className="monitoring-view" aria-labelledby="monitoring-title">
      <h2 id="monitoring-title">Monitoring</h2>
      <p className="monitoring-status">
        Day {state.day} · {days.length} simulated day{days.length === 1 ? '' : 's'} · champion {champion === null ? 'none' : `v${champion}`}{' '}
        · monitoring <strong>{blind ? 'off' : 'on'}</strong> · labels arrive {scenario.labelDelayDays} days late
      </p>

      {blind ? (
        <div className="callout callout-warn" role="status" data-testid="monitoring-blind">
          <p>
            <strong>Monitoring is off: the team is flying blind.</strong> No drift, no live quality, no alerts. All you see is the traffic
            and how much the model flags. What a bad model costs reaches you only later, as complaints ({scenario.costs.falseNegativeMeans};{' '}
            {scenario.costs.falsePositiveMeans}).
          </p>
          <p>Switch the monitor step on in the pipeline, or declare an incident when you suspect one.</p>
        </div>
      ) : null}
      <p>
        <button type="button" className="btn" onClick={() => lab.dispatch({ type: 'declareIncident' })}>
          Something is wrong: declare an incident
        </button>
      </p>

      {!blind ? (
        <section aria-labelledby="monitoring-drift">
          <h3 id="monitoring-drift">Feature drift</h3>
          <fieldset className="monitoring-toggle">
            <legend>Statistic</legend>
            {(['psi', 'ks'] as const).map((k) => (
              <label key={k}>
                <input type="radio" name="monitoring-metric" checked={metric === k} onChange={() => setMetric(k)} />{' '}
                {k === 'psi' ? 'PSI (population stability index)' : 'KS (Kolmogorov–Smirnov distance)'}
              </label>
            ))}
          </fieldset>
          {drift.features.length ? (
            <DayLineChart
              title={`${metric.toUpperCase()} per feature, the ${drift.features.length} that drifted most`}
              testId="monitoring-drift-chart"
              rows={drift.rows}
              series={drift.features.map((f) => ({ key: f, label: featureLabel(scenario, f) }))}
              yLabel={metric === 'psi' ? 'PSI (square-root scale)' : 'KS distance (square-root scale)'}
              yScale="sqrt"
              references={driftRefs}
              yDomain={[0, 'auto']}
              caption={latestCaption(
                drift.rows,
                drift.features.map((f) => ({ key: f, label: featureLabel(scenario, f) })),
              )}
            />
          ) : (
            <p className="empty">No drift measured yet: it needs a champion serving and a simulated day with monitoring on.</p>
          )}
          {lastMonitored ? <LatestDriftTable day={lastMonitored} scenario={scenario} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="monitoring-predictions">
        <h3 id="monitoring-predictions">Predictions</h3>
        <DayLineChart
          title="Share of rows flagged and mean score"
          rows={predictions}
          series={[
            { key: 'flagged', label: `flagged (score ≥ ${state.threshold})` },
            { key: 'meanScore', label: 'mean score' },
          ]}
          yLabel="% of rows / score %"
          yDomain={[0, 'auto']}
          caption={latestCaption(predictions, [
            { key: 'flagged', label: 'flagged', digits: 1, unit: '%' },
            { key: 'meanScore', label: 'mean score', digits: 1, unit: '%' },
          ])}
        />
        {!blind ? (
          <DayLineChart
            title="Prediction drift: PSI of the score distribution vs training"
            rows={predictions}
            series={[{ key: 'predictionPsi', label: 'prediction PSI' }]}
            yLabel="PSI (square-root scale)"
            yScale="sqrt"
            yDomain={[0, 'auto']}
            references={psiRefs}
            caption={latestCaption(predictions, [{ key: 'predictionPsi', label: 'prediction PSI' }])}
          />
        ) : null}
      </section>

      {!blind ? (
        <section aria-labelledby="monitoring-quality">
          <h3 id="monitoring-quality">Live quality (as labels arrive)</h3>
          {quality.length ? (
            <DayLineChart
              title="Live AUC, precision and recall by scored day, vs the holdout AUC the model promised"
              testId="monitoring-quality-chart"
              rows={quality}
              series={[
                { key: 'auc', label: 'live AUC' },
                { key: 'precision', label: 'live precision' },
                { key: 'recall', label: 'live recall' },
                { key: 'holdoutAuc', label: 'holdout AUC of the serving model' },
              ]}
              yLabel="metric (0–1)"
              yDomain={[0, 1]}
              caption={latestCaption(quality, [
                { key: 'auc', label: 'live AUC' },
                { key: 'precision', label: 'precision' },
                { key: 'recall', label: 'recall' },
                { key: 'holdoutAuc', label: 'holdout AUC' },
              ])}
            />
          ) : (
            <p className="empty">
              No labels yet for a monitored day: {scenario.positiveLabel} is confirmed {scenario.labelDelayDays} days after a{' '}
              {scenario.rowNoun} is scored.
            </p>
          )}
        </section>
      ) : null}

      {!blind ? <RolloutTable days={state.days} /> : null}

      <section aria-labelledby="monitoring-cost">
        <h3 id="monitoring-cost">Business cost ({currency})</h3>
        <p className="muted">
          A missed {scenario.positiveLabel} costs {scenario.costs.falseNegative} {currency} ({scenario.costs.falseNegativeMeans}); a false
          alarm costs {scenario.costs.falsePositive} {currency} ({scenario.costs.falsePositiveMeans}).
        </p>
        {!blind ? (
          <p className="monitoring-big" data-testid="monitoring-seen-cost">
            Known so far (from arrived labels):{' '}
            <strong>{seenTotal ? `${Math.round(seenTotal.value).toLocaleString('en')} ${currency}` : '—'}</strong>
            {seenTotal ? ` up to day ${seenTotal.day}` : ''}
          </p>
        ) : (
          <p className="empty">Without monitoring nobody measures the cost: it arrives later, as complaints.</p>
        )}
        {!blind || hindsight ? (
          <DayLineChart
            title={`Cost per 1,000 ${scenario.rowNoun}s${hindsight ? ', known and true (hindsight)' : ''}`}
            rows={cost}
            series={[
              ...(!blind ? [{ key: 'seenPer1000', label: 'known (labels arrived)' }] : []),
              ...(hindsight ? [{ key: 'truthPer1000', label: 'true cost (hindsight)' }] : []),
            ]}
            yLabel={`${currency} per 1,000`}
            yDomain={[0, 'auto']}
            caption={latestCaption(cost, [
              { key: 'seenPer1000', label: 'known', digits: 0, unit: ` ${currency}` },
              ...(hindsight ? [{ key: 'truthPer1000', label: 'true', digits: 0, unit: ` ${currency}` }] : []),
            ])}
          />
        ) : null}
      </section>

      {!blind ? (
        <section aria-labelledby="monitoring-alerts">
          <h3 id="monitoring-alerts">Alerts</h3>
          <AlertsTable alerts={alerts} scenario={scenario} />
        </section>
      ) : null}

      <section aria-labelledby="monitoring-hindsight" className="monitoring-hindsight">
        <h3 id="monitoring-hindsight">Debrief</h3>
        <button type="button" className="btn" aria-pressed={hindsight} onClick={() => setHindsight((h) => !h)}>
          {hindsight ? 'Hide hindsight' : 'Show hindsight (debrief)'}
        </button>
        {hindsight ? (
          <div data-testid="monitoring-hindsight">
            <p>
              Hindsight is what the generator knows and no team can: the true cost of every day, the true AUC, and every incident. Total
              true cost so far:{' '}
              <strong>
                {Math.round(state.totalCost).toLocaleString('en')} {currency}
              </strong>
              {lastDay ? `; true AUC on day ${lastDay.day}: ${fmt(lastDay.truth.auc)}` : ''}.
            </p>
            <IncidentsTable incidents={state.incidents} scenario={scenario} />
          </div>
        ) : (
          <p className="muted">Hidden while the team works: the true cost and the incidents’ causes are for the debrief.</p>
        )}
      </section>
    </section>
  );
}
