/**
 * The seeded synthetic data generator: one simulated day of rows for a scenario, with the shifts active that day.
 *
 * Owns: `prepareGenerator` (solves the intercept for the scenario's base rate on a fixed pilot sample and draws
 * every entity's latent risk), `generateDay` (typed arrays: subgroup, entity, time, true/offline/served feature
 * values, label) and `shiftEffects` (what the active shifts do on a given day).
 *
 * Determinism: each day draws from its own stream `mixSeed(seed, day)`, so day 40 is the same whether or not days
 * 0–39 were generated, and the same seed gives the same bytes on every machine (no Math.random, no clock; only
 * IEEE-754 arithmetic plus Math.exp/log/sqrt, which V8 computes the same way in Node and in a browser).
 *
 * Three views of each feature value (how skew happens):
 *   raw      the truth in the world (drives the label);
 *   offline  what the source logged: raw after upstream changes (unit/schema): what training sees;
 *   served   what the online model sees: offline after feature-pipeline bugs.
 * The store feature (entity's confirmed positives) is not generated here: it comes from the feature store.
 */
import { mixSeed, Rng, STREAM } from './rng';
import type { Scenario, Shift } from './scenarioSchema';

/** A shift as the simulation applies it: `until` ends it (a fixed pipeline bug); `injected` by the facilitator. */
export type ActiveShift = Shift & { until?: number; injected?: boolean };

export interface GeneratorModel {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly intercept: number;
  readonly entityRisk: Float64Array;
}

export interface DayBatch {
  readonly day: number;
  readonly n: number;
  readonly group: Uint8Array;
  readonly entity: Int32Array;
  /** Row time in days: day + (i + 0.5) / n, for point-in-time joins. */
  readonly time: Float64Array;
  readonly raw: Float64Array[];
  readonly offline: Float64Array[];
  readonly served: Float64Array[];
  readonly label: Uint8Array;
}

export interface ShiftEffects {
  /** Mean offset in standard deviations, per feature. */
  covariate: Float64Array;
  /** Change of the weight on the true log-odds, per feature. */
  concept: Float64Array;
  /** Odds multiplier for a positive (label shift). */
  priorOdds: number;
  upstream: Float64Array;
  pipelineBug: Float64Array;
}

const PILOT_ROWS = 20_000;

function ramp(s: ActiveShift, day: number): number {
  if (day < s.day || (s.until !== undefined && day >= s.until)) return 0;
  if (s.rampDays === 0) return 1;
  return Math.min(1, (day - s.day + 1) / s.rampDays);
}

export function shiftEffects(scenario: Scenario, shifts: readonly ActiveShift[], day: number): ShiftEffects {
  const nf = scenario.features.length;
  const e: ShiftEffects = {
    covariate: new Float64Array(nf),
    concept: new Float64Array(nf),
    priorOdds: 1,
    upstream: new Float64Array(nf).fill(1),
    pipelineBug: new Float64Array(nf).fill(1),
  };
  for (const s of shifts) {
    const r = ramp(s, day);
    if (r === 0) continue;
    const f = s.feature === undefined ? -1 : scenario.features.findIndex((x) => x.id === s.feature);
    if (s.kind === 'prior') {
      e.priorOdds *= Math.pow(s.amount, r);
      continue;
    }
    if (f < 0) continue;
    if (s.kind === 'covariate') e.covariate[f]! += s.amount * r;
    else if (s.kind === 'concept') e.concept[f]! += s.amount * r;
    else if (s.kind === 'upstream') e.upstream[f]! *= s.amount;
    else e.pipelineBug[f]! *= s.amount;
  }
  return e;
}

/** Everything the row loop reads, flattened into typed arrays once per day (no object lookups per row). */
interface Tables {
  nf: number;
  cum: Float64Array;
  groupLogit: Float64Array;
  /** [g * nf + f]: mean offset in sd for group g and feature f, including covariate drift. */
  offset: Float64Array;
  dist: Uint8Array; // 0 normal, 1 lognormal, 2 bernoulli
  mean: Float64Array;
  sd: Float64Array;
  weight: Float64Array;
  quad: Float64Array;
}

function tables(s: Scenario, fx: ShiftEffects): Tables {
  const groups = s.subgroups?.groups ?? [{ share: 1, logit: 0, shift: {} as Record<string, number> }];
  const nf = s.features.length;
  const cum = new Float64Array(groups.length);
  let acc = 0;
  groups.forEach((g, i) => {
    acc += g.share;
    cum[i] = acc;
  });
  cum[groups.length - 1] = 1;
  const offset = new Float64Array(groups.length * nf);
  groups.forEach((g, gi) => s.features.forEach((f, fi) => (offset[gi * nf + fi] = (g.shift[f.id] ?? 0) + fx.covariate[fi]!)));
  return {
    nf,
    cum,
    groupLogit: Float64Array.from(groups.map((g) => g.logit)),
    offset,
    dist: Uint8Array.from(s.features.map((f) => (f.dist === 'normal' ? 0 : f.dist === 'lognormal' ? 1 : 2))),
    mean: Float64Array.from(s.features.map((f) => f.mean)),
    sd: Float64Array.from(s.features.map((f) => f.sd)),
    weight: Float64Array.from(s.features.map((f, i) => f.weight + fx.concept[i]!)),
    quad: Float64Array.from(s.features.map((f) => f.quad)),
  };
}

