import { describe, expect, it } from 'vitest';
import { loadLabScenario } from '../../tests/helpers/labScenarios';
import { compareProcesses } from './processComparison';
import { replay } from './session';

const fraud = loadLabScenario('fraud-paylark');
/** The card processor starts sending amounts in cents on day 21 (the scenario's own day-60 incident, earlier). */
const cents = { day: 21, kind: 'upstream' as const, feature: 'amount', amount: 100 };

describe('DevOps-only vs MLOps on the same incident', { timeout: 180_000 }, () => {
  it('on the fraud scenario the MLOps process detects earlier, recovers sooner and loses less (seed 1)', () => {
    const c = compareProcesses(fraud, 1, { horizon: 60, incident: cents });
    const [dev] = c.devops.incidents;
    const [ml] = c.mlops.incidents;
    expect(c.devops.incidents).toHaveLength(1);
    expect(dev).toMatchObject({ kind: 'upstream', day: 21, impacted: true, detectedBy: 'declared' });
    // Complaints: 7 days after the first impact; monitoring: the first day the cents are served.
    expect(dev!.ttd).toBeGreaterThanOrEqual(7);
    expect(ml!.detectedBy).not.toBe('declared');
    expect(ml!.ttd).not.toBeNull();
    expect(ml!.ttd!).toBeLessThan(dev!.ttd!);
    expect(ml!.ttr).not.toBeNull();
    expect(dev!.ttr === null || ml!.ttr! < dev!.ttr).toBe(true);
    expect(ml!.extraCost).toBeLessThan(dev!.extraCost * 0.6);
    expect(c.mlops.totalCost).toBeLessThan(c.devops.totalCost);
    expect(c.devops.days).toHaveLength(60);
    expect(c.mlops.days.at(-1)!.cumulativeCost).toBeCloseTo(c.mlops.totalCost, 6);
    // The DevOps team's fix is in its action list: declared, then the pipeline fixed and a model retrained by hand.
    const types = c.devops.actions.map((a) => a.type);
    expect(types.indexOf('declareIncident')).toBeLessThan(types.indexOf('fixPipeline'));
    expect(c.devops.events.map((e) => e.text).join('\n')).toMatch(/Complaints arrive/);
    expect(c.mlops.events.map((e) => e.text).join('\n')).toMatch(/Alert \(/);
  });

  it('returns action lists that replay to the same state (the comparison is reproducible)', () => {
    const c = compareProcesses(fraud, 3, { horizon: 30, incident: { day: 10, kind: 'pipelineBug', feature: 'payments-24h', amount: 0 } });
    for (const run of [c.devops, c.mlops]) {
      const s = replay({ ...fraud, shifts: [] }, 3, run.actions);
      expect(s.state.errors).toEqual([]);
      expect(s.state.totalCost).toBe(run.totalCost);
      expect(s.state.incidents.map((i) => i.detectedDay)).toEqual(run.incidents.map((i) => i.detectedDay));
    }
    expect(c.mlops.actions[0]).toMatchObject({ type: 'inject', day: 10, kind: 'pipelineBug' });
    expect(c.mlops.actions.filter((a) => a.type === 'advance').reduce((n, a) => n + (a.type === 'advance' ? a.days : 0), 0)).toBe(30);
  });

  it('refuses options it cannot play', () => {
    expect(() => compareProcesses(fraud, 1, { horizon: 500 })).toThrow();
    expect(() => compareProcesses(fraud, 1, { incident: { day: 5, kind: 'covariate', feature: 'nope', amount: 1 } })).toThrow(
      /features: amount/,
    );
  });
});
