/**
 * A CART decision tree for a binary label, histogram-based (the approach of LightGBM/XGBoost's `hist`).
 *
 * Owns: `trainTree`. Each feature is cut at up to 32 quantiles of the training data; a node's best split is found
 * from per-bin counts (O(rows + bins) per feature per node) by Gini gain; leaves hold a smoothed probability
 * (m-estimate towards the training base rate) so the tree scores as a probability, not a vote. Every node keeps
 * its probability too, for path explanations. Deterministic: no sampling, ties broken by feature then bin order.
 */
import type { TrainingSet } from './model';

export interface TreeModel {
  kind: 'tree';
  features: string[];
  /** Per node: split feature (−1 for a leaf), threshold (x < threshold goes left), children, probability. */
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  /** Training mean per feature (imputation of NaN). */
  mean: number[];
  /** Total Gini gain × rows per feature (importance). */
  gain: number[];
}

const MAX_BINS = 32;
const SMOOTHING = 5;

function quantileEdges(col: Float64Array, n: number): number[] {
  const sorted = Float64Array.from(col.subarray(0, n))
    .filter((v) => v === v)
    .sort();
  const edges: number[] = [];
  for (let k = 1; k < MAX_BINS; k++) {
    const v = sorted[Math.floor((k * sorted.length) / MAX_BINS)];
    if (v !== undefined && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return edges;
}

export function trainTree(features: readonly string[], data: TrainingSet, maxDepth: number, minLeaf: number): TreeModel {
  const n = data.n;
  const p = features.length;
  const mean: number[] = [];
  const edges: number[][] = [];
  const bins: Uint8Array[] = [];
  for (let j = 0; j < p; j++) {
    const col = data.columns[j]!;
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      if (col[i] === col[i]) {
        s += col[i]!;
        c++;
      }
    }
    const m = c ? s / c : 0;
    mean.push(m);
    const e = quantileEdges(col, n);
    edges.push(e);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = col[i]! === col[i]! ? col[i]! : m;
      // bin = number of edges ≤ v, so "bin ≤ k" ⇔ v < edges[k].
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (e[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      b[i] = lo;
    }
    bins.push(b);
  }
  let totalPos = 0;
  for (let i = 0; i < n; i++) totalPos += data.label[i]!;
  const prior = n ? totalPos / n : 0;
  const model: TreeModel = {
    kind: 'tree',
    features: [...features],
    feature: [],
    threshold: [],
    left: [],
    right: [],
    value: [],
    mean,
    gain: new Array<number>(p).fill(0),
  };
  const cnt = new Float64Array(MAX_BINS + 1);
  const pos = new Float64Array(MAX_BINS + 1);
  const gini = (c: number, q: number): number => (c > 0 ? 2 * (q / c) * (1 - q / c) : 0);

  const build = (rows: Int32Array, depth: number): number => {
    const id = model.feature.length;
    let np = 0;
    for (let i = 0; i < rows.length; i++) np += data.label[rows[i]!]!;
    const nn = rows.length;
    model.feature.push(-1);
    model.threshold.push(0);
    model.left.push(-1);
    model.right.push(-1);
    model.value.push((np + SMOOTHING * prior) / (nn + SMOOTHING));
    if (depth >= maxDepth || nn < 2 * minLeaf || np === 0 || np === nn) return id;
    const parent = gini(nn, np);
    let best = 1e-12;
    let bf = -1;
    let bk = -1;
    for (let j = 0; j < p; j++) {
      const e = edges[j]!;
      if (e.length === 0) continue;
      cnt.fill(0);
      pos.fill(0);
      const b = bins[j]!;
      for (let i = 0; i < nn; i++) {
        const r = rows[i]!;
        cnt[b[r]!]!++;
        pos[b[r]!]! += data.label[r]!;
      }
      let lc = 0;
      let lp = 0;
      for (let k = 0; k < e.length; k++) {
        lc += cnt[k]!;
        lp += pos[k]!;
        const rc = nn - lc;
        if (lc < minLeaf || rc < minLeaf) continue;
        const gain = parent - (lc / nn) * gini(lc, lp) - (rc / nn) * gini(rc, np - lp);
        if (gain > best) {
          best = gain;
          bf = j;
          bk = k;
        }
      }
    }
    if (bf < 0) return id;
    const b = bins[bf]!;
    let lcount = 0;
    for (let i = 0; i < nn; i++) if (b[rows[i]!]! <= bk) lcount++;
    const lrows = new Int32Array(lcount);
    const rrows = new Int32Array(nn - lcount);
    let a = 0;
    let c = 0;
    for (let i = 0; i < nn; i++) {
      const r = rows[i]!;
      if (b[r]! <= bk) lrows[a++] = r;
      else rrows[c++] = r;
    }
    model.feature[id] = bf;
    model.threshold[id] = edges[bf]![bk]!;
    model.gain[bf]! += best * nn;
    model.left[id] = build(lrows, depth + 1);
    model.right[id] = build(rrows, depth + 1);
    return id;
  };
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  build(all, 0);
  return model;
}