/**
 * Draws one row's group, entity and features into `x`; returns the true log-odds without the intercept.
 * `ge[0]` receives the group, `ge[1]` the entity.
 */
function drawRow(t: Tables, rng: Rng, entityRisk: Float64Array, x: Float64Array, ge: Int32Array): number {
  const u = rng.uniform();
  let g = 0;
  while (g < t.cum.length - 1 && u >= t.cum[g]!) g++;
  const e = rng.int(entityRisk.length);
  ge[0] = g;
  ge[1] = e;
  const nf = t.nf;
  const o = g * nf;
  let logit = entityRisk[e]! + t.groupLogit[g]!;
  for (let f = 0; f < nf; f++) {
    const kind = t.dist[f]!;
    let zt: number;
    if (kind === 2) {
      const p0 = t.mean[f]!;
      const p = Math.min(0.999, Math.max(0.001, p0 + t.offset[o + f]! * Math.sqrt(p0 * (1 - p0))));
      const v = rng.uniform() < p ? 1 : 0;
      x[f] = v;
      zt = v - p0;
    } else {
      const z = rng.normal() + t.offset[o + f]!;
      const v = t.mean[f]! + t.sd[f]! * z;
      x[f] = kind === 0 ? v : Math.exp(v);
      zt = z;
    }
    logit += (t.weight[f]! + t.quad[f]! * zt) * zt;
  }
  return logit;
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

export function prepareGenerator(scenario: Scenario, seed: number): GeneratorModel {
  const er = new Rng(mixSeed(seed, 0, STREAM.entity));
  const entityRisk = new Float64Array(scenario.entity.count);
  for (let i = 0; i < entityRisk.length; i++) entityRisk[i] = er.normal() * scenario.entity.riskSd;
  // Intercept: bisection on a fixed pilot sample so that the mean true probability equals the base rate.
  const pilot = new Float64Array(PILOT_ROWS);
  const t = tables(scenario, shiftEffects(scenario, [], 0));
  const rng = new Rng(mixSeed(seed, 0, STREAM.pilot));
  const x = new Float64Array(t.nf);
  const ge = new Int32Array(2);
  for (let i = 0; i < PILOT_ROWS; i++) pilot[i] = drawRow(t, rng, entityRisk, x, ge);
  let lo = -30;
  let hi = 30;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    let m = 0;
    for (let i = 0; i < PILOT_ROWS; i++) m += sigmoid(mid + pilot[i]!);
    if (m / PILOT_ROWS > scenario.baseRate) hi = mid;
    else lo = mid;
  }
  return { scenario, seed, intercept: (lo + hi) / 2, entityRisk };
}

/** Generates day `day` (negative days are the labelled history before the simulation starts). */
export function generateDay(gen: GeneratorModel, day: number, shifts: readonly ActiveShift[], rows?: number): DayBatch {
  const s = gen.scenario;
  const n = rows ?? s.rowsPerDay;
  const nf = s.features.length;
  const fx = shiftEffects(s, shifts, day);
  const rng = new Rng(mixSeed(gen.seed, day, STREAM.day));
  const b: DayBatch = {
    day,
    n,
    group: new Uint8Array(n),
    entity: new Int32Array(n),
    time: new Float64Array(n),
    raw: Array.from({ length: nf }, () => new Float64Array(n)),
    offline: [],
    served: [],
    label: new Uint8Array(n),
  };
  const k = fx.priorOdds;
  const acceptPos = Math.min(1, k);
  const acceptNeg = Math.min(1, 1 / k);
  const t = tables(s, fx);
  const x = new Float64Array(nf);
  const ge = new Int32Array(2);
  const raw = b.raw;
  // Label shift by rejection: keeping positives with acceptPos and negatives with acceptNeg multiplies the odds
  // by k while P(x | y) stays as it was. At most 20× the rows are drawn (k is capped at 20 by the schema).
  for (let i = 0, draws = 0; i < n && draws < n * 40; draws++) {
    const l = drawRow(t, rng, gen.entityRisk, x, ge);
    const y = rng.uniform() < sigmoid(gen.intercept + l) ? 1 : 0;
    if (k !== 1 && rng.uniform() >= (y === 1 ? acceptPos : acceptNeg)) continue;
    b.group[i] = ge[0]!;
    b.entity[i] = ge[1]!;
    b.time[i] = day + (i + 0.5) / n;
    b.label[i] = y;
    for (let f = 0; f < nf; f++) raw[f]![i] = x[f]!;
    i++;
  }
  // Views share the array when nothing changes them (batches are never written after this function).
  for (let f = 0; f < nf; f++) {
    const up = fx.upstream[f]!;
    const bug = fx.pipelineBug[f]!;
    const r = raw[f]!;
    let off = r;
    if (up !== 1) {
      off = new Float64Array(n);
      for (let i = 0; i < n; i++) off[i] = r[i]! * up;
    }
    let srv = off;
    if (bug !== 1) {
      srv = new Float64Array(n);
      for (let i = 0; i < n; i++) srv[i] = off[i]! * bug;
    }
    b.offline.push(off);
    b.served.push(srv);
  }
  return b;
}
