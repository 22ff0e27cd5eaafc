import { describe, expect, it } from 'vitest';
import type { Metrics } from './metrics';
import {
  archive,
  emptyRegistry,
  gateDecision,
  lineage,
  promote,
  register,
  rollback,
  stageOf,
  type Registry,
  type RegistryResult,
  type Run,
} from './registry';

const gate = { minAuc: 0.8, maxEce: 0.05, aucTolerance: 0.005, costTolerance: 0.02 };
const m = (auc: number | null, ece: number, costPer1000: number): Metrics => ({
  tp: 0,
  fp: 0,
  tn: 0,
  fn: 0,
  n: 1000,
  positives: 10,
  auc,
  precision: null,
  recall: null,
  brier: 0,
  ece,
  cost: costPer1000,
  costPer1000,
});
function ok(r: RegistryResult): Registry {
  if ('error' in r) throw new Error(r.error);
  return r.registry;
}
const pass = { pass: true, checks: [] };

describe('promotion gate', () => {
  it('fixed thresholds alone when there is no champion', () => {
    expect(gateDecision(m(0.85, 0.02, 500), null, gate).pass).toBe(true);
    const low = gateDecision(m(0.79, 0.02, 500), null, gate);
    expect(low.pass).toBe(false);
    expect(low.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual(['AUC ≥ minimum']);
    expect(gateDecision(m(0.9, 0.06, 500), null, gate).pass).toBe(false);
    expect(gateDecision(m(null, 0.01, 500), null, gate).pass).toBe(false);
  });

  it('AND no worse than the champion on AUC (within tolerance) and cost', () => {
    const champ = m(0.9, 0.02, 500);
    expect(gateDecision(m(0.896, 0.02, 505), champ, gate).pass).toBe(true); // within 0.005 AUC and 2% cost
    const worseAuc = gateDecision(m(0.894, 0.02, 400), champ, gate);
    expect(worseAuc.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual(['AUC no worse than champion']);
    const worseCost = gateDecision(m(0.95, 0.02, 511), champ, gate);
    expect(worseCost.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual(['cost no worse than champion']);
    // passes the fixed thresholds but not the comparison: refused
    expect(gateDecision(m(0.85, 0.02, 500), champ, gate).pass).toBe(false);
  });
});

describe('registry', () => {
  it('register, promote through the gate, roll back, archive', () => {
    let r = ok(register(emptyRegistry(), 'run-1', 0));
    r = ok(register(r, 'run-2', 1));
    expect('error' in register(r, 'run-1', 2)).toBe(true);
    r = ok(promote(r, 1, pass, 1));
    expect(stageOf(r, 1)).toBe('production');
    const refused = promote(r, 2, gateDecision(m(0.7, 0.02, 1), m(0.9, 0.02, 1), gate), 2);
    expect('error' in refused && refused.error).toMatch(/did not pass the promotion gate: AUC 0\.700 vs minimum 0\.800/);
    r = ok(promote(r, 2, pass, 3));
    expect(r.champion).toBe(2);
    expect(r.championHistory).toEqual([1]);
    r = ok(rollback(r, 4));
    expect(r.champion).toBe(1);
    expect(stageOf(r, 2)).toBe('archived');
    expect(r.championHistory).toEqual([]);
    const again = rollback(r, 5);
    expect('error' in again && again.error).toBe('There is no earlier champion to roll back to.');
    expect('error' in archive(r, 1, 5)).toBe(true); // the champion cannot be archived
    expect(r.events.map((e) => e.kind)).toEqual(['registered', 'registered', 'promoted', 'promoted', 'rolled-back']);
  });

  it('lineage leads from a version to its run, data and features', () => {
    const r = ok(register(emptyRegistry(), 'run-1', 3));
    const run = {
      id: 'run-1',
      window: { from: -20, to: -12 },
      holdoutDay: -12,
      dataVersion: 'data-abc',
      features: ['amount'],
      featureJoin: 'point-in-time',
      codeVersion: 'code-1',
    } as unknown as Run;
    expect(lineage(r, [run], 1, 'fraud-paylark', 7)).toMatchObject({
      version: 1,
      stage: 'none',
      data: { window: { from: -20, to: -12 }, dataVersion: 'data-abc', seed: 7 },
      features: { join: 'point-in-time' },
    });
    expect(lineage(r, [run], 2, 'fraud-paylark', 7)).toBeNull();
  });
});
