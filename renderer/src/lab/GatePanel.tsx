/**
 * The promotion gate, made visible: a preview of every check for a version (fixed thresholds, and no worse than
 * the champion) from the runs' own holdout metrics, and the engine's last decision from the registry's events
 * (the engine re-evaluates candidate and champion on the same, latest labelled day, so its numbers are the ones
 * that count).
 *
 * Owns: reading the gate's checks and decisions out of `gateDecision` (shared/lab/registry.ts) and the event log.
 */
import { gateDecision, type GateCheck, type Registry, type Run } from '../../../shared/lab/registry';
import type { LabApi } from './labApi';

const runOf = (reg: Registry, runs: Run[], version: number | null) =>
  version === null ? undefined : runs.find((r) => r.id === reg.versions.find((v) => v.version === version)?.runId);

function Checks({ checks }: { checks: GateCheck[] }) {
  return (
    <ul className="lab-checks">
      {checks.map((c) => (
        <li key={c.name} className={c.pass ? 'lab-pass' : 'lab-fail'}>
          <strong>{c.pass ? '✓ pass' : '✗ fail'}</strong> {c.name}: {c.detail}
        </li>
      ))}
    </ul>
  );
}

export function GatePreview({ lab, version }: { lab: LabApi; version: number }) {
  const st = lab.state!;
  const cand = runOf(st.registry, st.runs, version);
  const champ = st.registry.champion === version ? undefined : runOf(st.registry, st.runs, st.registry.champion);
  if (!cand) return null;
  const g = gateDecision(cand.metrics, champ?.metrics ?? null, lab.scenario.gate);
  return (
    <div>
      <p className="muted">
        Preview for v{version} from each run's own holdout day{champ ? ` (champion: ${champ.id})` : ' (no champion yet)'} — the gate itself
        evaluates both on the latest labelled day:
      </p>
      <Checks checks={g.checks} />
    </div>
  );
}

export function GateDecision({ lab }: { lab: LabApi }) {
  const events = lab.state!.registry.events;
  const last = [...events].reverse().find((e) => e.kind === 'promoted' || e.kind === 'gate-refused');
  if (!last) return <p className="empty">No promotion attempted yet.</p>;
  const passed = last.kind === 'promoted';
  const details = passed ? (last.detail ?? '').split('; ') : [];
  return (
    <div className={`callout${passed ? '' : ' callout-warn'}`} data-testid="lab-gate">
      <p>
        <strong>
          {passed ? `✓ The gate passed: v${last.version} is the champion` : `✗ The gate refused v${last.version}`} (day {last.day})
        </strong>
      </p>
      {passed ? (
        <ul className="lab-checks">
          {details.map((d) => (
            <li key={d} className="lab-pass">
              <strong>✓ pass</strong> {d}
            </li>
          ))}
        </ul>
      ) : (
        <p>{last.detail}</p>
      )}
    </div>
  );
}
