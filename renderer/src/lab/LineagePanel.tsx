/**
 * Lineage of one model version: version → run → data (scenario, seed, window, holdout day, data version) →
 * features and how the store feature was joined → code version. Asked of the engine through `lab.lineage`.
 *
 * Owns: the request (re-asked when the version or the lab changes) and its display.
 */
import { useEffect, useState } from 'react';
import type { Lineage } from '../../../shared/lab/registry';
import type { LabApi } from './labApi';
import { f3, featureLabel } from './labFormat';

export function LineagePanel({ lab, version }: { lab: LabApi; version: number }) {
  const [result, setResult] = useState<{ version: number; lineage: Lineage | null; error?: string } | null>(null);
  const applied = lab.state?.applied;
  const ask = lab.lineage;
  useEffect(() => {
    let live = true;
    // `applied` is a dependency on purpose: the lineage is asked again when the lab changes (a stage moves).
    void applied;
    ask(version).then(
      (lineage) => live && setResult({ version, lineage }),
      (e: Error) => live && setResult({ version, lineage: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [ask, version, applied]);
  if (!result || result.version !== version) return <p className="muted">Tracing v{version}…</p>;
  if (result.error) return <p className="error-box">The lineage could not be read: {result.error}. Reload the page and try again.</p>;
  const l = result.lineage;
  if (!l) return <p className="empty">No lineage for v{version}.</p>;
  const s = lab.scenario;
  return (
    <dl className="facts lab-lineage" data-testid="lab-lineage">
      <dt>Version</dt>
      <dd>
        v{l.version} ({l.stage})
      </dd>
      <dt>Run</dt>
      <dd>
        {l.run.id}: {l.run.model}, trained on day {l.run.day} ({l.run.trigger}), holdout AUC {f3(l.run.metrics.auc)}
      </dd>
      <dt>Data</dt>
      <dd>
        scenario {l.data.scenario}, seed {l.data.seed}, days {l.data.window.from}…{l.data.window.to}, holdout day {l.data.holdoutDay},{' '}
        {l.data.dataVersion}
      </dd>
      <dt>Features</dt>
      <dd>
        {l.features.ids.map((f) => featureLabel(s, f)).join(', ')} — store feature joined {l.features.join}
        {l.features.join === 'latest' ? ' (the bypass: training saw labels it will not have when serving)' : ''}
      </dd>
      <dt>Code version</dt>
      <dd>{l.codeVersion}</dd>
    </dl>
  );
}
