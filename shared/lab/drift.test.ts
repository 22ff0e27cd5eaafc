import { describe, expect, it } from 'vitest';
import { driftLevel, driftStats, ksSorted, ksStatistic, psi, PSI_FLOOR, referenceProfile } from './drift';
import { Rng } from './rng';

describe('PSI and KS against hand-computed cases', () => {
  it('PSI with bins fixed on the reference', () => {
    const ref = referenceProfile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2);
    expect(ref.edges).toEqual([6]); // the reference median: bins (−∞, 6) and [6, ∞)
    expect(ref.expected).toEqual([0.5, 0.5]);
    expect(psi(ref, [1, 2, 3, 4, 6, 7, 8, 9])).toBe(0);
    // 3 of 4 below 6: (0.75 − 0.5)·ln 1.5 + (0.25 − 0.5)·ln 0.5
    expect(psi(ref, [1, 1, 1, 7])).toBeCloseTo(0.25 * Math.log(1.5) + 0.25 * Math.log(2), 12);
    // everything in one bin: the empty bin is floored at 1e-4
    expect(psi(ref, [-100, 0, 2])).toBeCloseTo(0.5 * Math.log(2) + (PSI_FLOOR - 0.5) * Math.log(PSI_FLOOR / 0.5), 12);
    // out-of-range values fall in the open-ended end bins
    expect(psi(ref, [-1e9, 1e9])).toBe(0);
  });

  it('KS statistic: largest gap between the empirical CDFs', () => {
    expect(ksSorted([1, 2, 3, 4], [3, 4, 5, 6])).toBeCloseTo(0.5, 12);
    expect(ksSorted([1, 2], [3, 4])).toBe(1);
    expect(ksSorted([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksStatistic(referenceProfile([4, 3, 2, 1]), [6, NaN, 5, 4, 3])).toBeCloseTo(0.5, 12);
  });

  it('known distributions: N(0,1) against N(0.5,1)', () => {
    const rng = new Rng(9);
    const a = Float64Array.from({ length: 50_000 }, () => rng.normal());
    const b = Float64Array.from({ length: 50_000 }, () => rng.normal() + 0.5);
    const ref = referenceProfile(a, 10);
    // KS of a 0.5 sd mean shift: 2Φ(0.25) − 1 ≈ 0.1974; PSI ≈ δ² = 0.25 for fine bins, a little less with deciles.
    expect(ksStatistic(ref, b)).toBeGreaterThan(0.185);
    expect(ksStatistic(ref, b)).toBeLessThan(0.21);
    const p = psi(ref, b);
    expect(p).toBeGreaterThan(0.2);
    expect(p).toBeLessThan(0.26);
    const same = Float64Array.from({ length: 50_000 }, () => rng.normal());
    expect(psi(ref, same)).toBeLessThan(0.005);
    expect(driftLevel(p, 0.05, { psiWarn: 0.1, psiAlert: 0.2, ksAlert: 0.1 })).toBe('alert');
    expect(driftLevel(0.15, 0.05, { psiWarn: 0.1, psiAlert: 0.2, ksAlert: 0.1 })).toBe('warn');
  });

  it('a 0/1 feature gets one bin per value', () => {
    const ref = referenceProfile([0, 0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(ref.edges).toEqual([1]);
    expect(ref.expected).toEqual([0.7, 0.3]);
  });
});

describe('driftStats (the daily one-pass monitor)', () => {
  it('gives exactly the PSI of `psi` and the KS of `ksStatistic` within one percentile cell', () => {
    const rng = new Rng(3);
    const ref = referenceProfile(Float64Array.from({ length: 20_000 }, () => Math.exp(rng.normal())));
    for (const shift of [0, 0.2, 0.7]) {
      const cur = Float64Array.from({ length: 10_000 }, () => Math.exp(rng.normal() + shift));
      const fast = driftStats(ref, cur);
      expect(fast.psi).toBeCloseTo(psi(ref, cur), 12);
      expect(Math.abs(fast.ks - ksStatistic(ref, cur))).toBeLessThan(0.012);
    }
    const bin = referenceProfile([0, 0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(driftStats(bin, [1, 1, 1, 0])).toEqual({
      psi: psi(bin, [1, 1, 1, 0]),
      ks: ksSorted([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], [0, 1, 1, 1]),
    });
  });
});
