import { describe, expect, it } from 'vitest';
import { LAB_LIMITS } from './actions';
import { MAX_TEAM_ENTRIES, isPrefix, roomTimeline } from './roomTimeline';

const adv = { type: 'advance', days: 1 };
const train = { type: 'train' };
const reg = { type: 'register', runId: 'run-1' };
const drift = { id: 'i1', day: 2, kind: 'concept', feature: 'amount', amount: -1, rampDays: 0, note: 'Fraudsters move' };
const inject = { type: 'inject', day: 2, kind: 'concept', feature: 'amount', amount: -1, rampDays: 0, note: 'Fraudsters move' };

describe('roomTimeline', () => {
  it('orders by day: incidents, then the team in its order, then one advance per day up to the room day', () => {
    const entries = [
      { at: 0, action: train },
      { at: 2, action: { type: 'promote', version: 1 } },
      { at: 0, action: reg },
    ];
    expect(roomTimeline(entries, [drift], 3)).toEqual([train, reg, adv, adv, inject, { type: 'promote', version: 1 }, adv]);
    // Deterministic: the same inputs give the same list, whoever computes it.
    expect(JSON.stringify(roomTimeline(entries, [drift], 3))).toBe(JSON.stringify(roomTimeline(structuredClone(entries), [{ ...drift }], 3)));
  });

  it('extends the old list when the room day grows (the worker only appends)', () => {
    const entries = [{ at: 0, action: train }, { at: 1, action: reg }];
    let previous = roomTimeline(entries, [drift], 1);
    for (let day = 2; day <= 40; day++) {
      const next = roomTimeline(entries, [drift], day);
      expect(isPrefix(previous, next), `day ${day}`).toBe(true);
      expect(next.filter((a) => JSON.stringify(a) === JSON.stringify(adv))).toHaveLength(day);
      previous = next;
    }
    // An incident the facilitator stamped on a future day is not in the list until that day comes.
    expect(roomTimeline([], [{ ...drift, day: 5 }], 4)).toEqual([adv, adv, adv, adv]);
    expect(roomTimeline([], [{ ...drift, day: 5 }], 5).at(-1)).toEqual({ ...inject, day: 5 });
  });

  it("merges an offline teammate's late entry at the day it was made, the same on every screen", () => {
    const online = [{ at: 0, action: train }, { at: 4, action: reg }];
    const before = roomTimeline(online, [], 6);
    // The offline teammate acted on day 2; Yjs appends the entry when they reconnect, after the day-4 one.
    const merged = [...online, { at: 2, action: { type: 'setLevel', level: 2 } }];
    const after = roomTimeline(merged, [], 6);
    expect(after).toEqual([train, adv, adv, { type: 'setLevel', level: 2 }, adv, adv, reg, adv, adv]);
    expect(isPrefix(before, after)).toBe(false); // the worker replays from the start
    expect(isPrefix(after.slice(0, 3), after)).toBe(true);
  });

  it("leaves out entries of an earlier run of the room's lab (the facilitator restarted it)", () => {
    const entries = [
      { at: 0, action: train },
      { at: 0, run: 1, action: reg },
      { at: 1, run: 2, action: { type: 'setLevel', level: 2 } },
    ];
    expect(roomTimeline(entries, [], 1, 2)).toEqual([adv, { type: 'setLevel', level: 2 }]);
    expect(roomTimeline(entries, [], 1, 0)).toEqual([train, adv]);
    expect(roomTimeline(entries, [], 1)).toHaveLength(4); // no run given: every entry
  });

  it('clamps days to [0, room day] and ignores garbage', () => {
    const garbage: unknown[] = [
      null,
      42,
      'train',
      [],
      { at: 'x', action: train },
      { at: Number.NaN, action: train },
      { at: 1 },
      { at: 1, action: null },
      { at: 1, action: ['train'] },
      { at: -5, action: { type: 'setLevel', level: 1 } },
      { at: 1e9, action: reg },
      { at: 0.7, action: train },
    ];
    expect(roomTimeline(garbage, [null, { day: 1 }, { day: 'x', kind: 'concept', amount: 1 }, { day: -3, kind: 'prior', amount: 2 }], 2)).toEqual([
      { type: 'inject', day: 0, kind: 'prior', amount: 2 },
      { type: 'setLevel', level: 1 },
      train,
      adv,
      adv,
      reg,
    ]);
    expect(roomTimeline('not a list' as unknown as unknown[], {} as unknown as unknown[], 'soon')).toEqual([]);
    expect(roomTimeline([], [], -3)).toEqual([]);
    expect(roomTimeline([], [], 1e9)).toHaveLength(LAB_LIMITS.maxDay);
  });

  it('caps entries and incidents so the list stays within the engine’s limit', () => {
    const many = Array.from({ length: LAB_LIMITS.maxActions * 3 }, (_, i) => ({ at: i % 400, action: { type: 'setThreshold', threshold: 0.2 } }));
    const incidents = Array.from({ length: 100 }, (_, i) => ({ id: `i${i}`, day: i, kind: 'prior', amount: 2 }));
    const list = roomTimeline(many, incidents, LAB_LIMITS.maxDay);
    expect(list.length).toBeLessThanOrEqual(LAB_LIMITS.maxActions);
    expect(list.filter((a) => (a as { type: string }).type === 'inject')).toHaveLength(LAB_LIMITS.maxInjectedShifts);
    expect(list.filter((a) => (a as { type: string }).type === 'setThreshold')).toHaveLength(MAX_TEAM_ENTRIES);
  });
});
