/**
 * The runs table (MLflow-like): every run's parameters, data window and version, features, join, code version and
 * holdout metrics; sortable by column (aria-sort on the header, a button inside it), filterable by model kind and
 * text; a checkbox per run selects it for the comparison; "Register" makes a run a model version.
 *
 * Owns: sorting, filtering and the row rendering; the selection is held by the Runs tab.
 */
import { useMemo, useState } from 'react';
import type { Run } from '../../../shared/lab/registry';
import type { LabApi } from './labApi';
import { f3, featureLabel } from './labFormat';

type Key = 'id' | 'model' | 'window' | 'auc' | 'precision' | 'recall' | 'ece' | 'cost';
const COLUMNS: { key: Key; label: string; value(r: Run): number | string }[] = [
  { key: 'id', label: 'Run', value: (r) => Number(r.id.slice(4)) },
  { key: 'model', label: 'Model, params, code', value: (r) => r.model },
  { key: 'window', label: 'Data window', value: (r) => r.window.to },
  { key: 'auc', label: 'AUC', value: (r) => r.metrics.auc ?? -1 },
  { key: 'precision', label: 'Precision', value: (r) => r.metrics.precision ?? -1 },
  { key: 'recall', label: 'Recall', value: (r) => r.metrics.recall ?? -1 },
  { key: 'ece', label: 'ECE', value: (r) => r.metrics.ece },
  { key: 'cost', label: 'Cost per 1,000', value: (r) => r.metrics.costPer1000 },
];

export const paramsText = (r: Run): string =>
  Object.entries(r.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ') || 'defaults';

export function RunsTable({ lab, selected, onSelect }: { lab: LabApi; selected: string[]; onSelect(ids: string[]): void }) {
  const st = lab.state!;
  const [sort, setSort] = useState<{ key: Key; dir: 'ascending' | 'descending' }>({ key: 'id', dir: 'descending' });
  const [kind, setKind] = useState<'all' | 'logistic' | 'tree'>('all');
  const [text, setText] = useState('');
  const registered = new Map(st.registry.versions.map((v) => [v.runId, v.version]));
  const rows = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    const q = text.trim().toLowerCase();
    return st.runs
      .filter((r) => kind === 'all' || r.model === kind)
      .filter(
        (r) =>
          !q || [r.id, r.model, r.trigger, r.codeVersion, r.dataVersion, r.featureJoin, ...r.features].join(' ').toLowerCase().includes(q),
      )
      .sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return sort.dir === 'ascending' ? c : -c;
      });
  }, [st.runs, sort, kind, text]);
  if (st.runs.length === 0) return <p className="empty">No run yet: train one above.</p>;
  return (
    <div className="stack">
      <div className="lab-row lab-wrap">
        <label htmlFor="lab-runs-kind">Model kind</label>
        <select id="lab-runs-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="all">All</option>
          <option value="logistic">Logistic regression</option>
          <option value="tree">Decision tree</option>
        </select>
        <label htmlFor="lab-runs-text">Filter</label>
        <input
          id="lab-runs-text"
          className="input"
          type="search"
          placeholder="run, feature, version…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="muted" aria-live="polite">
          {rows.length} of {st.runs.length} runs · {selected.length} selected
        </span>
      </div>
      <div className="lab-scroll">
        <table className="lab-table" data-testid="lab-runs">
          <caption className="visually-hidden">Runs, sortable by column</caption>
          <thead>
            <tr>
              <th scope="col">Compare</th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.dir : 'none'}>
                  <button
                    type="button"
                    className="lab-sort"
                    onClick={() =>
                      setSort({ key: c.key, dir: sort.key === c.key && sort.dir === 'descending' ? 'ascending' : 'descending' })
                    }
                  >
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}</span>
                  </button>
                </th>
              ))}
              <th scope="col">Features</th>
              <th scope="col">Registry</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-run={r.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${r.id}`}
                    checked={selected.includes(r.id)}
                    onChange={(e) => onSelect(e.target.checked ? [...selected, r.id] : selected.filter((x) => x !== r.id))}
                  />
                </td>
                <th scope="row">
                  {r.id}
                  <div className="muted lab-small">
                    day {r.day}, {r.trigger}
                  </div>
                </th>
                <td>
                  {r.model}
                  <div className="muted lab-small">{paramsText(r)}</div>
                  <div className="muted lab-small">{r.codeVersion}</div>
                </td>
                <td>
                  days {r.window.from}…{r.window.to}
                  <div className="muted lab-small">{r.dataVersion}</div>
                </td>
                <td>{f3(r.metrics.auc)}</td>
                <td>{f3(r.metrics.precision)}</td>
                <td>{f3(r.metrics.recall)}</td>
                <td>{f3(r.metrics.ece)}</td>
                <td>{r.metrics.costPer1000.toFixed(1)}</td>
                <td title={r.features.map((f) => featureLabel(lab.scenario, f)).join(', ')}>
                  {r.features.length} features
                  <div className="muted lab-small">join: {r.featureJoin}</div>
                </td>
                <td>
                  {registered.has(r.id) ? (
                    `v${registered.get(r.id)}`
                  ) : (
                    <button type="button" className="btn" onClick={() => lab.dispatch({ type: 'register', runId: r.id })}>
                      Register {r.id}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
