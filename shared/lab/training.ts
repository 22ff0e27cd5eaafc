/**
 * One training run: assemble the window, fit, evaluate on the holdout day, log everything a tracker logs.
 *
 * Owns: `trainRun` (rows from the labelled window in the offline view, the store feature joined point in time or
 * as of now, deterministic subsampling to a row cap, a temporal holdout = the window's last day), `evaluateOn`
 * (a model on one labelled day, for the promotion gate), the drift reference a run leaves behind, and the data
 * and code version strings.
 */
import { LAB_LIMITS } from './actions';
import { referenceProfile, type ReferenceProfile } from './drift';
import { bySubgroup, evaluate, type Metrics } from './metrics';
import { importance, scoreColumns, trainModel, type FittedModel, type ModelKind, type ModelParams } from './model';
import type { FeatureJoin, Run, Trigger } from './registry';
import { mixSeed } from './rng';
import { batchFor, columnsFor, type Runtime } from './runtime';

export const ENGINE_VERSION = 'lab-engine-1';

/** What drift monitoring compares served data with: the champion's training data. */
export interface DrawnReference {
  features: string[];
  profiles: ReferenceProfile[];
  prediction: ReferenceProfile;
  /** Per feature: the training range, widened by 10% each side (data validation). */
  lo: number[];
  hi: number[];
}

export function hashString(s: string): string {
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) codes.push(s.charCodeAt(i));
  return (mixSeed(...codes) >>> 0).toString(16).padStart(8, '0');
}

export interface TrainRequest {
  id: string;
  day: number;
  trigger: Trigger;
  model: ModelKind;
  params: ModelParams;
  features: string[];
  join: FeatureJoin;
  from: number;
  to: number;
  threshold: number;
}

export function evaluateOn(rt: Runtime, model: FittedModel, day: number, join: FeatureJoin, threshold: number): Metrics {
  const b = batchFor(rt, day);
  const scores = scoreColumns(model, columnsFor(rt, day, model.features, 'offline', join), b.n);
  return evaluate(scores, b.label, threshold, rt.scenario.costs, b.n);
}

export function trainRun(rt: Runtime, req: TrainRequest): { run: Run; model: FittedModel; reference: DrawnReference } {
  const s = rt.scenario;
  const trainDays: number[] = [];
  for (let d = req.from; d < req.to; d++) trainDays.push(d);
  const total = trainDays.length * s.rowsPerDay;
  const stride = Math.max(1, Math.ceil(total / LAB_LIMITS.maxTrainingRows));
  const n = Math.ceil(total / stride);
  const columns = req.features.map(() => new Float64Array(n));
  const label = new Uint8Array(n);
  let k = 0;
  let g = 0;
  for (const d of trainDays) {
    const b = batchFor(rt, d);
    const cols = columnsFor(rt, d, req.features, 'offline', req.join);
    for (let i = 0; i < b.n; i++, g++) {
      if (g % stride !== 0) continue;
      for (let j = 0; j < cols.length; j++) columns[j]![k] = cols[j]![i]!;
      label[k++] = b.label[i]!;
    }
  }
  const data = { columns: columns.map((c) => c.subarray(0, k)), label: label.subarray(0, k), n: k };
  const model = trainModel(req.model, req.features, data, req.params);
  // Holdout: the window's last day, whole, in the same view and join as training.
  const hb = batchFor(rt, req.to);
  const hScores = scoreColumns(model, columnsFor(rt, req.to, req.features, 'offline', req.join), hb.n);
  const metrics = evaluate(hScores, hb.label, req.threshold, s.costs, hb.n);
  const groups = s.subgroups?.groups ?? [];
  const subgroups = groups.length ? bySubgroup(hScores, hb.label, hb.group, groups, req.threshold, s.costs, hb.n) : [];
  const trainScores = scoreColumns(model, data.columns, k);
  const profiles = data.columns.map((c) => referenceProfile(c));
  const reference: DrawnReference = {
    features: req.features,
    profiles,
    prediction: referenceProfile(trainScores),
    lo: profiles.map((p) => (p.sorted[0] ?? 0) - 0.1 * ((p.sorted[p.sorted.length - 1] ?? 0) - (p.sorted[0] ?? 0))),
    hi: profiles.map((p) => (p.sorted[p.sorted.length - 1] ?? 0) + 0.1 * ((p.sorted[p.sorted.length - 1] ?? 0) - (p.sorted[0] ?? 0))),
  };
  const shiftsSeen = rt.shifts().filter((x) => x.day <= req.to);
  const dataVersion = 'data-' + hashString(JSON.stringify([s.id, rt.gen.seed, req.from, req.to, s.rowsPerDay, shiftsSeen]));
  const codeVersion = `${ENGINE_VERSION}/${req.model}-${hashString(JSON.stringify(req.params))}`;
  const run: Run = {
    id: req.id,
    day: req.day,
    trigger: req.trigger,
    model: req.model,
    params: req.params,
    features: req.features,
    featureJoin: req.join,
    window: { from: req.from, to: req.to },
    holdoutDay: req.to,
    dataVersion,
    codeVersion,
    rows: k,
    metrics,
    subgroups,
    importance: importance(model),
  };
  return { run, model, reference };
}
