import { describe, expect, it } from 'vitest';
import type { PollDefinition } from '../../../../shared/room/pollTally';
import type { TeamTally } from '../../../../shared/room/rubricScores';
import { LEVEL_COLOURS, levelColour, plainLabel, pollBars, pollSummary, rubricRows, rubricSummary } from './chartData';

const quiz: PollDefinition = {
  id: 'q',
  kind: 'quiz',
  prompt: 'Which?',
  options: [
    { id: 'a', label: 'The **model** registry' },
    { id: 'b', label: '`git` alone' },
  ],
  correct: ['a'],
};

describe('plainLabel', () => {
  it('drops inline Markdown marks and links, keeps the words', () => {
    expect(plainLabel('The **model** `registry` and [docs](https://x.test)')).toBe('The model registry and docs');
  });
  it('cuts long labels with an ellipsis', () => {
    expect(plainLabel('a'.repeat(80), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(plainLabel('short', 10)).toBe('short');
  });
});

describe('pollBars', () => {
  it('gives one bar per option in the content order, with zero for options nobody chose', () => {
    const bars = pollBars(quiz, { pollId: 'q', kind: 'quiz', respondents: 3, counts: { b: 3 } }, false);
    expect(bars).toEqual([
      { key: 'a', label: 'The **model** registry', count: 0, correct: false },
      { key: 'b', label: '`git` alone', count: 3, correct: false },
    ]);
  });
  it('marks the correct options only when they are shown, preferring the answer key sent with the tally', () => {
    const tally = { pollId: 'q', kind: 'quiz' as const, respondents: 2, counts: { a: 1, b: 1 } };
    expect(pollBars(quiz, tally, true).map((b) => b.correct)).toEqual([true, false]);
    expect(pollBars({ ...quiz, correct: undefined }, { ...tally, answerKey: ['b'] }, true).map((b) => b.correct)).toEqual([false, true]);
    expect(pollBars(quiz, tally, false).some((b) => b.correct)).toBe(false);
  });
  it('draws a scale as its histogram and nothing for words or texts', () => {
    const scale: PollDefinition = { id: 's', kind: 'scale', prompt: 'How sure?' };
    expect(pollBars(scale, { pollId: 's', kind: 'scale', respondents: 3, histogram: { '1': 1, '2': 0, '3': 2 }, mean: 2.33 }, true).map((b) => [b.label, b.count])).toEqual([
      ['1', 1],
      ['2', 0],
      ['3', 2],
    ]);
    expect(pollBars({ id: 'w', kind: 'wordcloud', prompt: 'One word' }, { pollId: 'w', kind: 'wordcloud', respondents: 1, words: [['ops', 1]] }, true)).toEqual([]);
    expect(pollBars(quiz, null, true)).toEqual([]);
  });
  it('summarises the numbers in one sentence', () => {
    const bars = pollBars(quiz, { pollId: 'q', kind: 'quiz', respondents: 1, counts: { a: 1 } }, true);
    expect(pollSummary(bars, 1)).toBe('1 answer. The model registry: 1 (correct); git alone: 0');
  });
});

describe('rubricRows', () => {
  const levels = [
    { score: 4, label: 'Exemplary' },
    { score: 1, label: 'Beginning' },
    { score: 2, label: 'Developing' },
    { score: 3, label: 'Proficient' },
  ];
  const tally: TeamTally = {
    scorers: 2,
    criteria: [
      { id: 'c1', weight: 60, peer: [0, 0, 1, 1], peerMean: 3.5, facilitator: 3 },
      { id: 'c2', weight: 40, peer: [0, 1, 1, 0], peerMean: 2.5, facilitator: null },
    ],
    peerTotal: 77.5,
    facilitatorTotal: null,
  };
  it('keys the peer counts by level score in ascending order, whatever the content order', () => {
    const rows = rubricRows(tally, levels, (id) => id.toUpperCase());
    expect(rows[0]).toEqual({ id: 'c1', title: 'C1', weight: 60, counts: { l1: 0, l2: 0, l3: 1, l4: 1 }, peerMean: 3.5, facilitator: 3 });
    expect(rows[1]!.counts).toEqual({ l1: 0, l2: 1, l3: 1, l4: 0 });
    expect(rubricSummary(rows, levels)).toBe(
      'C1: peers 0 Beginning, 0 Developing, 1 Proficient, 1 Exemplary; peer mean 3.5, facilitator 3. C2: peers 0 Beginning, 1 Developing, 1 Proficient, 0 Exemplary; peer mean 2.5, facilitator none.',
    );
  });
  it('gives every level its own colour', () => {
    expect(new Set([0, 1, 2, 3].map(levelColour)).size).toBe(4);
    expect(levelColour(LEVEL_COLOURS.length)).toBe(LEVEL_COLOURS[0]);
  });
});
