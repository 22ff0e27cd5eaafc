import { describe, expect, it } from 'vitest';
import { readLabScenarioFile } from '../../tests/helpers/labScenarios';
import { createLabHandler } from './workerProtocol';

const scenario = {
  ...readLabScenarioFile('fraud-paylark.yaml'),
  rowsPerDay: 1000,
  entity: { noun: 'card', count: 2000, riskSd: 1, storeFeature: { id: 'prior-chargebacks', label: 'x' } },
};

describe('lab worker protocol', { timeout: 120_000 }, () => {
  it('opens, appends, explains and traces lineage; refuses bad requests with a message', () => {
    const handle = createLabHandler();
    expect(handle({ type: 'append', actions: [] })).toEqual({ type: 'error', message: 'open a lab first (no scenario loaded)' });
    expect(handle({ type: 'open', scenario: { ...scenario, baseRate: 7 }, seed: 1, actions: [] })).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/baseRate/),
    });
    expect(handle({ type: 'sudo' })).toMatchObject({ type: 'error' });
    const opened = handle({
      type: 'open',
      scenario,
      seed: 1,
      actions: [{ type: 'train' }, { type: 'register', runId: 'run-1' }, { type: 'promote', version: 1 }],
    });
    expect(opened.type === 'state' && opened.state.registry.champion).toBe(1);
    const next = handle({ type: 'append', actions: [{ type: 'advance', days: 2 }] });
    expect(next.type === 'state' && next.state.day).toBe(2);
    const ex = handle({ type: 'explain', version: 1, day: 1, row: 5 });
    if (ex.type !== 'explanation' || !ex.explanation) throw new Error('no explanation');
    const e = ex.explanation;
    expect(e.base + e.contributions.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(Math.log(e.score / (1 - e.score)), 9);
    expect(handle({ type: 'explain', version: 1, day: 5, row: 5 })).toEqual({ type: 'explanation', explanation: null }); // day not simulated yet
    expect(handle({ type: 'lineage', version: 1 })).toMatchObject({ type: 'lineage', lineage: { run: { id: 'run-1' } } });
  });

  it('compares DevOps-only with MLOps on one incident, without touching the open lab; bad options get a message', () => {
    const handle = createLabHandler();
    handle({ type: 'open', scenario, seed: 1, actions: [{ type: 'advance', days: 1 }] });
    const incident = { day: 5, kind: 'pipelineBug', feature: 'payments-24h', amount: 0 };
    const r = handle({ type: 'compare', scenario, seed: 2, options: { horizon: 12, incident } });
    if (r.type !== 'comparison') throw new Error(JSON.stringify(r));
    expect(r.comparison).toMatchObject({ scenarioId: 'fraud-paylark', seed: 2, horizon: 12 });
    expect(r.comparison.devops.days).toHaveLength(12);
    expect(r.comparison.mlops.incidents[0]).toMatchObject({ kind: 'pipelineBug', day: 5 });
    // The open lab is still there, as it was.
    expect(handle({ type: 'append', actions: [] })).toMatchObject({ type: 'state', state: { day: 1 } });
    expect(handle({ type: 'compare', scenario, seed: 2, options: { horizon: 'long' } })).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/^comparison options: horizon: /),
    });
    expect(handle({ type: 'compare', scenario, seed: 2, options: { incident: { ...incident, feature: 'nope' } } })).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/names one of this scenario's features/),
    });
    expect(handle({ type: 'compare', scenario: { ...scenario, baseRate: 7 }, seed: 2 })).toMatchObject({ type: 'error', message: expect.stringMatching(/baseRate/) });
    expect(handle({ type: 'compare', seed: 2.5 })).toMatchObject({ type: 'error' });
  });
});
