/**
 * The lab's Registry tab: model versions with their stage and alias (champion = production, challenger = staging,
 * archived), Promote through the gate (its checks shown), Set as challenger, Archive, one-click Rollback, the
 * lineage of a chosen version, and the registry's event log.
 *
 * Owns: the versions table and the chosen version; the gate and lineage displays are GatePanel.tsx and
 * LineagePanel.tsx.
 */
import { useState } from 'react';
import { stageOf } from '../../../shared/lab/registry';
import type { LabApi } from './labApi';
import { GateDecision, GatePreview } from './GatePanel';
import { f3 } from './labFormat';
import { LineagePanel } from './LineagePanel';

export function RegistryTab({ lab }: { lab: LabApi }) {
  const st = lab.state!;
  const reg = st.registry;
  const [chosen, setChosen] = useState<number | null>(null);
  const version = chosen ?? reg.champion ?? reg.versions[reg.versions.length - 1]?.version ?? null;
  const previous = reg.championHistory[reg.championHistory.length - 1];
  if (reg.versions.length === 0) return <p className="empty">No model version yet: register a run from the Runs tab.</p>;
  return (
    <div className="stack">
      <div className="lab-row lab-wrap">
        <button type="button" className="btn" disabled={previous === undefined} onClick={() => lab.dispatch({ type: 'rollback' })}>
          ↶ Roll back{previous === undefined ? ' (no earlier champion)' : ` to v${previous}`}
        </button>
        <span className="muted">Rollback skips the gate: it is the emergency exit, and the current champion is archived.</span>
      </div>
      <div className="lab-scroll">
        <table className="lab-table" data-testid="lab-versions">
          <caption className="visually-hidden">Model versions</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Run</th>
              <th scope="col">Stage</th>
              <th scope="col">Holdout AUC</th>
              <th scope="col">Registered</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {reg.versions.map((v) => {
              const run = st.runs.find((r) => r.id === v.runId);
              const stage = stageOf(reg, v.version);
              const alias =
                reg.champion === v.version ? 'champion' : reg.challenger === v.version ? 'challenger' : v.archived ? 'archived' : '—';
              return (
                <tr key={v.version} data-version={v.version} aria-current={version === v.version ? 'true' : undefined}>
                  <th scope="row">v{v.version}</th>
                  <td>
                    {v.runId} ({run?.model})
                  </td>
                  <td>
                    <span className={`tag lab-stage-${stage}`}>{stage}</span> {alias}
                  </td>
                  <td>{f3(run?.metrics.auc)}</td>
                  <td>day {v.registeredDay}</td>
                  <td className="lab-actions">
                    <button
                      type="button"
                      className="btn btn-primary"
                      disabled={stage === 'production'}
                      onClick={() => {
                        setChosen(v.version);
                        lab.dispatch({ type: 'promote', version: v.version });
                      }}
                    >
                      Promote v{v.version}
                    </button>
                    <button
                      type="button"
                      className="btn"
                      disabled={stage !== 'none'}
                      onClick={() => lab.dispatch({ type: 'challenger', version: v.version })}
                    >
                      Set v{v.version} as challenger
                    </button>
                    <button
                      type="button"
                      className="btn"
                      disabled={stage === 'production' || v.archived}
                      onClick={() => lab.dispatch({ type: 'archive', version: v.version })}
                    >
                      Archive v{v.version}
                    </button>
                    <button type="button" className="btn" aria-pressed={version === v.version} onClick={() => setChosen(v.version)}>
                      Lineage of v{v.version}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="lab-gate-h">
        <h2 id="lab-gate-h">Promotion gate</h2>
        <p className="muted">
          A version is promoted only if AUC ≥ {lab.scenario.gate.minAuc}, ECE ≤ {lab.scenario.gate.maxEce}, and it is no worse than the
          champion (AUC within {lab.scenario.gate.aucTolerance}, cost within +{lab.scenario.gate.costTolerance * 100} %).
        </p>
        <GateDecision lab={lab} />
        {version !== null ? <GatePreview lab={lab} version={version} /> : null}
      </section>
      {version !== null ? (
        <section aria-labelledby="lab-lineage-h">
          <h2 id="lab-lineage-h">Lineage of v{version}</h2>
          <LineagePanel lab={lab} version={version} />
        </section>
      ) : null}
      <section aria-labelledby="lab-events-h">
        <h2 id="lab-events-h">Registry events</h2>
        <ol className="lab-events">
          {[...reg.events]
            .reverse()
            .slice(0, 12)
            .map((e, i) => (
              <li key={i}>
                day {e.day}: {e.kind} v{e.version}
                {e.detail ? ` — ${e.detail}` : ''}
              </li>
            ))}
        </ol>
      </section>
    </div>
  );
}
