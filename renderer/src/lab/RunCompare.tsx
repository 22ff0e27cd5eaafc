/**
 * Side-by-side comparison of two or more runs: charts (metrics, cost, quality by subgroup; recharts, loaded on
 * demand) and a table of every parameter and metric with the rows that differ marked in words, not colour alone.
 *
 * Owns: the diff table and the chart data; the drawings are RunCompareCharts.tsx.
 */
import { lazy, Suspense } from 'react';
import type { Run } from '../../../shared/lab/registry';
import type { LabApi } from './labApi';
import { f3, featureLabel } from './labFormat';
import { paramsText } from './RunsTable';

const RunCompareCharts = lazy(() => import('./RunCompareCharts'));

export function RunCompare({ lab, runs }: { lab: LabApi; runs: Run[] }) {
  const s = lab.scenario;
  const rows: { label: string; value(r: Run): string }[] = [
    { label: 'Model', value: (r) => r.model },
    { label: 'Parameters', value: paramsText },
    { label: 'Trained on day', value: (r) => `${r.day} (${r.trigger})` },
    { label: 'Data window', value: (r) => `days ${r.window.from}…${r.window.to}, holdout day ${r.holdoutDay}` },
    { label: 'Data version', value: (r) => r.dataVersion },
    { label: 'Training rows', value: (r) => r.rows.toLocaleString('en-GB') },
    { label: 'Features', value: (r) => r.features.map((f) => featureLabel(s, f)).join(', ') },
    { label: 'Store feature join', value: (r) => r.featureJoin },
    { label: 'Code version', value: (r) => r.codeVersion },
    { label: 'AUC', value: (r) => f3(r.metrics.auc) },
    { label: 'Precision', value: (r) => f3(r.metrics.precision) },
    { label: 'Recall', value: (r) => f3(r.metrics.recall) },
    { label: 'ECE (calibration error)', value: (r) => f3(r.metrics.ece) },
    { label: 'Brier score', value: (r) => f3(r.metrics.brier) },
    { label: `Cost per 1,000 rows (${s.costs.currency})`, value: (r) => r.metrics.costPer1000.toFixed(1) },
    ...(runs[0]?.subgroups ?? []).map((g) => ({
      label: `AUC, ${g.label}`,
      value: (r: Run) => f3(r.subgroups.find((x) => x.group === g.group)?.auc),
    })),
  ];
  return (
    <section aria-labelledby="lab-compare-h" data-testid="lab-compare">
      <h2 id="lab-compare-h">Comparing {runs.map((r) => r.id).join(', ')}</h2>
      <Suspense fallback={<p className="muted">Loading the charts…</p>}>
        <RunCompareCharts lab={lab} runs={runs} />
      </Suspense>
      <div className="lab-scroll">
        <table className="lab-table lab-diff" data-testid="lab-diff">
          <caption>Parameters and metrics side by side (rows that differ are marked “differs”)</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              {runs.map((r) => (
                <th key={r.id} scope="col">
                  {r.id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const values = runs.map((r) => row.value(r));
              const differs = new Set(values).size > 1;
              return (
                <tr key={row.label} className={differs ? 'lab-differs' : undefined}>
                  <th scope="row">
                    {row.label}
                    {differs ? <span className="tag lab-differs-tag">differs</span> : null}
                  </th>
                  {values.map((v, i) => (
                    <td key={runs[i]!.id}>{v}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
