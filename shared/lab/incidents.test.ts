import { describe, expect, it } from 'vitest';
import { declare, openIncidents, trackIncidents } from './incidents';
import type { DayRecord, Incident } from './labTypes';

const day = (d: number, per1000: number, alerts = 0): DayRecord => ({
  day: d,
  rows: 1000,
  champion: 1,
  flagged: 0,
  meanScore: 0,
  truth: { positives: 10, auc: 0.9, cost: per1000, costPer1000: per1000 },
  drift: null,
  rollout: null,
  predictionPsi: null,
  live: null,
  alerts: Array.from({ length: alerts }, () => ({ day: d, kind: 'drift' as const, value: 1, threshold: 0.2, message: 'x' })),
});

function run(costs: number[], alertDay: number | null, incidentDay: number): Incident {
  let incidents: Incident[] = [];
  const days: DayRecord[] = [];
  const shifts = [{ day: incidentDay, kind: 'concept' as const, feature: 'amount', amount: -1, rampDays: 0 }];
  costs.forEach((c, d) => {
    incidents = openIncidents(incidents, shifts, d);
    const rec = day(d, c, d === alertDay ? 1 : 0);
    days.push(rec);
    incidents = trackIncidents(incidents, days, rec);
  });
  return incidents[0]!;
}

describe('incidents: time to detect, time to recover, extra cost', () => {
  it('hand-computed case', () => {
    // baseline 100/1000 rows (days 0–6); incident on day 7; cost 200 on days 7–9, back to 100 from day 10.
    const inc = run([100, 100, 100, 100, 100, 100, 100, 200, 200, 200, 100, 100, 100, 100], 9, 7);
    expect(inc).toMatchObject({ day: 7, source: 'scheduled', detectedDay: 9, detectedBy: 'drift', impacted: true, baselinePer1000: 100 });
    // 3-day means: day 10 (200+200+100)/3 = 166.7, day 11 133.3, day 12 100 ≤ 115 → recovered on day 12
    expect(inc.recoveredDay).toBe(12);
    // extra cost: 3 × 100 on days 7–9, 0 afterwards
    expect(inc.extraCost).toBeCloseTo(300, 9);
  });

  it('no impact, no recovery; declaring detects an open incident', () => {
    const inc = run([100, 100, 100, 100, 110, 120, 110, 100], null, 3);
    expect(inc).toMatchObject({ impacted: false, recoveredDay: null, detectedDay: null });
    expect(declare([inc], 7)[0]).toMatchObject({ detectedDay: 7, detectedBy: 'declared' });
    expect(declare([inc], 2)[0]!.detectedDay).toBeNull(); // not started yet on day 2
  });
});
