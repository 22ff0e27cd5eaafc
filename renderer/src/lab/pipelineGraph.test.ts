import { describe, expect, it } from 'vitest';
import { levelPreset, type PipelineConfig } from '../../../shared/lab/labTypes';
import { replay } from '../../../shared/lab/session';
import { loadLabScenario } from '../../../tests/helpers/labScenarios';
import { pipelineGraph, stepNote, triggerSummary } from './pipelineGraph';
import { stepDetails } from './pipelineStepDetails';

const config = (level: 0 | 1 | 2): PipelineConfig => ({ ...levelPreset(level), deployMode: 'canary' });

describe('pipeline graph', () => {
  it('draws the eight steps in order as a two-row snake, with edges between neighbours', () => {
    const { nodes, edges } = pipelineGraph(config(1));
    expect(nodes.map((n) => n.id)).toEqual(['ingest', 'validate', 'features', 'train', 'evaluate', 'register', 'deploy', 'monitor']);
    // second row runs right to left under the first: evaluate sits under train, monitor under ingest
    expect(nodes[4]!.position.x).toBe(nodes[3]!.position.x);
    expect(nodes[7]!.position.x).toBe(nodes[0]!.position.x);
    expect(nodes[4]!.position.y).toBeGreaterThan(nodes[3]!.position.y);
    expect(edges.filter((e) => !e.loop).map((e) => e.id)).toEqual([
      'ingest-validate',
      'validate-features',
      'features-train',
      'train-evaluate',
      'evaluate-register',
      'register-deploy',
      'deploy-monitor',
    ]);
  });

  it('level 0: every step but ingest is off, no loop; level 2 adds the continuous-training loop with its cooldown', () => {
    const zero = pipelineGraph(config(0));
    expect(zero.nodes.map((n) => n.data.status)).toEqual(['always', 'off', 'off', 'off', 'off', 'off', 'off', 'off']);
    expect(zero.edges.some((e) => e.active)).toBe(false);
    expect(zero.edges.some((e) => e.loop)).toBe(false);
    const two = pipelineGraph(config(2));
    const loop = two.edges.find((e) => e.loop)!;
    expect(loop).toMatchObject({ source: 'monitor', target: 'train', active: true });
    expect(loop.label).toContain('cooldown 7 d');
    expect(two.nodes.find((n) => n.id === 'deploy')!.data.note).toBe('automatic (canary)');
  });

  it('names the feature-store bypass and the triggers', () => {
    expect(stepNote(config(0), 'features')).toContain('latest');
    expect(stepNote(config(1), 'features')).toBe('point-in-time join');
    expect(stepNote(config(1), 'train')).toBe('every 14 d');
    expect(triggerSummary(config(0))).toMatch(/only by hand/);
    expect(triggerSummary(config(2))).toMatch(/continuous training.*cooldown/);
    expect(triggerSummary({ ...config(1), steps: { ...config(1).steps, train: false } })).toMatch(/train step is off/);
  });
});

describe('step details from a replayed lab', { timeout: 120_000 }, () => {
  const base = loadLabScenario('fraud-paylark');
  const small = { ...base, rowsPerDay: 1000, entity: { ...base.entity, count: 3000 } };
  const lab = replay(small, 3, [
    { type: 'train' },
    { type: 'register', runId: 'run-1' },
    { type: 'promote', version: 1 },
    { type: 'setLevel', level: 2 },
    { type: 'advance', days: 3 },
    { type: 'inject', kind: 'pipelineBug', feature: 'payments-24h', amount: 0 },
    { type: 'advance', days: 2 },
  ]).state;

  it('features: the bypass warning only while the store is off; the first run (trained at level 0) is logged as leaking', () => {
    const off = stepDetails('features', { ...lab, pipeline: config(0) }, small);
    expect(off.warning).toMatch(/leak|future/);
    const on = stepDetails('features', lab, small);
    expect(on.warning).toBeUndefined();
    expect(on.logs.find((l) => l.text.startsWith('run-1'))!.text).toContain('"latest" join');
  });

  it('train, evaluate and monitor logs come from runs, gate events and alerts, newest first', () => {
    const train = stepDetails('train', lab, small);
    expect(train.logs.at(-1)!.text).toMatch(/^run-1 \(manual\): logistic/);
    const evaluate = stepDetails('evaluate', lab, small);
    expect(evaluate.logs.some((l) => l.text.startsWith('v1 passed'))).toBe(true);
    const monitor = stepDetails('monitor', lab, small);
    expect(monitor.logs[0]!.day).toBe(4);
    expect(monitor.logs.some((l) => l.text.includes('payments-24h'))).toBe(true);
    expect(monitor.outputs[0]).toMatch(/^day 4: highest PSI/);
    const deploy = stepDetails('deploy', lab, small);
    expect(deploy.outputs[0]).toBe('the champion serves all traffic (direct deployment)');
  });
});
