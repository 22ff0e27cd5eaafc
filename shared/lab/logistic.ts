/**
 * Logistic regression by Newton's method (iteratively reweighted least squares) with an L2 penalty.
 *
 * Owns: `trainLogistic`. Features are standardised on the training data (so the penalty treats them alike and
 * Newton is well conditioned); the stored model folds the standardisation into `coef`/`bias` so scoring is one
 * multiply-add per feature. Converges in a handful of iterations on 10k–20k rows (see model.ts for why not
 * ml-logistic-regression).
 */
import type { TrainingSet } from './model';

export interface LogisticModel {
  kind: 'logistic';
  features: string[];
  /** Per raw feature value: logit = bias + Σ coef·x. */
  coef: number[];
  bias: number;
  /** Training mean (imputation of NaN, explanation baseline) and standard deviation per feature. */
  mean: number[];
  sd: number[];
  iterations: number;
}

/** Solves A x = b in place for a small symmetric positive-definite A (Cholesky). */
function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      l[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * d + j]!;
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * y[k]!;
    y[i] = s / l[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * x[k]!;
    x[i] = s / l[i * d + i]!;
  }
  return x;
}

export function trainLogistic(features: readonly string[], data: TrainingSet, l2: number): LogisticModel {
  const n = data.n;
  const p = features.length;
  const d = p + 1;
  const mean: number[] = [];
  const sd: number[] = [];
  // Standardised design matrix, row-major, with a leading 1 for the intercept.
  const X = new Float64Array(n * d);
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
    let v = 0;
    for (let i = 0; i < n; i++) if (col[i] === col[i]) v += (col[i]! - m) ** 2;
    const sdev = c > 1 && v > 0 ? Math.sqrt(v / (c - 1)) : 1;
    mean.push(m);
    sd.push(sdev);
    for (let i = 0; i < n; i++) {
      const x = col[i]!;
      X[i * d + j + 1] = x === x ? (x - m) / sdev : 0;
    }
  }
  for (let i = 0; i < n; i++) X[i * d] = 1;
  const w = new Float64Array(d);
  const H = new Float64Array(d * d);
  const g = new Float64Array(d);
  let it = 0;
  for (; it < 50; it++) {
    H.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * X[o + j]!;
      const pr = 1 / (1 + Math.exp(-z));
      const r = data.label[i]! - pr;
      const wt = Math.max(pr * (1 - pr), 1e-10);
      for (let j = 0; j < d; j++) {
        const xj = X[o + j]!;
        g[j]! += r * xj;
        const wx = wt * xj;
        for (let k = 0; k <= j; k++) H[j * d + k]! += wx * X[o + k]!;
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) H[k * d + j] = H[j * d + k]!;
    for (let j = 1; j < d; j++) {
      H[j * d + j]! += l2;
      g[j]! -= l2 * w[j]!;
    }
    const step = solveSpd(H, g, d);
    let maxStep = 0;
    for (let j = 0; j < d; j++) {
      w[j]! += step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!));
    }
    if (maxStep < 1e-6) {
      it++;
      break;
    }
  }
  const coef = mean.map((_, j) => w[j + 1]! / sd[j]!);
  const bias = w[0]! - coef.reduce((a, c, j) => a + c * mean[j]!, 0);
  return { kind: 'logistic', features: [...features], coef, bias, mean, sd, iterations: it };
}
