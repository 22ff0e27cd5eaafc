import { describe, expect, it } from 'vitest';
import { loadLabScenario } from '../../tests/helpers/labScenarios';
import { generateDay, prepareGenerator, shiftEffects, type DayBatch } from './generator';
import type { Shift } from './scenarioSchema';

const fraud = loadLabScenario('fraud-paylark');

/** FNV-1a over the raw bytes of every array of the batch, one hash per array (deep equality on 10k-element arrays is slow). */
function bytes(b: DayBatch): number[] {
  const parts = [b.group, b.entity, b.time, ...b.raw, ...b.offline, ...b.served, b.label];
  return parts.map((p) => {
    const u = new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
    let h = 0x811c9dc5;
    for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i]!, 0x01000193);
    return h >>> 0;
  });
}

describe('generator', { timeout: 120_000 }, () => {
  it('same seed → identical data bit for bit, whatever was generated before', () => {
    const a = generateDay(prepareGenerator(fraud, 42), 40, fraud.shifts);
    const g2 = prepareGenerator(fraud, 42);
    generateDay(g2, 3, fraud.shifts);
    const b = generateDay(g2, 40, fraud.shifts);
    expect(bytes(a)).toEqual(bytes(b));
    const c = generateDay(prepareGenerator(fraud, 43), 40, fraud.shifts);
    expect(bytes(c)[3]).not.toEqual(bytes(a)[3]);
  });

  it('hits the base rate and draws subgroups by share', () => {
    const b = generateDay(prepareGenerator(fraud, 7), 0, []);
    const rate = b.label.reduce((a, y) => a + y, 0) / b.n;
    expect(rate).toBeGreaterThan(0.007);
    expect(rate).toBeLessThan(0.013);
    const us = b.group.reduce((a, g) => a + g, 0) / b.n;
    expect(us).toBeGreaterThan(0.18);
    expect(us).toBeLessThan(0.22);
  });

  it('applies each kind of shift from its day on', () => {
    const gen = prepareGenerator(fraud, 1);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const shifts: Shift[] = [
      { day: 10, kind: 'covariate', feature: 'merchant-risk', amount: 2, rampDays: 0 },
      { day: 10, kind: 'prior', amount: 3, rampDays: 0 },
      { day: 10, kind: 'upstream', feature: 'amount', amount: 100, rampDays: 0 },
      { day: 10, kind: 'pipelineBug', feature: 'payments-24h', amount: 0, rampDays: 0 },
    ];
    const before = generateDay(gen, 9, shifts);
    const after = generateDay(gen, 10, shifts);
    expect(mean(after.raw[1]!) - mean(before.raw[1]!)).toBeCloseTo(0.3, 1); // 2 sd × 0.15
    expect(after.label.reduce((a, y) => a + y, 0)).toBeGreaterThan(2 * before.label.reduce((a, y) => a + y, 0));
    expect(after.offline[0]![5]).toBeCloseTo(after.raw[0]![5]! * 100, 6);
    expect(after.served[0]![5]).toBe(after.offline[0]![5]);
    expect(after.served[3]!.every((v) => v === 0)).toBe(true);
    expect(mean(after.offline[3]!)).toBeGreaterThan(1);
    expect(before.served[0]).toEqual(before.raw[0]);
    const ramped = shiftEffects(fraud, [{ day: 5, kind: 'concept', feature: 'amount', amount: -1, rampDays: 4 }], 6);
    expect(ramped.concept[0]).toBeCloseTo(-0.5, 10);
  });
});
