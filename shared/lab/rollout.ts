/**
 * Canary and shadow deployment of the challenger (the pipeline's deploy step, modes other than direct).
 *
 * Owns: which version is in rollout and since when, which rows a canary serves, the day's rollout record (the
 * challenger's score distribution against its own training reference: an operational health check that needs no
 * labels), the challenger's live quality once labels arrive, and the automatic verdict after ROLLOUT_DAYS.
 * The check a canary can make on the day, before any label: does the challenger decide like a sane model on the
 * same traffic — its flag rate within half to twice the champion's (± 1 point)? A model that flags everyone, or
 * no one, stops the rollout.
 *   shadow  the challenger scores every row beside the champion; nothing it says is acted on.
 *   canary  every 10th row (CANARY_EVERY) is decided by the challenger; the rest by the champion.
 * Direct mode has no rollout: a promoted model serves everything at once.
 * With the deploy step on (maturity level 2), a model that passes the gate becomes the challenger instead of the
 * champion; after ROLLOUT_DAYS healthy days it is promoted through the gate again, and a rollout whose score
 * distribution drifts (PSI at the alert level) is stopped and the challenger archived. A human (level 1) promotes
 * from the registry whenever they are convinced.
 */
import { evaluate, type Metrics } from './metrics';
import { scoreColumns } from './model';
import type { DeployMode } from './actions';
import type { LabState } from './labTypes';
import type { Registry } from './registry';
import { columnsFor, type Runtime } from './runtime';

export const CANARY_EVERY = 10;
export const ROLLOUT_DAYS = 3;

export interface RolloutDay {
  mode: Exclude<DeployMode, 'direct'>;
  version: number;
  /** Rows the challenger scored (all in shadow, every 10th in a canary). */
  rows: number;
  /** Rows whose decision came from the challenger (0 in shadow). */
  served: number;
  /** Share of those rows the challenger flags, and the champion on the same rows. */
  flagRate: number;
  championFlagRate: number;
  /** The operational check (no labels needed): the challenger flags between half and twice as often as the champion, give or take a percentage point. */
  healthy: boolean;
}

export interface ChallengerQuality {
  version: number;
  mode: Exclude<DeployMode, 'direct'>;
  rows: number;
  metrics: Metrics;
}

export interface PendingChallenger {
  version: number;
  mode: Exclude<DeployMode, 'direct'>;
  /** Scores of the rows it scored, in row order (every row in shadow, the canary rows in a canary). */
  scores: Float64Array;
  rows: Int32Array;
}

export const inCanary = (row: number): boolean => row % CANARY_EVERY === 0;

/** The version in rollout today, or null (direct mode, no challenger, or its model is gone). */
export function rolloutVersion(st: LabState, rt: Runtime): { version: number; runId: string; mode: Exclude<DeployMode, 'direct'> } | null {
  const mode = st.pipeline.deployMode;
  const r = st.registry;
  if (mode === 'direct' || r.challenger === null || r.challenger === r.champion) return null;
  const v = r.versions.find((x) => x.version === r.challenger);
  if (!v || v.archived || !rt.models.has(v.runId)) return null;
  return { version: v.version, runId: v.runId, mode };
}

/** The day the version became the challenger (its latest 'challenger' event). */
export function rolloutSince(r: Registry, version: number): number | null {
  for (let i = r.events.length - 1; i >= 0; i--) {
    const e = r.events[i]!;
    if (e.version === version && e.kind === 'challenger') return e.day;
  }
  return null;
}

/**
 * Scores day D with the challenger; in a canary, overwrites the canary rows of `served` (the champion's scores)
 * with the challenger's. Returns the day's record and what waits for the labels.
 */
export function runRollout(
  rt: Runtime,
  st: LabState,
  day: number,
  n: number,
  served: Float64Array,
  threshold: number,
): { record: RolloutDay; pending: PendingChallenger } | null {
  const ro = rolloutVersion(st, rt);
  if (!ro) return null;
  const model = rt.models.get(ro.runId)!;
  const all = scoreColumns(model, columnsFor(rt, day, model.features, 'served', 'point-in-time'), n);
  const canary = ro.mode === 'canary';
  const count = canary ? Math.ceil(n / CANARY_EVERY) : n;
  const rows = new Int32Array(count);
  const scores = new Float64Array(count);
  let k = 0;
  let flagged = 0;
  let championFlagged = 0;
  for (let i = 0; i < n; i++) {
    if (canary && !inCanary(i)) continue;
    rows[k] = i;
    scores[k] = all[i]!;
    if (all[i]! >= threshold) flagged++;
    if (served[i]! >= threshold) championFlagged++;
    if (canary) served[i] = all[i]!;
    k++;
  }
  const flagRate = k ? flagged / k : 0;
  const championFlagRate = k ? championFlagged / k : 0;
  const healthy = flagRate >= championFlagRate / 2 - 0.01 && flagRate <= championFlagRate * 2 + 0.01;
  return {
    record: { mode: ro.mode, version: ro.version, rows: k, served: canary ? k : 0, flagRate, championFlagRate, healthy },
    pending: { version: ro.version, mode: ro.mode, scores: scores.subarray(0, k), rows: rows.subarray(0, k) },
  };
}

/** The challenger's live quality on the rows it scored, once their labels have arrived. */
export function challengerQuality(
  p: PendingChallenger,
  label: ArrayLike<number>,
  threshold: number,
  costs: Parameters<typeof evaluate>[3],
): ChallengerQuality {
  const labels = new Uint8Array(p.rows.length);
  for (let k = 0; k < p.rows.length; k++) labels[k] = label[p.rows[k]!]! ? 1 : 0;
  return { version: p.version, mode: p.mode, rows: p.rows.length, metrics: evaluate(p.scores, labels, threshold, costs, p.rows.length) };
}

/**
 * The automatic verdict on a rollout at the end of `day`: 'promote' after ROLLOUT_DAYS healthy days, 'stop' on an
 * unhealthy day, else null (keep watching).
 */
export function rolloutVerdict(st: LabState, version: number): 'promote' | 'stop' | null {
  const since = rolloutSince(st.registry, version);
  if (since === null) return null;
  const days = st.days.filter((d) => d.day >= since && d.rollout?.version === version);
  if (days.some((d) => !d.rollout!.healthy)) return 'stop';
  return days.length >= ROLLOUT_DAYS ? 'promote' : null;
}
