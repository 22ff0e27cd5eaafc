/**
 * Owns: the kit page /kit/lab/compare — a DevOps-only team and an MLOps team on the same scenario, seed and
 * incident, side by side (for Explain and Evaluate; works with no room). The learner or facilitator picks the
 * scenario, the incident (or the scenario's scheduled shifts), the horizon and how slow complaints and fixes are;
 * the comparison runs in the page's own worker (useComparison) and shows in <ProcessComparison>.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ComparisonOptionsInput } from '../../../shared/lab/processComparison';
import type { Scenario, ShiftKind } from '../../../shared/lab/scenarioSchema';
import { useContent } from '../content/ContentProvider';
import { PageHeader, Section } from '../ui/bits';
import { ProcessComparison } from './ProcessComparison';
import { useComparison } from './useComparison';
import './labGuide.css';

type IncidentChoice = ShiftKind | 'scheduled';

const CHOICES: { id: IncidentChoice; label: string; amount: number; help: string }[] = [
  {
    id: 'upstream',
    label: 'Upstream unit change',
    amount: 100,
    help: 'The source sends the feature multiplied by the amount (100: euros become cents).',
  },
  {
    id: 'pipelineBug',
    label: 'Feature-pipeline bug (training/serving skew)',
    amount: 0,
    help: 'The online path multiplies the feature by the amount (0: the value is lost).',
  },
  { id: 'covariate', label: 'Covariate drift', amount: 1.5, help: 'The feature moves by the amount, in standard deviations.' },
  { id: 'concept', label: 'Concept drift', amount: -1.5, help: "The feature's effect on the true risk changes by the amount." },
  { id: 'prior', label: 'Label (prior) shift', amount: 3, help: 'The odds of a positive are multiplied by the amount (0.05–20).' },
  {
    id: 'scheduled',
    label: "The scenario's scheduled shifts",
    amount: 0,
    help: 'The changes the scenario file schedules, on their own days.',
  },
];

interface Form {
  scenarioId: string;
  seed: number;
  choice: IncidentChoice;
  feature: string;
  amount: number;
  day: number;
  horizon: number;
  complaintDays: number;
  fixDays: number;
}

/** The scenario's own plumbing incident if it has one (moved to day 21), else a pipeline bug on its first feature. */
function defaults(s: Scenario): Form {
  const own = s.shifts.find((x) => x.kind === 'upstream' || x.kind === 'pipelineBug');
  return {
    scenarioId: s.id,
    seed: 1,
    choice: own?.kind ?? 'pipelineBug',
    feature: own?.feature ?? s.features[0]!.id,
    amount: own?.amount ?? 0,
    day: 21,
    horizon: 60,
    complaintDays: 7,
    fixDays: 3,
  };
}

function optionsOf(f: Form): ComparisonOptionsInput {
  const base = { horizon: f.horizon, complaintDays: f.complaintDays, fixDays: f.fixDays };
  if (f.choice === 'scheduled') return { ...base, incident: null };
  return { ...base, incident: { day: f.day, kind: f.choice, amount: f.amount, ...(f.choice !== 'prior' ? { feature: f.feature } : {}) } };
}

function NumberField({
  id,
  label,
  value,
  min,
  max,
  step,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange: (v: number) => void;
}) {
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="number"
        value={value}
        min={min}
        max={max}
        step={step ?? 1}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </div>
  );
}

