import { describe, expect, it } from 'vitest';
import { loadLabScenario } from '../../tests/helpers/labScenarios';
import { replay } from './session';

// The fraud scenario at a fifth of its volume, so each test runs in a few seconds on a busy machine.
const base = loadLabScenario('fraud-paylark');
const small = { ...base, rowsPerDay: 2000, entity: { ...base.entity, count: 4000 } };

const withChallenger = (mode: 'direct' | 'canary' | 'shadow', days: number): unknown[] => [
  { type: 'setLevel', level: 1 },
  { type: 'setTriggers', scheduleDays: null, onDrift: false },
  { type: 'train' },
  { type: 'register', runId: 'run-1' },
  { type: 'promote', version: 1 },
  { type: 'train', model: 'tree', params: { maxDepth: 3 } },
  { type: 'register', runId: 'run-2' },
  { type: 'challenger', version: 2 },
  { type: 'setDeployMode', mode },
  { type: 'advance', days },
];

describe('canary and shadow rollouts', { timeout: 120_000 }, () => {
  it('shadow: the challenger scores every row, decides none, and gets live quality once labels arrive', () => {
    const direct = replay(small, 5, withChallenger('direct', 16)).state;
    const shadow = replay(small, 5, withChallenger('shadow', 16)).state;
    expect(shadow.errors).toEqual([]);
    expect(direct.days.every((d) => d.rollout === null)).toBe(true);
    for (const d of shadow.days) {
      expect(d.rollout).toMatchObject({ mode: 'shadow', version: 2, rows: 2000, served: 0 });
    }
    // Nothing the shadow says is acted on: the day's decisions (and their cost) are the champion's alone.
    expect(shadow.days.map((d) => d.truth.cost)).toEqual(direct.days.map((d) => d.truth.cost));
    const live = shadow.days.filter((d) => d.live);
    expect(live.length).toBeGreaterThan(0);
    expect(live[0]!.live!.challenger).toMatchObject({ version: 2, mode: 'shadow', rows: 2000 });
    expect(live[0]!.live!.challenger!.metrics.auc).not.toBe(live[0]!.live!.metrics.auc);
  });

  it('canary: every 10th row is decided by the challenger, so the day differs from direct only there', () => {
    const direct = replay(small, 5, withChallenger('direct', 16)).state;
    const canary = replay(small, 5, withChallenger('canary', 16)).state;
    for (const d of canary.days) expect(d.rollout).toMatchObject({ mode: 'canary', version: 2, rows: 200, served: 200 });
    expect(canary.days.map((d) => d.flagged)).not.toEqual(direct.days.map((d) => d.flagged));
    expect(canary.days.filter((d) => d.live)[0]!.live!.challenger!.rows).toBe(200);
  });

  it('level 2 with a canary: a retrained model is rolled out first and promoted after three healthy days', () => {
    const s = replay(small, 5, [
      { type: 'setLevel', level: 2 },
      { type: 'setDeployMode', mode: 'canary' },
      { type: 'setTriggers', scheduleDays: 7, onDrift: false },
      // Quiet data: a retrained model is no better than the champion, so the gate is switched off here to watch the
      // rollout itself (the gate before a rollout is tested below).
      { type: 'setStep', step: 'evaluate', on: false },
      { type: 'train' },
      { type: 'register', runId: 'run-1' },
      { type: 'promote', version: 1 },
      { type: 'advance', days: 12 },
    ]).state;
    const ev = s.registry.events.map((e) => `${e.day}:${e.kind}:${e.version}`);
    // The retraining after day 7 becomes the challenger (not the champion) from day 8 ...
    expect(ev).toContain('8:challenger:2');
    expect(ev).not.toContain('8:promoted:2');
    expect(s.days[8]!.rollout).toMatchObject({ mode: 'canary', version: 2, healthy: true });
    // ... and goes to production once three canary days (8, 9, 10) were healthy.
    expect(ev).toContain('11:promoted:2');
    expect(s.registry.champion).toBe(2);
    expect(s.days[11]!.rollout).toBeNull();
  });

  it('level 2 with a shadow: a retrained model that fails the gate never reaches traffic', () => {
    const s = replay(small, 5, [
      { type: 'setLevel', level: 2 },
      { type: 'setDeployMode', mode: 'shadow' },
      { type: 'setTriggers', scheduleDays: 7, onDrift: false },
      { type: 'train' },
      { type: 'register', runId: 'run-1' },
      { type: 'promote', version: 1 },
      { type: 'advance', days: 10 },
    ]).state;
    const refused = s.registry.events.find((e) => e.kind === 'gate-refused');
    expect(refused?.detail).toMatch(/^not rolled out: .*champion/);
    expect(s.registry.challenger).toBeNull();
    expect(s.days.every((d) => d.rollout === null)).toBe(true);
  });

  it('a sick canary (a challenger that flags everyone) is stopped and archived, the champion stays', () => {
    const s = replay(small, 5, [
      { type: 'setLevel', level: 2 },
      { type: 'setTriggers', scheduleDays: null, onDrift: false },
      { type: 'setDeployMode', mode: 'canary' },
      { type: 'train' },
      { type: 'register', runId: 'run-1' },
      { type: 'promote', version: 1 },
      { type: 'setThreshold', threshold: 0.02 },
      // The tree's leaf probabilities sit on either side of 0.02 very differently from the logistic's: at this
      // threshold the stump flags a different share of traffic. Register it and start its canary by hand.
      { type: 'train', model: 'tree', params: { maxDepth: 1 } },
      { type: 'register', runId: 'run-2' },
      { type: 'challenger', version: 2 },
      { type: 'advance', days: 4 },
    ]).state;
    const first = s.days[0]!.rollout!;
    expect(first.healthy).toBe(false);
    expect(s.registry.versions.find((v) => v.version === 2)!.archived).toBe(true);
    expect(s.registry.champion).toBe(1);
    expect(s.days[1]!.rollout).toBeNull();
  });
});
