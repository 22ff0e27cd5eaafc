import { describe, expect, it } from 'vitest';
import { explainRow, importance, scoreColumns, trainModel } from './model';
import { Rng } from './rng';

describe('models', { timeout: 120_000 }, () => {
  it('logistic regression reaches the maximum-likelihood answer of a hand-computed case', () => {
    // x = 0: 100 rows, 20 positive; x = 1: 100 rows, 60 positive. MLE: bias = logit(0.2), coef = logit(0.6) − logit(0.2).
    const n = 200;
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i < 100 ? 0 : 1;
      y[i] = i < 100 ? (i < 20 ? 1 : 0) : i < 160 ? 1 : 0;
    }
    const m = trainModel('logistic', ['x'], { columns: [x], label: y, n }, { l2: 0 });
    if (m.kind !== 'logistic') throw new Error('kind');
    expect(m.bias).toBeCloseTo(Math.log(0.2 / 0.8), 6);
    expect(m.coef[0]).toBeCloseTo(Math.log(0.6 / 0.4) - Math.log(0.2 / 0.8), 6);
    const s = scoreColumns(m, [Float64Array.from([0, 1, NaN])], 3);
    expect(s[0]).toBeCloseTo(0.2, 6);
    expect(s[1]).toBeCloseTo(0.6, 6);
    expect(s[2]).toBeCloseTo(1 / (1 + Math.exp(-(m.bias + m.coef[0]! * 0.5))), 9); // NaN → training mean 0.5
    const ex = explainRow(m, [1]);
    expect(ex.base + ex.contributions[0]!.contribution).toBeCloseTo(Math.log(0.6 / 0.4), 6);
  });

  it('logistic regression recovers the weights that generated the data', () => {
    const rng = new Rng(5);
    const n = 20_000;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = rng.normal();
      b[i] = rng.normal() * 3;
      y[i] = rng.uniform() < 1 / (1 + Math.exp(-(-2 + 1.5 * a[i]! - 0.3 * b[i]!))) ? 1 : 0;
    }
    const m = trainModel('logistic', ['a', 'b'], { columns: [a, b], label: y, n }, { l2: 0 });
    if (m.kind !== 'logistic') throw new Error('kind');
    expect(m.coef[0]).toBeCloseTo(1.5, 1);
    expect(m.coef[1]).toBeCloseTo(-0.3, 1);
    expect(Math.abs(m.bias + 2)).toBeLessThan(0.15); // sampling noise of 20k rows
    expect(importance(m)[0]!.importance).toBeGreaterThan(importance(m)[1]!.importance);
  });

  it('the tree finds a clean split and scores smoothed leaf probabilities', () => {
    const n = 100;
    const x = new Float64Array(n);
    const noise = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i;
      noise[i] = (i * 37) % 11;
      y[i] = i >= 50 ? 1 : 0;
    }
    const m = trainModel('tree', ['noise', 'x'], { columns: [noise, x], label: y, n }, { maxDepth: 3, minLeaf: 5 });
    if (m.kind !== 'tree') throw new Error('kind');
    expect(m.feature[0]).toBe(1);
    expect(m.threshold[0]).toBe(50);
    const s = scoreColumns(m, [Float64Array.from([0, 0]), Float64Array.from([10, 75])], 2);
    expect(s[0]).toBeCloseTo((0 + 5 * 0.5) / (50 + 5), 12);
    expect(s[1]).toBeCloseTo((50 + 5 * 0.5) / (50 + 5), 12);
    expect(importance(m).find((f) => f.feature === 'x')!.importance).toBe(1);
    const ex = explainRow(m, [0, 75]);
    expect(ex.base + ex.contributions.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(s[1]!, 12);
  });
});
