/**
 * Incidents from the learner's side: in self-study, "Inject an incident" (the five kinds of shift, with presets in
 * plain words); in every mode, "Fix pipeline" (ends a pipeline bug or converts an upstream unit change back) and
 * "Declare an incident" (how a team without monitoring says that something is wrong).
 *
 * Owns: the inject form, its presets (built from the scenario's own features), and the two response buttons.
 */
import { useState } from 'react';
import type { ShiftKind } from '../../../shared/lab/scenarioSchema';
import type { Scenario } from '../../../shared/lab/scenarioSchema';
import type { LabApi } from './labApi';

const KINDS: { kind: ShiftKind; label: string; amountHelp: string }[] = [
  { kind: 'covariate', label: 'Covariate drift — the inputs change', amountHelp: 'shift in standard deviations' },
  { kind: 'concept', label: 'Concept drift — what the inputs mean changes', amountHelp: "change of the feature's effect on the log-odds" },
  { kind: 'prior', label: 'Prior shift — more or fewer positives', amountHelp: 'odds multiplied by (0.05 … 20)' },
  { kind: 'upstream', label: 'Upstream change — a unit changes at the source', amountHelp: 'values multiplied by' },
  {
    kind: 'pipelineBug',
    label: 'Feature-pipeline bug — serving differs from training',
    amountHelp: 'served values multiplied by (0 = lost)',
  },
];

interface Preset {
  label: string;
  kind: ShiftKind;
  feature: string;
  amount: number;
}

function presets(s: Scenario): Preset[] {
  const strongest =
    [...s.features].filter((f) => f.dist !== 'bernoulli').sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))[0] ?? s.features[0]!;
  const withUnit = s.features.find((f) => f.unit && f.dist !== 'bernoulli') ?? strongest;
  return [
    { label: `${strongest.label} rises by 1.5 standard deviations`, kind: 'covariate', feature: strongest.id, amount: 1.5 },
    { label: `${strongest.label} stops meaning what it meant`, kind: 'concept', feature: strongest.id, amount: -1 },
    { label: `Twice as many ${s.positiveLabel} cases`, kind: 'prior', feature: strongest.id, amount: 2 },
    {
      label: `${withUnit.label} arrives ×100 (${withUnit.unit || 'units'} → hundredths)`,
      kind: 'upstream',
      feature: withUnit.id,
      amount: 100,
    },
    { label: `${strongest.label} is lost on the serving path (filled with 0)`, kind: 'pipelineBug', feature: strongest.id, amount: 0 },
  ];
}

function InjectForm({ lab }: { lab: LabApi }) {
  const s = lab.scenario;
  const [kind, setKind] = useState<ShiftKind>('covariate');
  const [feature, setFeature] = useState(s.features[0]!.id);
  const [amount, setAmount] = useState('1.5');
  const help = KINDS.find((k) => k.kind === kind)!.amountHelp;
  const value = Number(amount);
  return (
    <section aria-labelledby="lab-inject-h" className="lab-inject">
      <h2 id="lab-inject-h">Inject an incident</h2>
      <p className="muted">In a room the facilitator does this for every team at once. Presets:</p>
      <div className="lab-row lab-wrap">
        {presets(s).map((p) => (
          <button
            key={p.kind}
            type="button"
            className="btn"
            onClick={() => {
              setKind(p.kind);
              setFeature(p.feature);
              setAmount(String(p.amount));
            }}
          >
            {p.label}
          </button>
        ))}
      </div>
      <form
        className="lab-row lab-wrap"
        onSubmit={(e) => {
          e.preventDefault();
          if (amount.trim() === '' || !Number.isFinite(value)) return;
          lab.dispatch({ type: 'inject', kind, amount: value, ...(kind === 'prior' ? {} : { feature }), note: 'injected in self-study' });
        }}
      >
        <label htmlFor="lab-inject-kind">Kind</label>
        <select id="lab-inject-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as ShiftKind)}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <label htmlFor="lab-inject-feature">Feature</label>
        <select
          id="lab-inject-feature"
          className="input"
          value={feature}
          disabled={kind === 'prior'}
          onChange={(e) => setFeature(e.target.value)}
        >
          {s.features.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <label htmlFor="lab-inject-amount">Amount ({help})</label>
        <input
          id="lab-inject-amount"
          className="input lab-num"
          type="number"
          step="any"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
        <button type="submit" className="btn btn-primary">
          Inject the incident
        </button>
      </form>
    </section>
  );
}

export function ResponseControls({ lab }: { lab: LabApi }) {
  const s = lab.scenario;
  const [feature, setFeature] = useState(s.features[0]!.id);
  return (
    <section aria-labelledby="lab-respond-h">
      <h2 id="lab-respond-h">Respond</h2>
      <div className="lab-row lab-wrap">
        <label htmlFor="lab-fix-feature">Feature</label>
        <select id="lab-fix-feature" className="input" value={feature} onChange={(e) => setFeature(e.target.value)}>
          {s.features.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={() => lab.dispatch({ type: 'fixPipeline', feature })}>
          Fix pipeline
        </button>
        <button type="button" className="btn" onClick={() => lab.dispatch({ type: 'declareIncident' })}>
          Declare an incident
        </button>
      </div>
    </section>
  );
}

export function IncidentControls({ lab }: { lab: LabApi }) {
  return lab.mode === 'self' ? <InjectForm lab={lab} /> : null;
}
