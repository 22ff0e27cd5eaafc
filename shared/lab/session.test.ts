import { describe, expect, it } from 'vitest';
import { loadLabScenario } from '../../tests/helpers/labScenarios';
import { LAB_LIMITS } from './actions';
import { LabSession, replay } from './session';

// The fraud scenario at a fifth of its volume, so each test runs in a few seconds on a busy machine.
const base = loadLabScenario('fraud-paylark');
const small = { ...base, rowsPerDay: 2000, entity: { ...base.entity, count: 4000 } };
const digest = (s: LabSession): string => JSON.stringify(s.state);

const teamActions: unknown[] = [
  { type: 'setLevel', level: 1 },
  { type: 'train' },
  { type: 'train', model: 'tree', params: { maxDepth: 4 } },
  { type: 'register', runId: 'run-1' },
  { type: 'promote', version: 1 },
  { type: 'advance', days: 10 },
  { type: 'inject', kind: 'pipelineBug', feature: 'payments-24h', amount: 0 },
  { type: 'setLevel', level: 2 },
  { type: 'advance', days: 12 },
];

describe('lab session', { timeout: 120_000 }, () => {
  it('is deterministic: the same seed and actions give the same state, replayed or applied one by one', () => {
    const a = replay(small, 11, teamActions);
    const b = new LabSession(small, 11);
    for (const act of teamActions) b.apply(act);
    expect(a.state.errors).toEqual([]);
    expect(digest(a)).toBe(digest(b));
    expect(a.state.days).toHaveLength(22);
    const other = replay(small, 12, teamActions);
    expect(other.state.runs[0]!.metrics.auc).not.toBe(a.state.runs[0]!.metrics.auc);
  });

  it('the injected pipeline bug is detected by monitoring the same day, and fixing it ends it', () => {
    const s = replay(small, 11, teamActions);
    const inc = s.state.incidents.find((i) => i.source === 'facilitator')!;
    expect(inc.day).toBe(10);
    expect(inc.detectedDay).toBe(10);
    expect(s.state.days[10]!.alerts.some((a) => a.feature === 'payments-24h')).toBe(true);
    expect(s.apply({ type: 'fixPipeline', feature: 'payments-24h' })).toBeNull();
    expect(s.apply({ type: 'fixPipeline', feature: 'payments-24h' })).toMatch(/Nothing to fix on "payments-24h"/);
    s.apply({ type: 'advance', days: 1 });
    expect(s.state.days[22]!.drift!.find((d) => d.feature === 'payments-24h')!.psi).toBeLessThan(0.1);
  });

  it('a DevOps-only team (level 0) gets no alerts; it detects the incident only by declaring it', () => {
    const s = replay(small, 11, [
      { type: 'train', join: 'point-in-time' },
      { type: 'register', runId: 'run-1' },
      { type: 'promote', version: 1 },
      { type: 'inject', kind: 'pipelineBug', feature: 'payments-24h', amount: 0 },
      { type: 'advance', days: 5 },
    ]);
    expect(s.state.days.every((d) => d.alerts.length === 0 && d.drift === null)).toBe(true);
    expect(s.state.incidents[0]!.detectedDay).toBeNull();
    s.apply({ type: 'declareIncident' });
    expect(s.state.incidents[0]).toMatchObject({ detectedDay: 4, detectedBy: 'declared' });
  });

  it('promotion goes through the gate; rollback returns the previous champion', () => {
    const s = replay(small, 11, [
      { type: 'setLevel', level: 1 },
      { type: 'train' },
      { type: 'train', model: 'tree', params: { maxDepth: 1 } },
      { type: 'register', runId: 'run-1' },
      { type: 'register', runId: 'run-2' },
      { type: 'promote', version: 1 },
    ]);
    expect(s.apply({ type: 'promote', version: 2 })).toMatch(/^Version 2 did not pass the promotion gate: .*AUC/);
    expect(s.state.registry.champion).toBe(1);
    expect(s.state.registry.events.at(-1)!.kind).toBe('gate-refused');
    expect(s.apply({ type: 'rollback' })).toBe('There is no earlier champion to roll back to.');
    s.apply({ type: 'train', windowDays: 10 });
    s.apply({ type: 'register', runId: 'run-3' });
    expect(s.apply({ type: 'promote', version: 3 })).toBeNull();
    expect(s.apply({ type: 'rollback' })).toBeNull();
    expect(s.state.registry.champion).toBe(1);
    expect(s.lineage(3)).toMatchObject({ stage: 'archived', run: { id: 'run-3' }, features: { join: 'point-in-time' } });
  });

  it('bypassing the feature store leaks labels: great offline, worse in production', () => {
    const s = replay(small, 3, [
      { type: 'train', join: 'latest' },
      { type: 'train', join: 'point-in-time' },
      { type: 'register', runId: 'run-1' },
      { type: 'promote', version: 1 },
      { type: 'setStep', step: 'monitor', on: true },
      { type: 'advance', days: 20 },
    ]);
    const [leaky, honest] = s.state.runs;
    expect(leaky!.metrics.auc!).toBeGreaterThan(honest!.metrics.auc! + 0.02);
    const live = s.state.days.filter((d) => d.live).map((d) => d.live!.metrics.auc!);
    expect(live.length).toBeGreaterThan(3);
    expect(live.reduce((a, b) => a + b, 0) / live.length).toBeLessThan(leaky!.metrics.auc! - 0.05);
    expect(s.state.days.some((d) => d.alerts.some((a) => a.kind === 'quality'))).toBe(true);
  });
});

