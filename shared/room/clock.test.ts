import { describe, expect, it } from 'vitest';
import { adjustedPlan, carryOverNotes, elapsedMs, extend, formatClock, goToPhase, initialClock, pause, readClock, reset, start, type PhasePlan } from './clock';

const plan: PhasePlan[] = [
  { id: 'engage', title: 'Engage', minutes: 30 },
  { id: 'explore', title: 'Explore', minutes: 45 },
  { id: 'explain', title: 'Explain', minutes: 45 },
  { id: 'elaborate', title: 'Elaborate', minutes: 45 },
  { id: 'evaluate', title: 'Evaluate', minutes: 15 },
];
const MIN = 60_000;

describe('phase clock', () => {
  it('runs, pauses for questions without counting the pause, and resumes', () => {
    let c = goToPhase(initialClock(), 'engage', 0);
    c = start(c, 1000);
    expect(elapsedMs(c, 1000 + 5 * MIN)).toBe(5 * MIN);
    c = pause(c, 1000 + 5 * MIN);
    expect(elapsedMs(c, 1000 + 60 * MIN)).toBe(5 * MIN);
    c = start(c, 1000 + 60 * MIN);
    expect(elapsedMs(c, 1000 + 62 * MIN)).toBe(7 * MIN);
    expect(readClock(plan, c, 1000 + 62 * MIN)).toMatchObject({ allowedMinutes: 30, remainingMs: 23 * MIN, overtime: false });
  });

  it('shows over-time, and extending gives the phase more minutes', () => {
    let c = start(goToPhase(initialClock(), 'evaluate', 0), 0);
    expect(readClock(plan, c, 17 * MIN)).toMatchObject({ overtime: true, remainingMs: -2 * MIN });
    c = extend(c, 5);
    expect(readClock(plan, c, 17 * MIN)).toMatchObject({ overtime: false, allowedMinutes: 20, remainingMs: 3 * MIN });
    c = reset(c);
    expect(readClock(plan, c, 99 * MIN)).toMatchObject({ elapsedMs: 0, allowedMinutes: 15, remainingMs: 15 * MIN });
    expect(c.running).toBe(false);
  });

  it('carries an overrun into the longest later phase, the later one on a tie', () => {
    let c = start(goToPhase(initialClock(), 'engage', 0), 0);
    c = goToPhase(c, 'explore', 30 * MIN);
    c = goToPhase(c, 'explain', 83 * MIN); // Explore ran 53 min: 8 over
    const adjusted = adjustedPlan(plan, c);
    expect(adjusted.map((p) => [p.id, p.adjustedMinutes, p.status])).toEqual([
      ['engage', 30, 'done'],
      ['explore', 53, 'done'],
      ['explain', 45, 'current'],
      ['elaborate', 37, 'upcoming'],
      ['evaluate', 15, 'upcoming'],
    ]);
    expect(carryOverNotes(plan, c)).toEqual(['Explore ran 8 min over: Elaborate now has 37 min']);
    expect(adjusted.reduce((n, p) => n + p.adjustedMinutes, 0)).toBe(180);
  });

  it('never squeezes a phase below 5 minutes, spilling into the next one', () => {
    let c = start(goToPhase(initialClock(), 'engage', 0), 0);
    c = goToPhase(c, 'explore', 90 * MIN); // Engage 60 over
    const adjusted = Object.fromEntries(adjustedPlan(plan, c).map((p) => [p.id, p.adjustedMinutes]));
    expect(adjusted).toEqual({ engage: 90, explore: 45, explain: 25, elaborate: 5, evaluate: 15 });
  });

  it('gives time back when a phase finishes early, and pausing does not count', () => {
    let c = start(goToPhase(initialClock(), 'engage', 0), 0);
    c = pause(c, 10 * MIN);
    c = start(c, 40 * MIN);
    c = goToPhase(c, 'explore', 55 * MIN); // ran 25 of 30
    expect(carryOverNotes(plan, c)).toEqual(['Engage ran 5 min under: Elaborate now has 50 min']);
  });

  it('does not count a phase passed through in under a minute', () => {
    let c = start(goToPhase(initialClock(), 'engage', 0), 0);
    c = goToPhase(c, 'explore', 20_000);
    expect(c.actualMinutes).toEqual({});
    expect(carryOverNotes(plan, c)).toEqual([]);
  });

  it('formats mm:ss with a minus sign over time', () => {
    expect(formatClock(23 * MIN + 5000)).toBe('23:05');
    expect(formatClock(-(2 * MIN + 1000))).toBe('−2:01');
  });
});
