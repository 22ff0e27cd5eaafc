import { describe, expect, it } from 'vitest';
import { bySubgroup, businessCost, calibration, confusionAt, evaluate, precision, recall, rocAuc } from './metrics';

const costs = { currency: 'EUR', falsePositive: 4, falseNegative: 120, truePositive: 2, falsePositiveMeans: 'x', falseNegativeMeans: 'y' };

describe('metrics against hand-computed cases', () => {
  it('ROC AUC counts winning pairs, ties as one half, null with one class', () => {
    // positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs won.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5, 12);
    // positive 0.5 ties a negative (½) and beats another (1); positive 0.9 beats both: 3.5 / 4.
    expect(rocAuc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBeCloseTo(0.875, 12);
    expect(rocAuc([0.3, 0.6], [1, 1])).toBeNull();
  });

  it('precision and recall at a threshold (score ≥ threshold is flagged)', () => {
    const c = confusionAt([0.2, 0.6, 0.7, 0.4, 0.5], [0, 0, 1, 1, 1], 0.5);
    expect(c).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    expect(precision(c)).toBeCloseTo(2 / 3, 12);
    expect(recall(c)).toBeCloseTo(2 / 3, 12);
    expect(precision({ tp: 0, fp: 0, tn: 3, fn: 1 })).toBeNull();
  });

  it('reliability bins, Brier score and ECE', () => {
    const cal = calibration([0.05, 0.15, 0.15, 0.95], [0, 0, 1, 1], 10);
    expect(cal.bins[0]).toMatchObject({ count: 1, positiveRate: 0 });
    expect(cal.bins[1]!.meanScore).toBeCloseTo(0.15, 12);
    expect(cal.bins[1]!.positiveRate).toBeCloseTo(0.5, 12);
    expect(cal.bins[9]).toMatchObject({ count: 1, positiveRate: 1 });
    expect(cal.bins[5]).toMatchObject({ count: 0, meanScore: null });
    expect(cal.brier).toBeCloseTo((0.0025 + 0.0225 + 0.7225 + 0.0025) / 4, 12);
    expect(cal.ece).toBeCloseTo(0.25 * 0.05 + 0.5 * 0.35 + 0.25 * 0.05, 12);
  });

  it('cost in business terms, per window and per 1,000 rows; quality per subgroup', () => {
    expect(businessCost({ tp: 1, fp: 1, tn: 5, fn: 1 }, costs)).toBe(126);
    const m = evaluate([0.9, 0.8, 0.1, 0.2], [1, 0, 1, 0], 0.5, costs);
    expect(m).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 1, cost: 126, costPer1000: 31_500, positives: 2 });
    const g = bySubgroup(
      [0.9, 0.8, 0.1, 0.2],
      [1, 0, 1, 0],
      [0, 0, 1, 1],
      [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      0.5,
      costs,
    );
    expect(g[0]).toMatchObject({ group: 'a', n: 2, tp: 1, fp: 1, auc: 1 });
    expect(g[1]).toMatchObject({ group: 'b', n: 2, fn: 1, tn: 1, auc: 0 });
  });
});
