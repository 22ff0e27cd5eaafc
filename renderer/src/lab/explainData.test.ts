import { describe, expect, it } from 'vitest';
import type { DayRecord } from '../../../shared/lab/labTypes';
import type { Metrics, SubgroupMetrics } from '../../../shared/lab/metrics';
import type { Run } from '../../../shared/lab/registry';
import { loadLabScenario } from '../../../tests/helpers/labScenarios';
import { importanceRows, recallGap, subgroupRows, waterfall } from './explainData';

const scenario = loadLabScenario('healthcare-northvale');
const m = (x: Partial<Metrics>): Metrics => ({
  tp: 0,
  fp: 0,
  tn: 0,
  fn: 0,
  n: 0,
  positives: 0,
  auc: null,
  precision: null,
  recall: null,
  brier: 0,
  ece: 0,
  cost: 0,
  costPer1000: 0,
  ...x,
});
const sg = (group: string, x: Partial<Metrics>): SubgroupMetrics => ({ ...m(x), group, label: group });

describe('explain data', () => {
  it('waterfall: base, contributions by size with values and units, final = base + sum', () => {
    const steps = waterfall(
      {
        scale: 'log-odds',
        base: -2,
        score: 1 / (1 + Math.exp(-(-2 + 1.5 - 0.25))),
        contributions: [
          { feature: 'spo2', contribution: -0.25 },
          { feature: 'crp', contribution: 1.5 },
          { feature: 'portable-scanner', contribution: 0 },
          { feature: 'prior-urgent-findings', contribution: 0 },
        ],
        features: [
          { id: 'spo2', value: 91.234 },
          { id: 'crp', value: 42 },
          { id: 'portable-scanner', value: 1 },
          { id: 'prior-urgent-findings', value: 2 },
        ],
      },
      scenario,
    );
    expect(steps.map((s) => [s.key, s.from, s.to, s.kind])).toEqual([
      ['base', 0, -2, 'base'],
      ['crp', -2, -0.5, 'up'],
      ['spo2', -0.5, -0.75, 'down'],
      ['portable-scanner', -0.75, -0.75, 'up'],
      ['prior-urgent-findings', -0.75, -0.75, 'up'],
      ['final', 0, -0.75, 'final'],
    ]);
    expect(steps[1]!.value).toBe('42.0 mg/L');
    expect(steps[2]!.value).toBe('91.2%');
    expect(steps[2]!.label).toBe('Oxygen saturation');
    expect(steps[3]!.value).toBe('yes'); // a yes/no feature
    expect(steps[4]!.value).toBe('2'); // the store feature: a count
  });

  it('importance in percent, largest first, with labels', () => {
    const run = {
      importance: [
        { feature: 'crp', importance: 0.25 },
        { feature: 'spo2', importance: 0.75 },
      ],
    } as Run;
    expect(importanceRows(run, scenario)).toEqual([
      { feature: 'spo2', label: 'Oxygen saturation', value: 75 },
      { feature: 'crp', label: 'C-reactive protein', value: 25 },
    ]);
  });

  it('subgroups: holdout beside live pooled over the last days (counts summed), and the largest recall gap', () => {
    const run = {
      subgroups: [sg('age-18-39', { auc: 0.8, recall: 0.9, n: 100 }), sg('age-65-plus', { auc: 0.7, recall: 0.6, n: 100 })],
    } as Run;
    const live = (forDay: number, subgroups: SubgroupMetrics[]) =>
      ({ day: forDay + 5, live: { forDay, version: 1, metrics: m({}), subgroups } }) as DayRecord;
    const days = [
      live(0, [sg('age-65-plus', { tp: 100, fn: 0, auc: 0.9 })]), // outside the 2-day pool
      live(1, [sg('age-65-plus', { tp: 1, fn: 3, fp: 1, auc: 0.6 }), sg('age-40-64', { tp: 5, fn: 0, auc: 0.8 })]),
      live(2, [sg('age-65-plus', { tp: 2, fn: 2, fp: 3, auc: 0.7 }), sg('age-40-64', { tp: 5, fn: 5, auc: 0.9 })]),
    ];
    const rows = subgroupRows(run, days, scenario, 2);
    expect(rows.map((r) => r.label)).toEqual(['18–39', '40–64', '65 and over']);
    expect(rows[0]!.live).toBeNull();
    expect(rows[0]!.holdout!.recall).toBe(0.9);
    expect(rows[1]!.holdout).toBeNull();
    expect(rows[2]!.live!.recall).toBeCloseTo(3 / 8);
    expect(rows[2]!.live!.precision).toBeCloseTo(3 / 7);
    expect(rows[2]!.live!.auc).toBeCloseTo(0.65);
    expect(rows[2]!.live!.days).toBe(2);
    expect(recallGap(rows)).toEqual({ low: '65 and over', high: '40–64', gap: expect.closeTo(2 / 3 - 3 / 8, 9), source: 'live' });
  });
});
