import { describe, expect, it } from 'vitest';
import { chooseGroup, closeChoosing, formGroups, openGroups, placeLearner, teamOf, type Group, type GroupMember } from './groups';

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

describe('learners choose their group', () => {
  const byId = (groups: Group[]) => Object.fromEntries(groups.map((g) => [g.id, g]));

  it('opens enough empty groups for everyone, each with room for one more than the wanted size', () => {
    const groups = openGroups(10, 4);
    expect(groups.map((g) => [g.id, g.members.length, g.open, g.capacity])).toEqual([
      ['team-1', 0, true, 5],
      ['team-2', 0, true, 5],
      ['team-3', 0, true, 5],
    ]);
    expect(formGroups(people(Array(10).fill('a')), 4, 'choose')).toEqual(groups);
  });

  it('moves a learner between open groups, keeps them where the facilitator placed them, refuses a full group', () => {
    let groups = byId(openGroups(4, 1)); // four groups of capacity 2
    for (const [learner, team] of [['ada', 'team-1'], ['bo', 'team-1'], ['cy', 'team-2']] as const) {
      const result = chooseGroup(groups, learner, team);
      if (!result.ok) throw new Error(result.message);
      groups = result.groups;
    }
    expect(groups['team-1']!.members).toEqual(['ada', 'bo']);
    const full = chooseGroup(groups, 'cy', 'team-1');
    expect(full).toEqual({ ok: false, message: 'Team 1 is full (2): choose another group' });
    const moved = chooseGroup(groups, 'ada', 'team-2');
    expect(moved.ok && [moved.groups['team-1']!.members, moved.groups['team-2']!.members]).toEqual([['bo'], ['cy', 'ada']]);
    const placed = { ...groups, 'team-1': { ...groups['team-1']!, open: false } };
    expect(chooseGroup(placed, 'ada', 'team-3')).toMatchObject({ ok: false, message: expect.stringContaining('placed you in Team 1') });
    expect(chooseGroup(placed, 'dee', 'team-1')).toMatchObject({ ok: false, message: expect.stringContaining('closed') });
    expect(chooseGroup(groups, 'dee', 'team-9')).toMatchObject({ ok: false, message: expect.stringContaining('no group') });
  });

  it('closing places everyone who did not choose in the smallest groups and locks them', () => {
    const groups = openGroups(5, 2).map((g, i) => ({ ...g, members: i === 0 ? ['ada', 'bo'] : i === 1 ? ['cy'] : [] }));
    const closed = closeChoosing(groups, ['ada', 'bo', 'cy', 'dee', 'eve']);
    expect(closed.map((g) => [g.members, g.open])).toEqual([
      [['ada', 'bo'], false],
      [['cy', 'eve'], false],
      [['dee'], false],
    ]);
    expect(groups[2]!.members).toEqual([]); // the input is not changed
  });
});

describe('placeLearner', () => {
  it('leaves the learner in exactly one group (or none), whatever the groups were, and drops their old role', () => {
    const broken: Record<string, Group> = {
      a: { id: 'a', name: 'A', members: ['l1', 'l2', 'l1'], roles: { l1: 'lead' } },
      b: { id: 'b', name: 'B', members: ['l1'], roles: {} },
      c: { id: 'c', name: 'C', members: [], roles: {} },
    };
    const placed = placeLearner(broken, 'l1', 'c');
    expect(Object.values(placed).map((g) => g.members)).toEqual([['l2'], [], ['l1']]);
    expect(placed.a!.roles).toEqual({});
    const none = placeLearner(placed, 'l1', null);
    expect(Object.values(none).flatMap((g) => g.members)).toEqual(['l2']);
    expect(placeLearner(none, 'l2', 'a').a).toBe(none.a); // nothing to change: the same object
  });
});
