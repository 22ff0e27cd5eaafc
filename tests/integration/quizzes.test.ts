/** The shipped quizzes: the longest option must not give the answer away (issue 15 point 7). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../electron/host/contentLoader';
import { quizLengthReport, quizzesGiveAwayLength } from '../../shared/content/quizCheck';
import type { PollBank } from '../../shared/content/schema';

const quiz = (id: string, labels: string[], correct: number): PollBank['polls'][number] => ({
  id,
  kind: 'quiz',
  prompt: 'Q',
  options: labels.map((label, i) => ({ id: `o${i}`, label })),
  correct: [`o${correct}`],
  explanation: 'E',
});

describe('quizLengthReport', () => {
  it('flags a bank whose correct options are mostly the longest', () => {
    const bank: PollBank = { id: 'b', title: 'B', phase: 'p', polls: [quiz('a', ['short', 'the long right one'], 1), quiz('b', ['x', 'the right and longest **one**'], 1), quiz('c', ['right', 'a longer wrong one'], 0)] };
    const report = quizLengthReport([bank]);
    expect(report).toEqual({ quizzes: 3, correctLongest: ['a', 'b'] });
    expect(quizzesGiveAwayLength(report)).toBe(true);
  });

  it('does not count ties or Markdown marks as length', () => {
    const bank: PollBank = { id: 'b', title: 'B', phase: 'p', polls: [quiz('a', ['**same**', 'sames'], 0), quiz('b', ['same', 'same'], 1)] };
    expect(quizLengthReport([bank]).correctLongest).toEqual([]);
  });
});

describe('the content pack', () => {
  it('has quizzes whose correct option is the longest in at most half of them', async () => {
    const result = await loadContentDir(resolve('content'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = quizLengthReport(result.pack.polls);
    expect(report.quizzes).toBeGreaterThan(5);
    expect(report.correctLongest.length * 2, `correct option is the longest in: ${report.correctLongest.join(', ')}`).toBeLessThanOrEqual(report.quizzes);
  });

  it('has a glossary of at least 30 terms', async () => {
    const result = await loadContentDir(resolve('content'));
    expect(result.ok && result.summary.glossaryTerms).toBeGreaterThanOrEqual(30);
  });
});
