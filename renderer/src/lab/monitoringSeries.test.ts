import { describe, expect, it } from 'vitest';
import type { DayRecord } from '../../../shared/lab/labTypes';
import type { Metrics } from '../../../shared/lab/metrics';
import type { Run } from '../../../shared/lab/registry';
import { alertRows, costSeries, driftFeatures, driftSeries, latestCaption, liveQualitySeries, predictionSeries } from './monitoringSeries';

const metrics = (m: Partial<Metrics>): Metrics => ({
  tp: 0,
  fp: 0,
  tn: 0,
  fn: 0,
  n: 1000,
  positives: 10,
  auc: 0.8,
  precision: 0.5,
  recall: 0.5,
  brier: 0,
  ece: 0,
  cost: 100,
  costPer1000: 100,
  ...m,
});

function day(d: number, extra: Partial<DayRecord> = {}): DayRecord {
  return {
    day: d,
    rows: 1000,
    champion: 1,
    flagged: 50,
    meanScore: 0.02,
    truth: { positives: 10, auc: 0.8, cost: 1000 + d, costPer1000: 1000 + d },
    drift: null,
    predictionPsi: null,
    live: null,
    rollout: null,
    alerts: [],
    ...extra,
  };
}

const days: DayRecord[] = [
  day(0, { champion: null, drift: null }),
  day(1, {
    drift: [
      { feature: 'a', psi: 0.05, ks: 0.02 },
      { feature: 'b', psi: 0.01, ks: 0.3 },
    ],
    predictionPsi: 0.02,
  }),
  day(2, {
    drift: [
      { feature: 'a', psi: 0.4, ks: 0.1 },
      { feature: 'b', psi: 0.02, ks: 0.05 },
    ],
    predictionPsi: 0.25,
    live: { forDay: 0, version: 1, metrics: metrics({ auc: 0.7, cost: 50, costPer1000: 50 }), subgroups: [] },
    alerts: [
      { day: 2, kind: 'drift', feature: 'a', value: 0.4, threshold: 0.2, message: 'a drifted' },
      { day: 2, kind: 'prediction-drift', value: 0.25, threshold: 0.2, message: 'scores drifted' },
    ],
  }),
  day(3, {
    live: { forDay: 1, version: 2, metrics: metrics({ auc: 0.6, cost: 70, costPer1000: 70 }), subgroups: [] },
    alerts: [{ day: 3, kind: 'quality', value: 0.6, threshold: 0.75, message: 'quality' }],
  }),
];

describe('monitoring series', () => {
  it('orders features by their peak of the chosen statistic and leaves gaps on unmonitored days', () => {
    expect(driftFeatures(days, 'psi')).toEqual(['a', 'b']);
    expect(driftFeatures(days, 'ks')).toEqual(['b', 'a']);
    const psi = driftSeries(days, 'psi', ['a', 'b']);
    expect(psi[0]).toEqual({ day: 0, a: null, b: null });
    expect(psi[2]).toEqual({ day: 2, a: 0.4, b: 0.02 });
    expect(driftSeries(days, 'ks', ['b'])[1]).toEqual({ day: 1, b: 0.3 });
  });

  it('predictions: percent of rows flagged and mean score, none before a champion serves', () => {
    const p = predictionSeries(days);
    expect(p[0]).toEqual({ day: 0, meanScore: null, flagged: null, predictionPsi: null });
    expect(p[1]!.flagged).toBeCloseTo(5);
    expect(p[1]!.meanScore).toBeCloseTo(2);
    expect(p[2]!.predictionPsi).toBe(0.25);
  });

  it('live quality is placed on the scored day, with the serving version’s holdout AUC', () => {
    const runs = [
      { id: 'run-1', metrics: metrics({ auc: 0.82 }) },
      { id: 'run-2', metrics: metrics({ auc: 0.9 }) },
    ] as Run[];
    const q = liveQualitySeries(days, runs, (v) => `run-${v}`);
    expect(q.map((r) => [r.day, r.auc, r.holdoutAuc])).toEqual([
      [0, 0.7, 0.82],
      [1, 0.6, 0.9],
    ]);
  });

  it('cost the team sees comes from arrived labels only; hindsight adds every day’s true cost', () => {
    const seen = costSeries(days, false);
    expect(seen.map((r) => [r.day, r.seenPer1000, r.seenTotal])).toEqual([
      [0, 50, 50],
      [1, 70, 120],
      [2, null, null],
      [3, null, null],
    ]);
    expect('truthTotal' in seen[0]!).toBe(false);
    const truth = costSeries(days, true);
    expect(truth.map((r) => r.truthTotal)).toEqual([1000, 2001, 3003, 4006]);
  });

  it('alerts newest first, and a caption with the latest values', () => {
    expect(alertRows(days).map((a) => a.message)).toEqual(['quality', 'a drifted', 'scores drifted']);
    const psi = driftSeries(days, 'psi', ['a', 'b']);
    expect(
      latestCaption(psi, [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B', digits: 2 },
      ]),
    ).toBe('Latest: A 0.400 (day 2); B 0.02 (day 2).');
    expect(latestCaption([], [{ key: 'a', label: 'A' }])).toBe('No values yet.');
  });
});
