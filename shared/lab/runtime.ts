/**
 * The heavy, derived half of a lab session: generated days, the feature store, fitted models, reference profiles,
 * served scores awaiting their labels.
 *
 * Owns: `Runtime`, the day cache (`batchFor`: regenerates a day deterministically when it was evicted), label
 * arrival into the feature store (`arriveLabels`), and `columnsFor` (a model's feature columns from a day, in the
 * offline or served view, with the store feature joined point in time or as of now).
 * Everything here is a function of (scenario, seed, actions so far): caches may be dropped and rebuilt.
 * It is append-only and owned by one LabSession (a linear fold); to branch, replay into a new session.
 */
import { LAB_LIMITS } from './actions';
import type { DrawnReference } from './training';
import { generateDay, prepareGenerator, type ActiveShift, type DayBatch, type GeneratorModel } from './generator';
import { createFeatureStore, latestWindowJoin, pointInTimeWindowJoin, writeFeature, type FeatureStore } from './featureStore';
import type { FittedModel } from './model';
import type { PendingChallenger } from './rollout';
import type { Scenario } from './scenarioSchema';
import type { FeatureJoin } from './registry';

export interface Runtime {
  scenario: Scenario;
  gen: GeneratorModel;
  store: FeatureStore;
  /** Confirmed positives per entity so far (the store feature's current value). */
  positives: Int32Array;
  batches: Map<number, DayBatch>;
  /** Store feature as served on each cached day (point in time at the row's time). */
  servedStore: Map<number, Float64Array>;
  models: Map<string, FittedModel>;
  references: Map<string, DrawnReference>;
  /** Served scores by day, until that day's labels arrive. */
  pending: Map<number, { scores: Float64Array; version: number | null; challenger?: PendingChallenger }>;
  /** Every shift applied so far (scheduled + injected), with `until` when fixed. */
  shifts: () => readonly ActiveShift[];
  /** The current simulated time (the session's day): "now" for the bypass join. */
  now: () => number;
}

/**
 * Days kept in memory: the label delay plus a training window and its holdout, so the daily loop never
 * regenerates a day. More would only feed the garbage collector (a day of 10,000 rows is ~0.8 MB).
 */
const cacheDays = (s: Scenario): number => s.labelDelayDays + LAB_LIMITS.maxWindowDays + 3;

export function createRuntime(scenario: Scenario, seed: number, shifts: () => readonly ActiveShift[], now: () => number): Runtime {
  return {
    scenario,
    gen: prepareGenerator(scenario, seed),
    store: createFeatureStore(),
    positives: new Int32Array(scenario.entity.count),
    batches: new Map(),
    servedStore: new Map(),
    models: new Map(),
    references: new Map(),
    pending: new Map(),
    shifts,
    now,
  };
}

export function batchFor(rt: Runtime, day: number): DayBatch {
  let b = rt.batches.get(day);
  if (!b) {
    b = generateDay(rt.gen, day, rt.shifts());
    rt.batches.set(day, b);
    for (const d of rt.batches.keys()) {
      if (d < day - cacheDays(rt.scenario)) {
        rt.batches.delete(d);
        rt.servedStore.delete(d);
      }
    }
  }
  return b;
}

/** The store feature as served on `day` (computed when the day is first served; re-joined if evicted). */
export function servedStoreFor(rt: Runtime, day: number): Float64Array {
  let s = rt.servedStore.get(day);
  if (!s) {
    const b = batchFor(rt, day);
    s = pointInTimeWindowJoin(rt.store, b.entity, b.time, rt.scenario.entity.storeFeature.windowDays, b.n);
    rt.servedStore.set(day, s);
  }
  return s;
}

/** Labels of `scoredDay` arrive on `arrivalDay`: each positive bumps its entity's count in the feature store. */
export function arriveLabels(rt: Runtime, scoredDay: number, arrivalDay: number): DayBatch {
  const b = batchFor(rt, scoredDay);
  for (let i = 0; i < b.n; i++) {
    if (b.label[i]) {
      const e = b.entity[i]!;
      rt.positives[e]!++;
      writeFeature(rt.store, e, arrivalDay, rt.positives[e]!);
    }
  }
  return b;
}

/**
 * A model's columns for day `day`: request features in the `offline` (logged) or `served` (online) view; the
 * store feature joined point in time (what serving saw) or, offline only, as of now (the bypass that leaks labels).
 */
export function columnsFor(
  rt: Runtime,
  day: number,
  features: readonly string[],
  view: 'offline' | 'served',
  join: FeatureJoin,
): Float64Array[] {
  const b = batchFor(rt, day);
  const ids = rt.scenario.features.map((f) => f.id);
  let store: Float64Array | null = null;
  return features.map((id) => {
    const j = ids.indexOf(id);
    if (j >= 0) return view === 'offline' ? b.offline[j]! : b.served[j]!;
    // Point in time, offline and served agree: the log only gains later events, so the join is stable.
    store ??=
      join === 'latest' && view === 'offline'
        ? latestWindowJoin(rt.store, b.entity, rt.now(), rt.scenario.entity.storeFeature.windowDays, b.n)
        : servedStoreFor(rt, day);
    return store;
  });
}
