/**
 * Drift statistics: PSI with bins fixed on the reference window, and the two-sample Kolmogorov–Smirnov statistic.
 *
 * Owns: `referenceProfile` (bin edges and reference proportions, computed once from the reference window, e.g.
 * the serving model's training data), `psi`, `ksStatistic`, and `driftLevel` (thresholds → ok/warn/alert).
 *
 * Binning dependence (say it in the debrief): PSI is not a property of two distributions alone; it depends on the
 * bins. Here the edges are the reference's deciles (equal-frequency bins, each ~10% of the reference), fixed for
 * as long as that reference is in use, with open-ended first and last bins so out-of-range values still count.
 * Other edges (equal-width, 20 bins, edges re-fitted on each window) give different numbers for the same data;
 * more bins and smaller windows inflate PSI through sampling noise. Empty bins are floored at 1e-4 so PSI stays
 * finite. A feature with few distinct values (0/1) gets one bin per distinct reference value.
 * KS is the largest gap between the two empirical CDFs; it needs no bins, but with 10,000 rows even a harmless
 * difference is "significant", so alerts use an effect-size threshold (0.1) rather than a p-value.
 *
 * The daily monitor uses `driftStats`: one pass over the day's values, no sort, no allocation per value. Each
 * value is placed among the reference's percentiles (1st … 99th); PSI comes out exactly as `psi` (the deciles are
 * among the percentiles); KS is evaluated at the percentiles only, so it can miss at most the gap inside one
 * percentile cell (≤ 0.01 of reference mass plus the new data's mass there). `ksStatistic` is the exact version.
 */

export interface ReferenceProfile {
  /** Interior edges: bin k holds values in [edges[k-1], edges[k]), first and last bins open-ended. */
  edges: number[];
  expected: number[];
  /** Sorted reference values (NaN removed), for KS. */
  sorted: Float64Array;
  /** Percentile grid for `driftStats`: edges, reference CDF just below each edge, PSI bin of each grid cell. */
  grid: number[];
  gridCdf: number[];
  cellBin: Int32Array;
}

export const PSI_FLOOR = 1e-4;

function binOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function quantileEdges(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / bins)];
    if (v !== undefined && v > sorted[0]! && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return edges;
}

export function referenceProfile(values: ArrayLike<number>, bins = 10, n = values.length): ReferenceProfile {
  const clean: number[] = [];
  for (let i = 0; i < n; i++) if (values[i] === values[i]) clean.push(values[i]!);
  const sorted = Float64Array.from(clean).sort();
  const edges = quantileEdges(sorted, bins);
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < sorted.length; i++) counts[binOf(edges, sorted[i]!)]!++;
  const grid = quantileEdges(sorted, 100);
  // F_ref just below each grid edge = (number of reference values < edge) / N.
  const gridCdf = grid.map((e) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < e) lo = mid + 1;
      else hi = mid;
    }
    return sorted.length ? lo / sorted.length : 0;
  });
  // A grid cell c holds values with exactly c grid edges ≤ v; its PSI bin counts the decile edges among those.
  const cellBin = new Int32Array(grid.length + 1);
  for (let c = 0; c <= grid.length; c++) cellBin[c] = c === 0 ? 0 : binOf(edges, grid[c - 1]!);
  return { edges, expected: counts.map((c) => (sorted.length ? c / sorted.length : 0)), sorted, grid, gridCdf, cellBin };
}

/** PSI (exact, same bins as `psi`) and KS (on the percentile grid) in one pass without sorting. */
export function driftStats(profile: ReferenceProfile, values: ArrayLike<number>, n = values.length): { psi: number; ks: number } {
  const g = profile.grid;
  const cells = new Float64Array(g.length + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    let lo = 0;
    let hi = g.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (g[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    cells[lo]!++;
    m++;
  }
  const actual = new Array<number>(profile.expected.length).fill(0);
  let cum = 0;
  let ks = 0;
  for (let c = 0; c <= g.length; c++) {
    actual[profile.cellBin[c]!]! += m ? cells[c]! / m : 0;
    cum += cells[c]!;
    // values in cells ≤ c are < g[c]: compare with the reference's F just below g[c]
    if (c < g.length && m) ks = Math.max(ks, Math.abs(cum / m - profile.gridCdf[c]!));
  }
  return { psi: psiFromProportions(profile.expected, actual), ks };
}

/** Proportions of `values` in the reference's bins (NaN counts in no bin: report it with validation checks). */
export function binProportions(profile: ReferenceProfile, values: ArrayLike<number>, n = values.length): number[] {
  const counts = new Array<number>(profile.expected.length).fill(0);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    counts[binOf(profile.edges, v)]!++;
    m++;
  }
  return counts.map((c) => (m ? c / m : 0));
}

/** Population Stability Index: Σ (actual − expected) · ln(actual / expected), proportions floored at 1e-4. */
export function psiFromProportions(expected: readonly number[], actual: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = Math.max(expected[k]!, PSI_FLOOR);
    const a = Math.max(actual[k] ?? 0, PSI_FLOOR);
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

export function psi(profile: ReferenceProfile, values: ArrayLike<number>, n = values.length): number {
  return psiFromProportions(profile.expected, binProportions(profile, values, n));
}

/** Two-sample KS statistic D = sup |F_ref(x) − F_cur(x)|; both inputs sorted ascending, NaN-free. */
export function ksSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = a.length;
  const nb = b.length;
  if (!na || !nb) return 0;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < na && j < nb) {
    const x = Math.min(a[i]!, b[j]!);
    while (i < na && a[i]! <= x) i++;
    while (j < nb && b[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / na - j / nb));
  }
  return d;
}

/** KS between the reference and a new sample (sorted here; NaN removed). */
export function ksStatistic(profile: ReferenceProfile, values: ArrayLike<number>, n = values.length): number {
  const clean = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (values[i] === values[i]) clean[m++] = values[i]!;
  return ksSorted(profile.sorted, clean.subarray(0, m).sort());
}

export type DriftLevel = 'ok' | 'warn' | 'alert';

export function driftLevel(psiValue: number, ks: number, t: { psiWarn: number; psiAlert: number; ksAlert: number }): DriftLevel {
  if (psiValue >= t.psiAlert || ks >= t.ksAlert) return 'alert';
  if (psiValue >= t.psiWarn) return 'warn';
  return 'ok';
}
