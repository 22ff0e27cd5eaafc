/**
 * A minimal feature store for entity features, with point-in-time correct joins.
 *
 * Owns: the append-only per-entity log of (time, value), `valueAsOf`, `pointInTimeJoin` (each row gets the value
 * its entity had at the row's own time: what the online service could have served then) and `latestJoin` (each
 * row gets the entity's value as of now: the shortcut a notebook takes when it bypasses the store).
 *
 * Why it matters in the lab: the store feature counts an entity's confirmed positives, and confirmations arrive
 * after the labels' delay. Joined "as of now", a training row's feature already includes the row's own label:
 * label leakage. Offline metrics look excellent, the served feature never contains it: training/serving skew.
 * Convention: an event at exactly the row's time is visible (t_event ≤ t_row), as in Feast and Tecton.
 * Windowed counts: when an entity's values are a running count, its count over the window (t − w, t] is
 * valueAsOf(t) − valueAsOf(t − w); `pointInTimeWindowJoin` and `latestWindowJoin` do that per row.
 */

interface History {
  t: number[];
  v: number[];
}

/** Entities are small non-negative integers (row ids of the scenario's entity table): a dense array beats a Map. */
export interface FeatureStore {
  readonly byEntity: (History | undefined)[];
  events: number;
}

export function createFeatureStore(): FeatureStore {
  return { byEntity: [], events: 0 };
}

/** Appends one value; times per entity must not go backwards (a log, not an update in place). */
export function writeFeature(store: FeatureStore, entity: number, time: number, value: number): void {
  if (!Number.isInteger(entity) || entity < 0 || entity > 10_000_000)
    throw new Error(`feature store: entity ids are integers 0 … 10,000,000, not ${entity}`);
  let h = store.byEntity[entity];
  if (!h) {
    h = { t: [], v: [] };
    store.byEntity[entity] = h;
  }
  const last = h.t[h.t.length - 1];
  if (last !== undefined && time < last)
    throw new Error(`feature store: entity ${entity} written at ${time} after ${last}; the log only moves forward`);
  h.t.push(time);
  h.v.push(value);
  store.events++;
}

/** The entity's last value with time ≤ `time`, or `missing` when it had none yet. */
export function valueAsOf(store: FeatureStore, entity: number, time: number, missing = 0): number {
  const h = store.byEntity[entity];
  return h ? historyAsOf(h, time, missing) : missing;
}

function historyAsOf(h: History, time: number, missing: number): number {
  let lo = 0;
  let hi = h.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (h.t[mid]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? missing : h.v[lo - 1]!;
}

export function latestValue(store: FeatureStore, entity: number, missing = 0): number {
  const h = store.byEntity[entity];
  return h && h.v.length ? h.v[h.v.length - 1]! : missing;
}

export function pointInTimeJoin(
  store: FeatureStore,
  entity: Int32Array,
  time: Float64Array,
  n = entity.length,
  out = new Float64Array(n),
  missing = 0,
): Float64Array {
  for (let i = 0; i < n; i++) out[i] = valueAsOf(store, entity[i]!, time[i]!, missing);
  return out;
}

export function pointInTimeWindowJoin(
  store: FeatureStore,
  entity: Int32Array,
  time: Float64Array,
  windowDays: number,
  n = entity.length,
  out = new Float64Array(n),
): Float64Array {
  for (let i = 0; i < n; i++) {
    const h = store.byEntity[entity[i]!];
    out[i] = h ? historyAsOf(h, time[i]!, 0) - historyAsOf(h, time[i]! - windowDays, 0) : 0;
  }
  return out;
}

/** The bypass for a windowed count: every row gets its entity's count over the window ending now. */
export function latestWindowJoin(
  store: FeatureStore,
  entity: Int32Array,
  now: number,
  windowDays: number,
  n = entity.length,
  out = new Float64Array(n),
): Float64Array {
  for (let i = 0; i < n; i++) out[i] = valueAsOf(store, entity[i]!, now) - valueAsOf(store, entity[i]!, now - windowDays);
  return out;
}

export function latestJoin(
  store: FeatureStore,
  entity: Int32Array,
  n = entity.length,
  out = new Float64Array(n),
  missing = 0,
): Float64Array {
  for (let i = 0; i < n; i++) out[i] = latestValue(store, entity[i]!, missing);
  return out;
}
