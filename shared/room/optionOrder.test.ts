import { describe, expect, it } from 'vitest';
import { shuffledForLearner, shufflesOptions } from './optionOrder';

const stored = ['a', 'b', 'c', 'd'];
const learners = Array.from({ length: 40 }, (_, i) => `learner-${i}`);

describe('shuffledForLearner', () => {
  it('is a permutation of the stored options', () => {
    for (const id of learners) expect([...shuffledForLearner(stored, id, 'q1')].sort()).toEqual(stored);
  });

  it('is deterministic per learner and poll (a reload shows the same order)', () => {
    for (const id of learners) expect(shuffledForLearner(stored, id, 'q1')).toEqual(shuffledForLearner(stored, id, 'q1'));
  });

  it('never shows the stored order', () => {
    for (const id of learners) expect(shuffledForLearner(stored, id, 'q1')).not.toEqual(stored);
    for (const id of learners) expect(shuffledForLearner(['x', 'y'], id, 'q2')).toEqual(['y', 'x']);
  });

  it('differs across learners and across polls', () => {
    const orders = new Set(learners.map((id) => shuffledForLearner(stored, id, 'q1').join('')));
    expect(orders.size).toBeGreaterThan(10);
    const perPoll = new Set(['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].map((p) => shuffledForLearner(stored, 'learner-1', p).join('')));
    expect(perPoll.size).toBeGreaterThan(1);
  });

  it('puts the first stored option in every position about equally often', () => {
    const positions = [0, 0, 0, 0];
    for (let i = 0; i < 2000; i++) positions[shuffledForLearner(stored, `l${i}`, 'q1').indexOf('a')]! += 1;
    for (const n of positions) expect(n).toBeGreaterThan(350);
  });

  it('leaves the input alone and handles one option', () => {
    const input = [...stored];
    shuffledForLearner(input, 'x', 'q1');
    expect(input).toEqual(stored);
    expect(shuffledForLearner(['only'], 'x', 'q1')).toEqual(['only']);
  });

  it('shuffles quizzes only (poll options may be ordinal)', () => {
    expect(shufflesOptions({ kind: 'quiz' })).toBe(true);
    expect(shufflesOptions({ kind: 'single' })).toBe(false);
  });
});
