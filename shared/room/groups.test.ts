import { describe, expect, it } from 'vitest';
import { formGroups, teamOf, type GroupMember } from './groups';

const people = (profiles: string[]): GroupMember[] => profiles.map((profile, i) => ({ id: `l${i}`, profile }));

describe('formGroups', () => {
  it('makes groups whose sizes differ by at most one, close to the wished size', () => {
    for (const [n, size, expected] of [
      [11, 4, [4, 4, 3]],
      [12, 4, [4, 4, 4]],
      [7, 3, [4, 3]],
      [2, 5, [2]],
      [60, 6, Array(10).fill(6)],
    ] as [number, number, number[]][]) {
      const groups = formGroups(people(Array(n).fill('new-to-ml')), size, 'random', 3);
      expect(groups.map((g) => g.members.length).sort((a, b) => b - a)).toEqual(expected);
      expect(new Set(groups.flatMap((g) => g.members)).size).toBe(n);
    }
  });

  it('mixes experience profiles across groups', () => {
    const crowd = people([...Array(4).fill('new-to-ml'), ...Array(4).fill('devops-sre'), ...Array(4).fill('data-scientist')]);
    const groups = formGroups(crowd, 3, 'mixed', 7);
    expect(groups).toHaveLength(4);
    const profileOf = new Map(crowd.map((p) => [p.id, p.profile]));
    for (const g of groups) expect(new Set(g.members.map((m) => profileOf.get(m))).size).toBe(3);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const crowd = people(Array(20).fill('x').map((_, i) => (i % 2 ? 'a' : 'b')));
    expect(formGroups(crowd, 4, 'random', 42)).toEqual(formGroups(crowd, 4, 'random', 42));
    expect(formGroups(crowd, 4, 'random', 42)).not.toEqual(formGroups(crowd, 4, 'random', 43));
  });

  it('finds a learner’s team', () => {
    const groups = Object.fromEntries(formGroups(people(['a', 'b', 'c', 'd']), 2, 'random', 1).map((g) => [g.id, g]));
    const [first] = Object.values(groups);
    expect(teamOf(groups, first!.members[0]!)).toBe(first!.id);
    expect(teamOf(groups, 'nobody')).toBeNull();
    expect(formGroups([], 4, 'mixed')).toEqual([]);
  });
});