export function ComparePage() {
  const { pack } = useContent();
  const scenarios = pack.lab;
  const first = scenarios.find((s) => s.id === 'fraud-paylark') ?? scenarios[0];
  const [form, setForm] = useState<Form | null>(first ? defaults(first) : null);
  const cmp = useComparison();
  const scenario = useMemo(() => scenarios.find((s) => s.id === form?.scenarioId), [scenarios, form?.scenarioId]);
  const { run } = cmp;

  // The first comparison runs as the page opens; later ones on "Compare".
  useEffect(() => {
    if (first) run(first, 1, optionsOf(defaults(first)));
  }, [first, run]);

  if (!form || !scenario)
    return (
      <div className="page">
        <PageHeader eyebrow="MLOps lab" title="DevOps-only vs MLOps" lead="The content pack has no lab scenario." />
      </div>
    );
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const choice = CHOICES.find((c) => c.id === form.choice)!;
  const needsFeature = form.choice !== 'prior' && form.choice !== 'scheduled';

  return (
    <div className="page page-wide">
      <PageHeader
        eyebrow="MLOps lab · Explain and Evaluate"
        title="DevOps-only vs MLOps"
        lead={
          <>
            Two teams, the same model on day 0, the same incident. The <strong>DevOps-only</strong> team (maturity level 0) has no
            monitoring: it declares an incident when complaints arrive and retrains by hand. The <strong>MLOps</strong> team (level 2)
            monitors drift and quality, retrains on alerts and deploys through the gate. Try it yourself in the{' '}
            <Link to="/kit/lab">lab</Link>.
          </>
        }
      />
      <Section title="The incident" id="lab-compare-setup">
        <form
          className="lab-compare-form"
          onSubmit={(e) => {
            e.preventDefault();
            cmp.run(scenario, form.seed, optionsOf(form));
          }}
        >
          <div className="form-row">
            <label htmlFor="cmp-scenario">Scenario</label>
            <select
              id="cmp-scenario"
              className="input"
              value={form.scenarioId}
              onChange={(e) => setForm(defaults(scenarios.find((s) => s.id === e.target.value)!))}
            >
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <div className="form-row">
            <label htmlFor="cmp-kind">Incident</label>
            <select
              id="cmp-kind"
              className="input"
              value={form.choice}
              aria-describedby="cmp-kind-help"
              onChange={(e) => {
                const c = CHOICES.find((x) => x.id === e.target.value)!;
                set({ choice: c.id, amount: c.amount, horizon: c.id === 'scheduled' ? 90 : form.horizon });
              }}
            >
              {CHOICES.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
            <span id="cmp-kind-help" className="muted">
              {choice.help}
            </span>
          </div>
          {needsFeature ? (
            <div className="form-row">
              <label htmlFor="cmp-feature">Feature</label>
              <select id="cmp-feature" className="input" value={form.feature} onChange={(e) => set({ feature: e.target.value })}>
                {scenario.features.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {form.choice !== 'scheduled' ? (
            <>
              <NumberField
                id="cmp-amount"
                label="Amount"
                value={form.amount}
                min={-1000}
                max={1000}
                step={0.1}
                onChange={(amount) => set({ amount })}
              />
              <NumberField
                id="cmp-day"
                label="Starts on day"
                value={form.day}
                min={1}
                max={form.horizon - 1}
                onChange={(day) => set({ day })}
              />
            </>
          ) : null}
          <div className="form-row">
            <label htmlFor="cmp-horizon">Days simulated</label>
            <select id="cmp-horizon" className="input" value={form.horizon} onChange={(e) => set({ horizon: Number(e.target.value) })}>
              {[30, 60, 90].map((h) => (
                <option key={h} value={h}>
                  {h} days
                </option>
              ))}
            </select>
          </div>
          <NumberField
            id="cmp-complaints"
            label="Complaints reach the DevOps-only team after (days)"
            value={form.complaintDays}
            min={0}
            max={60}
            onChange={(complaintDays) => set({ complaintDays })}
          />
          <NumberField
            id="cmp-fix"
            label="A manual fix takes (days)"
            value={form.fixDays}
            min={0}
            max={60}
            onChange={(fixDays) => set({ fixDays })}
          />
          <NumberField id="cmp-seed" label="Seed" value={form.seed} min={0} max={1_000_000} onChange={(seed) => set({ seed })} />
          <div className="lab-compare-actions">
            <button type="submit" className="btn btn-primary" disabled={cmp.busy}>
              {cmp.busy ? 'Comparing…' : 'Compare'}
            </button>
          </div>
        </form>
      </Section>
      <Section title="Side by side" id="lab-compare-result">
        <p role="status" className="muted" data-testid="comparison-status">
          {cmp.busy
            ? `Simulating both teams, ${scenario.rowsPerDay.toLocaleString('en-GB')} rows a day… (a few seconds)`
            : cmp.error
              ? ''
              : cmp.comparison && cmp.ms !== null
                ? `Simulated ${cmp.comparison.horizon} days for both teams in ${(cmp.ms / 1000).toFixed(1)} s.`
                : ''}
        </p>
        {cmp.error ? (
          <p className="error-box" role="alert">
            {cmp.error}
          </p>
        ) : null}
        {cmp.comparison ? <ProcessComparison comparison={cmp.comparison} /> : null}
      </Section>
    </div>
  );
}
