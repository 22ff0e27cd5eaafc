import { describe, expect, it } from 'vitest';
import { checkScore, mergeScore, tallyTeam, weightedTotal, type RubricSpec, type TeamScore } from './rubricScores';

const rubric: RubricSpec = {
  id: 'r',
  levels: [1, 2, 3, 4],
  criteria: [
    { id: 'a', weight: 25 },
    { id: 'b', weight: 25 },
    { id: 'c', weight: 50 },
  ],
};

describe('rubric arithmetic', () => {
  it('weights each level by the criterion weight over the highest level, as the rubric says', () => {
    // The rubric's own example: level 3 on a criterion weighted 25 gives 18.75; Proficient everywhere gives 75.
    expect(weightedTotal(rubric, { a: 3, b: 3, c: 3 })).toBe(75);
    expect(weightedTotal(rubric, { a: 4, b: 4, c: 4 })).toBe(100);
    expect(weightedTotal(rubric, { a: 3, b: 1, c: 2 })).toBe(18.75 + 6.25 + 25);
    expect(weightedTotal(rubric, { a: 3, b: 1 })).toBeNull(); // incomplete: no partial total
  });

  it('counts the peer distribution per criterion, keeps the facilitator apart, and totals the means', () => {
    const peers: TeamScore[] = [
      { levels: { a: 1, b: 2, c: 4 } },
      { levels: { a: 3, b: 2, c: 4 } },
      { levels: { a: 3, c: 1 } },
      { levels: {}, strength: 'only words' },
    ];
    const result = tallyTeam(rubric, peers, { levels: { a: 4, b: 3, c: 2 } });
    expect(result.scorers).toBe(3);
    expect(result.criteria.map((c) => c.peer)).toEqual([
      [1, 0, 2, 0],
      [0, 2, 0, 0],
      [1, 0, 0, 2],
    ]);
    expect(result.criteria.map((c) => c.peerMean)).toEqual([2.33, 2, 3]);
    expect(result.criteria.map((c) => c.facilitator)).toEqual([4, 3, 2]);
    // peers: 25×(7/3)/4 + 25×2/4 + 50×3/4 = 14.583… + 12.5 + 37.5 = 64.58
    expect(result.peerTotal).toBe(64.58);
    expect(result.facilitatorTotal).toBe(25 + 18.75 + 25);
    expect(tallyTeam(rubric, [], null)).toMatchObject({ scorers: 0, peerTotal: null, facilitatorTotal: null });
  });

  it('keeps one level per criterion: a resend replaces that criterion only, and the latest texts', () => {
    const first = mergeScore(undefined, { levels: { a: 1, b: 2 }, strength: 'clear owner' });
    const second = mergeScore(first, { levels: { a: 4 }, question: 'who is on call?' });
    expect(second).toEqual({ levels: { a: 4, b: 2 }, strength: 'clear owner', question: 'who is on call?' });
    expect(tallyTeam(rubric, [second], null).criteria[0]!.peer).toEqual([0, 0, 0, 1]);
  });

  it('refuses a criterion or a level the rubric does not have', () => {
    expect(checkScore(rubric, { levels: { a: 4 } })).toBeNull();
    expect(checkScore(rubric, { levels: { z: 4 } })).toMatch(/no criterion "z"/);
    expect(checkScore(rubric, { levels: { a: 5 } })).toMatch(/level 5 is not one of/);
  });
});
