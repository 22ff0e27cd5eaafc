/**
 * Model quality metrics, computed for real on typed arrays.
 *
 * Owns: ROC AUC (Mann–Whitney with average ranks for ties), the confusion counts, precision and recall at a
 * threshold, calibration (equal-width reliability bins, Brier score, expected calibration error), cost in the
 * scenario's business terms, quality per subgroup, and `evaluate` bundling them for a run or a day.
 * Conventions: a score ≥ threshold is flagged positive. Undefined values (AUC with one class, precision with
 * nothing flagged) are `null`, never NaN, so they survive JSON and show as "—".
 */
import type { Scenario } from './scenarioSchema';

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  meanScore: number | null;
  positiveRate: number | null;
}

export interface Metrics extends Confusion {
  n: number;
  positives: number;
  auc: number | null;
  precision: number | null;
  recall: number | null;
  brier: number;
  ece: number;
  /** Business cost of this window's decisions, and per 1,000 rows. */
  cost: number;
  costPer1000: number;
}

export interface SubgroupMetrics extends Metrics {
  group: string;
  label: string;
}

/**
 * ROC AUC = P(score of a random positive > score of a random negative), ties counting one half.
 * Mann–Whitney: sort all scores once (native typed-array sort), then each positive's average rank is found by
 * binary search (lower and upper bound of its score), so no comparator sort runs in the daily loop.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, n = labels.length): number | null {
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = scores[i]!;
  sorted.sort();
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    if (!labels[i]) continue;
    const s = scores[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    const below = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= s) lo = mid + 1;
      else hi = mid;
    }
    // ranks below+1 … lo are tied with s: their average
    rankSumPos += (below + 1 + lo) / 2;
    pos++;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number, n = labels.length): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < n; i++) {
    const flagged = scores[i]! >= threshold;
    if (labels[i]) {
      if (flagged) c.tp++;
      else c.fn++;
    } else if (flagged) c.fp++;
    else c.tn++;
  }
  return c;
}

export const precision = (c: Confusion): number | null => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : null);
export const recall = (c: Confusion): number | null => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : null);

/** Reliability diagram on `bins` equal-width bins of [0, 1], with Brier score and ECE (count-weighted |gap|). */
export function calibration(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
  n = labels.length,
): { bins: ReliabilityBin[]; brier: number; ece: number } {
  const cnt = new Float64Array(bins);
  const sumS = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    const y = labels[i] ? 1 : 0;
    brier += (s - y) * (s - y);
    const b = Math.min(bins - 1, Math.max(0, Math.floor(s * bins)));
    cnt[b]!++;
    sumS[b]! += s;
    sumY[b]! += y;
  }
  let ece = 0;
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const c = cnt[b]!;
    if (c) ece += (c / n) * Math.abs(sumS[b]! / c - sumY[b]! / c);
    out.push({ lo: b / bins, hi: (b + 1) / bins, count: c, meanScore: c ? sumS[b]! / c : null, positiveRate: c ? sumY[b]! / c : null });
  }
  return { bins: out, brier: n ? brier / n : 0, ece: n ? ece : 0 };
}

/** Cost of the decisions in the scenario's terms: false positives, false negatives and handled true positives. */
export function businessCost(c: Confusion, costs: Scenario['costs']): number {
  return c.fp * costs.falsePositive + c.fn * costs.falseNegative + c.tp * costs.truePositive;
}

export function evaluate(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
  costs: Scenario['costs'],
  n = labels.length,
): Metrics {
  const c = confusionAt(scores, labels, threshold, n);
  const cal = calibration(scores, labels, 10, n);
  const cost = businessCost(c, costs);
  return {
    ...c,
    n,
    positives: c.tp + c.fn,
    auc: rocAuc(scores, labels, n),
    precision: precision(c),
    recall: recall(c),
    brier: cal.brier,
    ece: cal.ece,
    cost,
    costPer1000: n ? (cost * 1000) / n : 0,
  };
}

/** `evaluate` per subgroup (`group[i]` indexes `groups`). */
export function bySubgroup(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  group: ArrayLike<number>,
  groups: readonly { id: string; label: string }[],
  threshold: number,
  costs: Scenario['costs'],
  n = labels.length,
): SubgroupMetrics[] {
  return groups.map((g, gi) => {
    let m = 0;
    for (let i = 0; i < n; i++) if (group[i] === gi) m++;
    const s = new Float64Array(m);
    const y = new Uint8Array(m);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (group[i] === gi) {
        s[k] = scores[i]!;
        y[k++] = labels[i]!;
      }
    }
    return { group: g.id, label: g.label, ...evaluate(s, y, threshold, costs) };
  });
}
