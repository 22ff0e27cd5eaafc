import { describe, expect, it } from 'vitest';
import { assignedTeams, circleIndex, formCircles, listNames, presentersInRound, roundCount, roundOfTeam } from './circles';

const teams = (n: number) => Array.from({ length: n }, (_, i) => `t${i + 1}`);

describe('parallel pitch circles', () => {
  it('chunks the queue in order into circles of the given size', () => {
    expect(formCircles(teams(9), 3)).toEqual([
      ['t1', 't2', 't3'],
      ['t4', 't5', 't6'],
      ['t7', 't8', 't9'],
    ]);
    expect(formCircles(teams(6), 2)).toEqual([
      ['t1', 't2'],
      ['t3', 't4'],
      ['t5', 't6'],
    ]);
    expect(formCircles([], 3)).toEqual([]);
  });

  it('never leaves a circle of one: leftovers are spread over the first circles', () => {
    expect(formCircles(teams(10), 3)).toEqual([
      ['t1', 't2', 't3', 't4'],
      ['t5', 't6', 't7'],
      ['t8', 't9', 't10'],
    ]);
    expect(formCircles(teams(11), 3).map((c) => c.length)).toEqual([4, 4, 3]);
    expect(formCircles(teams(5), 3)).toEqual([teams(5)]);
    expect(formCircles(teams(4), 3)).toEqual([teams(4)]);
    expect(formCircles(teams(2), 3)).toEqual([teams(2)]);
    expect(formCircles(teams(5), 2).map((c) => c.length)).toEqual([3, 2]);
    // A size below two would mean circles of one: it is read as two.
    expect(formCircles(teams(4), 1).map((c) => c.length)).toEqual([2, 2]);
  });

  it('keeps every team exactly once, sizes within one of each other and at least two, for any count and size', () => {
    for (let n = 2; n <= 40; n++) {
      for (let size = 2; size <= 6; size++) {
        const circles = formCircles(teams(n), size);
        expect(circles.flat()).toEqual(teams(n));
        const lengths = circles.map((c) => c.length);
        expect(Math.min(...lengths)).toBeGreaterThanOrEqual(Math.min(n, size));
        expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('assigns each team the other teams of its circle, never itself', () => {
    const circles = formCircles(teams(7), 3); // [t1..t4], [t5..t7]
    expect(assignedTeams(circles, 't2')).toEqual(['t1', 't3', 't4']);
    expect(assignedTeams(circles, 't6')).toEqual(['t5', 't7']);
    expect(assignedTeams(circles, 'nobody')).toEqual([]);
    expect(assignedTeams(circles, null)).toEqual([]);
    expect(circleIndex(circles, 't6')).toBe(1);
  });

  it('runs rounds: round i is the i-th team of every circle, a shorter circle sits out the last one', () => {
    const circles = formCircles(teams(7), 3);
    expect(roundCount(circles)).toBe(4);
    expect(presentersInRound(circles, 0)).toEqual(['t1', 't5']);
    expect(presentersInRound(circles, 2)).toEqual(['t3', 't7']);
    expect(presentersInRound(circles, 3)).toEqual(['t4', null]);
    expect(roundOfTeam(circles, 't6')).toBe(1);
    expect(roundOfTeam(circles, 'x')).toBe(-1);
    expect(roundCount([])).toBe(0);
  });

  it('lists names for messages', () => {
    expect(listNames(['Blue'])).toBe('Blue');
    expect(listNames(['Blue', 'Green'])).toBe('Blue and Green');
    expect(listNames(['Blue', 'Green', 'Teal'])).toBe('Blue, Green and Teal');
  });
});