describe('hostile action lists', { timeout: 120_000 }, () => {
  it('refuses every malformed action with a sentence and stays bounded', () => {
    const evil: unknown[] = [
      null,
      42,
      'train',
      [],
      { type: 'nope' },
      { type: 'advance', days: 1e9 },
      { type: 'advance', days: -1 },
      { type: 'advance', days: 1.5 },
      { type: 'train', features: ['amount', 'amount'] },
      { type: 'train', features: ['not-a-feature'] },
      { type: 'train', windowDays: 28 },
      { type: 'train', params: { l2: 'big' } },
      { type: 'train', extra: true },
      JSON.parse('{"type":"train","__proto__":{"polluted":true}}'),
      { type: 'register', runId: 'run-999' },
      { type: 'register', runId: '../../etc' },
      { type: 'promote', version: 7 },
      { type: 'setStep', step: 'ingest', on: false },
      { type: 'inject', kind: 'covariate', amount: 1 },
      { type: 'inject', kind: 'prior', amount: 500 },
      { type: 'setThreshold', threshold: 2 },
      { type: 'declareIncident', note: 'x'.repeat(10_000) },
    ];
    const s = replay(small, 1, evil);
    expect(s.state.errors.map((e) => e.index)).toEqual(evil.map((_, i) => i));
    for (const e of s.state.errors) expect(e.message.length).toBeGreaterThan(15);
    expect(s.state.errors[4]!.message).toMatch(/not a valid lab action \(type "nope"\)/);
    expect(s.state.errors[9]!.message).toMatch(/Unknown feature "not-a-feature"/);
    expect(s.state.errors[10]!.message).toMatch(/labelled days are available/);
    expect(s.state.errors[13]!.message).toMatch(/not a valid lab action \(type "train"\)/); // an own "__proto__" key is unknown
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(s.state.runs).toHaveLength(0);
    expect(s.state.day).toBe(0);
  });

  it('caps the number of actions, days and runs', () => {
    const many = Array.from({ length: LAB_LIMITS.maxActions + 500 }, () => ({ type: 'setThreshold', threshold: 0.2 }));
    const s = replay(small, 1, many);
    expect(s.state.applied).toBe(LAB_LIMITS.maxActions + 1);
    expect(s.state.errors).toEqual([
      { index: LAB_LIMITS.maxActions, message: `The lab replays at most ${LAB_LIMITS.maxActions} actions; start a new lab to go on.` },
    ]);
    const t = new LabSession({ ...small, rowsPerDay: 200 }, 1);
    for (let i = 0; i < 15; i++) t.apply({ type: 'advance', days: 30 });
    expect(t.state.day).toBe(LAB_LIMITS.maxDay - (LAB_LIMITS.maxDay % 30));
    expect(t.apply({ type: 'advance', days: 30 })).toMatch(/The simulation ends on day 365; 5 days are left/);
    const u = new LabSession({ ...small, rowsPerDay: 200 }, 1);
    for (let i = 0; i < LAB_LIMITS.maxRuns + 3; i++) u.apply({ type: 'train', windowDays: 2, features: ['amount'] });
    expect(u.state.runs).toHaveLength(LAB_LIMITS.maxRuns);
    expect(u.state.errors.at(-1)!.message).toBe(`A lab holds at most ${LAB_LIMITS.maxRuns} runs.`);
  });
});
