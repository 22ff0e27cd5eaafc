/**
 * Owns: the lab's explainability and fairness screen (issue 16, point 7), taking `{ lab: LabApi }`: the global
 * importance of the champion's run; why one served prediction got its score (`lab.explain(version, day, row)`: a
 * waterfall from the base to the final value, with each feature's value and unit); and quality by subgroup (the
 * scenario's groups, e.g. patient age bands: holdout beside live) with a prompt into the kit's ethics discussion.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { BarChart } from '../ui/charts/BarChart';
import { minus, SubgroupDrawing, SubgroupLegend, WaterfallDrawing } from './explainCharts';
import { importanceRows, recallGap, subgroupRows, waterfall, type SubgroupRow } from './explainData';
import type { Explanation, LabApi } from './labApi';
import { fmt } from './monitoringSeries';
import './pipelineViews.css';

export function ExplainView({ lab }: { lab: LabApi }) {
  const { state, scenario } = lab;
  if (!state) return <p className="muted">Loading the lab…</p>;
  const championVersion = state.registry.versions.find((v) => v.version === state.registry.champion);
  const run = state.runs.find((r) => r.id === championVersion?.runId) ?? state.runs[state.runs.length - 1];
  return (
    <section className="explain-view" aria-labelledby="explain-title">
      <h2 id="explain-title">Explain</h2>
      <section aria-labelledby="explain-global">
        <h3 id="explain-global">Global importance</h3>
        {run ? (
          <>
            <p className="muted">
              {championVersion ? `The champion (v${championVersion.version}, ${run.id}` : `No champion yet: the latest run (${run.id}`}, a{' '}
              {run.model} model).{' '}
              {run.model === 'logistic'
                ? 'Importance = |weight × standard deviation| of each feature.'
                : 'Importance = total Gini gain of the splits on each feature.'}
            </p>
            <BarChart
              title={`Share of importance per feature, ${run.id}`}
              data={importanceRows(run, scenario).map((r) => ({ label: r.label, value: r.value }))}
              itemHeader="Feature"
              valueHeader="Share of importance"
              format={(v) => `${v.toFixed(1)} %`}
              testId="explain-importance"
            />
          </>
        ) : (
          <p className="empty">Train a run first.</p>
        )}
      </section>
      <PredictionExplainer lab={lab} />
      <Fairness lab={lab} runId={run?.id} />
    </section>
  );
}

function PredictionExplainer({ lab }: { lab: LabApi }) {
  const state = lab.state!;
  const { scenario } = lab;
  const versions = state.registry.versions;
  const firstDay = -scenario.historyDays;
  const lastDay = state.day - 1;
  const [version, setVersion] = useState<number | null>(state.registry.champion ?? versions[versions.length - 1]?.version ?? null);
  const [day, setDay] = useState(String(Math.max(lastDay, firstDay)));
  const [row, setRow] = useState('0');
  const [result, setResult] = useState<{ key: string; e: Explanation } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const d = Number(day);
  const r = Number(row);
  const valid =
    version !== null && Number.isInteger(d) && d >= firstDay && d <= lastDay && Number.isInteger(r) && r >= 0 && r < scenario.rowsPerDay;
  const key = `${version}/${d}/${r}`;

  useEffect(() => {
    if (!valid || version === null) return;
    let live = true;
    lab.explain(version, d, r).then(
      (e) => live && (setResult({ key, e }), setError(null)),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [lab, version, d, r, valid, key]);

  const e = result?.e ?? null;
  const steps = useMemo(() => (e ? waterfall(e, scenario) : []), [e, scenario]);
  const flagged = e ? e.score >= state.threshold : false;
  const scaleLabel =
    e?.scale === 'log-odds' ? 'log-odds (base + contributions = logit of the score)' : 'probability (base + contributions = score)';

  return (
    <section aria-labelledby="explain-one">
      <h3 id="explain-one">Why did this {scenario.rowNoun} get its score?</h3>
      {versions.length === 0 ? (
        <p className="empty">Register a version to explain its predictions.</p>
      ) : (
        <>
          <div className="explain-pickers">
            <label>
              Model version
              <select className="input" value={version ?? ''} onChange={(ev) => setVersion(Number(ev.target.value))}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version} ({v.runId}){v.version === state.registry.champion ? ' — champion' : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Day ({firstDay} … {lastDay})
              <input
                className="input"
                type="number"
                min={firstDay}
                max={lastDay}
                value={day}
                aria-invalid={!valid}
                onChange={(ev) => setDay(ev.target.value)}
              />
            </label>
            <label>
              Row (0 … {scenario.rowsPerDay - 1})
              <input
                className="input"
                type="number"
                min={0}
                max={scenario.rowsPerDay - 1}
                value={row}
                aria-invalid={!valid}
                onChange={(ev) => setRow(ev.target.value)}
              />
            </label>
            <button type="button" className="btn" onClick={() => setRow(String((r + 1) % scenario.rowsPerDay))}>
              Next row
            </button>
          </div>
          {error ? <p className="error-box">{error}</p> : null}
          {!valid ? <p className="empty">Pick a version, a simulated day and a row within the ranges shown.</p> : null}
          {valid && result && result.key === key && !e ? (
            <p className="empty">Nothing to explain there: that day or row was not served.</p>
          ) : null}
          {e && result?.key === key ? (
            <figure
              className="chart"
              role="group"
              aria-label={`Contributions to the score of row ${r} on day ${d}`}
              data-testid="explain-waterfall"
            >
              <p className="monitoring-big">
                Score <strong>{(e.score * 100).toFixed(1)}%</strong> —{' '}
                {flagged ? `flagged (≥ ${state.threshold})` : `not flagged (< ${state.threshold})`}
              </p>
              <WaterfallDrawing steps={steps} scaleLabel={scaleLabel} />
              <table className="monitoring-table">
                <caption>
                  From the base ({minus(fmt(e.base))}) to the final value, on the {e.scale} scale; ▲ pushes towards {scenario.positiveLabel}
                  , ▼ away from it
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Feature</th>
                    <th scope="col">Value</th>
                    <th scope="col">Contribution</th>
                    <th scope="col">Running total</th>
                  </tr>
                </thead>
                <tbody>
                  {steps.map((s) => (
                    <tr key={s.key}>
                      <th scope="row">{s.label}</th>
                      <td>{s.value || '—'}</td>
                      <td>
                        {s.kind === 'base' || s.kind === 'final'
                          ? '—'
                          : `${s.contribution >= 0 ? '▲ +' : '▼ −'}${Math.abs(s.contribution).toFixed(3)}`}
                      </td>
                      <td>{minus(s.to.toFixed(3))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </figure>
          ) : null}
        </>
      )}
    </section>
  );
}

type FairMetric = 'recall' | 'precision' | 'auc';

function Fairness({ lab, runId }: { lab: LabApi; runId: string | undefined }) {
  const state = lab.state!;
  const { scenario } = lab;
  const [metric, setMetric] = useState<FairMetric>('recall');
  const rows = useMemo(
    () =>
      subgroupRows(
        state.runs.find((x) => x.id === runId),
        state.days,
        scenario,
      ),
    [state, runId, scenario],
  );
  const gap = recallGap(rows);
  if (!scenario.subgroups) return null;
  const cell = (v: number | null | undefined) => fmt(v, 2);
  const label = { recall: 'Recall', precision: 'Precision', auc: 'AUC' }[metric];
  return (
    <section aria-labelledby="explain-fair">
      <h3 id="explain-fair">Quality by {scenario.subgroups.label.toLowerCase()}</h3>
      <fieldset className="monitoring-toggle">
        <legend>Metric in the chart</legend>
        {(['recall', 'precision', 'auc'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="explain-metric" checked={metric === k} onChange={() => setMetric(k)} /> {k === 'auc' ? 'AUC' : k}
          </label>
        ))}
      </fieldset>
      <figure
        className="chart"
        role="group"
        aria-label={`${label} by ${scenario.subgroups.label}: holdout and live`}
        data-testid="explain-subgroups"
      >
        <SubgroupLegend />
        <SubgroupDrawing rows={rows} metric={metric} />
        <SubgroupTable rows={rows} cell={cell} groupLabel={scenario.subgroups.label} />
      </figure>
      <div className="callout">
        <p>
          {gap
            ? `${gap.source === 'live' ? 'Live' : 'On the holdout'}, recall is ${gap.gap.toFixed(2)} lower for ${gap.low} than for ${gap.high}: of every 100 ${scenario.positiveLabel} cases, about ${Math.round(gap.gap * 100)} more are missed in that group.`
            : 'Quality per group shows once a run is trained and labels arrive.'}{' '}
          Is one threshold fair for every group? Who bears a missed {scenario.positiveLabel}, and who a false alarm? Take this to the{' '}
          <Link to="/kit/ethics">safety &amp; ethics discussion</Link>.
        </p>
      </div>
    </section>
  );
}

function SubgroupTable({
  rows,
  cell,
  groupLabel,
}: {
  rows: readonly SubgroupRow[];
  cell: (v: number | null | undefined) => string;
  groupLabel: string;
}) {
  return (
    <table className="monitoring-table">
      <caption>
        {groupLabel}: holdout metrics of the run, and live metrics pooled over the last {rows.find((r) => r.live)?.live?.days ?? 0} labelled
        days
      </caption>
      <thead>
        <tr>
          <th scope="col">{groupLabel}</th>
          <th scope="col">Holdout AUC</th>
          <th scope="col">Holdout recall</th>
          <th scope="col">Holdout precision</th>
          <th scope="col">Live AUC</th>
          <th scope="col">Live recall</th>
          <th scope="col">Live precision</th>
          <th scope="col">Live rows (positives)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.group}>
            <th scope="row">{r.label}</th>
            <td>{cell(r.holdout?.auc)}</td>
            <td>{cell(r.holdout?.recall)}</td>
            <td>{cell(r.holdout?.precision)}</td>
            <td>{cell(r.live?.auc)}</td>
            <td>{cell(r.live?.recall)}</td>
            <td>{cell(r.live?.precision)}</td>
            <td>{r.live ? `${r.live.n.toLocaleString('en')} (${r.live.positives})` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
