/**
 * The facilitator's incidents in plain language: each kind of shift with what it means, and a few amounts named
 * by their effect ("prices arrive in cents" rather than "upstream × 100"), for the console's "Inject an incident".
 *
 * Owns: INCIDENT_KINDS (label, what happens, presets) and `describeIncident` (one line for lists, the projector
 * and the debrief). Pure data; the engine (session.ts inject) checks the incident again.
 */
import type { Scenario, ShiftKind } from './scenarioSchema';

export interface IncidentPreset {
  label: string;
  amount: number;
  rampDays: number;
}

export interface IncidentKind {
  kind: ShiftKind;
  label: string;
  /** What happens, for the facilitator to say out loud. */
  means: string;
  /** Whether it names a feature (all but prior shift). */
  feature: boolean;
  presets: IncidentPreset[];
}

export const INCIDENT_KINDS: IncidentKind[] = [
  {
    kind: 'upstream',
    label: 'Upstream unit change',
    means: 'a data source starts sending a feature in another unit; retraining on new data absorbs it',
    feature: true,
    presets: [
      { label: 'values arrive ×100 (euros → cents)', amount: 100, rampDays: 0 },
      { label: 'values arrive ×0.01 (percent → fraction)', amount: 0.01, rampDays: 0 },
      { label: 'values arrive ×1000 (kilo → unit)', amount: 1000, rampDays: 0 },
    ],
  },
  {
    kind: 'covariate',
    label: 'Covariate drift (the inputs change)',
    means: 'the population moves: the feature’s distribution shifts, what it means does not',
    feature: true,
    presets: [
      { label: 'a large shift, at once (−2 standard deviations)', amount: -2, rampDays: 0 },
      { label: 'a large shift, at once (+2 standard deviations)', amount: 2, rampDays: 0 },
      { label: 'a gradual shift over a week (+1.5 standard deviations)', amount: 1.5, rampDays: 7 },
    ],
  },
  {
    kind: 'concept',
    label: 'Concept drift (what the inputs mean changes)',
    means: 'the link between the feature and the outcome changes: the old model is wrong about it',
    feature: true,
    presets: [
      { label: 'the effect reverses (−1.5)', amount: -1.5, rampDays: 0 },
      { label: 'the effect fades over a week (−1)', amount: -1, rampDays: 7 },
      { label: 'the effect grows (+1)', amount: 1, rampDays: 0 },
    ],
  },
  {
    kind: 'prior',
    label: 'Prior (label) shift',
    means: 'positives become more or less frequent; each positive looks the same as before',
    feature: false,
    presets: [
      { label: 'three times as many positives', amount: 3, rampDays: 0 },
      { label: 'twice as many positives', amount: 2, rampDays: 0 },
      { label: 'half as many positives', amount: 0.5, rampDays: 0 },
    ],
  },
  {
    kind: 'pipelineBug',
    label: 'Feature pipeline bug (training/serving skew)',
    means: 'the online feature path breaks; training data stays right, so retraining does not fix it — a fix does',
    feature: true,
    presets: [
      { label: 'the value is lost (filled with 0)', amount: 0, rampDays: 0 },
      { label: 'the value is doubled', amount: 2, rampDays: 0 },
    ],
  },
];

export function incidentKind(kind: string): IncidentKind | undefined {
  return INCIDENT_KINDS.find((k) => k.kind === kind);
}

/** "Upstream unit change on Amount: values arrive ×100 (euros → cents)" — from the preset when one matches. */
export function describeIncident(inc: { kind: string; feature?: string; amount: number; rampDays?: number; note?: string }, scenario?: Scenario): string {
  const k = incidentKind(inc.kind);
  const feature = inc.feature ? (scenario?.features.find((f) => f.id === inc.feature)?.label ?? inc.feature) : null;
  const preset = k?.presets.find((p) => p.amount === inc.amount && p.rampDays === (inc.rampDays ?? 0));
  const what = preset?.label ?? `amount ${inc.amount}${inc.rampDays ? ` over ${inc.rampDays} days` : ''}`;
  return `${k?.label ?? inc.kind}${feature && k?.feature ? ` on ${feature}` : ''}: ${what}${inc.note ? ` — ${inc.note}` : ''}`;
}
