import { describe, expect, it } from 'vitest';
import { checkAnswer, tally, type Answer, type PollDefinition } from './pollTally';

const quiz: PollDefinition = {
  id: 'q', kind: 'quiz', prompt: 'Which?',
  options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], correct: ['b'],
};
const scale: PollDefinition = { id: 's', kind: 'scale', prompt: 'How?', scale: { min: 1, max: 5 } };
const cloud: PollDefinition = { id: 'w', kind: 'wordcloud', prompt: 'One word' };

/** Votes as the host keeps them: one answer per participant, the latest replacing the earlier one. */
function vote(ballots: Map<string, Answer>, who: string, poll: PollDefinition, raw: unknown): void {
  const checked = checkAnswer(poll, raw);
  if (!checked.ok) throw new Error(checked.message);
  ballots.set(who, checked.answer);
}

describe('poll tallying', () => {
  it('counts one answer per participant, with changed votes replacing earlier ones', () => {
    const ballots = new Map<string, Answer>();
    vote(ballots, 'ada', quiz, { choices: ['a'] });
    vote(ballots, 'bo', quiz, { choices: ['b'] });
    vote(ballots, 'ada', quiz, { choices: ['b'] });
    expect(tally(quiz, ballots.values())).toEqual({ pollId: 'q', kind: 'quiz', respondents: 2, counts: { a: 0, b: 2, c: 0 }, correct: 2 });
  });

  it('includes late joiners who vote after others', () => {
    const ballots = new Map<string, Answer>();
    for (let i = 0; i < 10; i++) vote(ballots, `early-${i}`, scale, { value: (i % 5) + 1 });
    vote(ballots, 'late', scale, { value: 5 });
    const t = tally(scale, ballots.values());
    expect(t.respondents).toBe(11);
    expect(t.histogram).toEqual({ 1: 2, 2: 2, 3: 2, 4: 2, 5: 3 });
    expect(t.mean).toBe(3.18);
  });

  it('normalises word-cloud answers and sorts by frequency', () => {
    const ballots = new Map<string, Answer>();
    ['Drift', 'drift!', 'data', 'Monitoring', 'drift'].forEach((w, i) => vote(ballots, `p${i}`, cloud, { text: w }));
    expect(tally(cloud, ballots.values()).words).toEqual([['drift', 3], ['data', 1], ['monitoring', 1]]);
  });

  it('refuses answers that do not fit the poll, with a reason', () => {
    expect(checkAnswer(quiz, { choices: ['z'] })).toEqual({ ok: false, message: 'pick one of the options' });
    expect(checkAnswer(quiz, { choices: ['a', 'b'] })).toEqual({ ok: false, message: 'this question takes one answer' });
    expect(checkAnswer(scale, { value: 9 })).toMatchObject({ ok: false });
    expect(checkAnswer(scale, { value: 2.5 })).toMatchObject({ ok: false });
    expect(checkAnswer(cloud, { text: 'far too many words here' })).toMatchObject({ ok: false });
    expect(checkAnswer(cloud, null)).toMatchObject({ ok: false });
    expect(checkAnswer({ ...quiz, kind: 'multiple' }, { choices: ['a', 'b', 'a'] })).toEqual({ ok: true, answer: { choices: ['a', 'b'] } });
  });
});
