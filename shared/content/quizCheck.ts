/**
 * Whether a pack's quizzes test understanding rather than test-taking: a learner who always picks the longest option
 * should not beat chance.
 *
 * Owns: the "correct option is the longest" count over a pack's quizzes (labels compared as plain text, without
 * Markdown marks). Used by the content tests; pure.
 */
import type { PollBank } from './schema';

const plain = (label: string) => label.replace(/[*_`]/g, '').trim();

export interface QuizLengthReport {
  quizzes: number;
  /** Quiz ids whose correct option (one of them, for several-answer quizzes) is strictly the longest label. */
  correctLongest: string[];
}

export function quizLengthReport(banks: readonly PollBank[]): QuizLengthReport {
  const correctLongest: string[] = [];
  let quizzes = 0;
  for (const bank of banks) {
    for (const poll of bank.polls) {
      if (poll.kind !== 'quiz' || !poll.options || !poll.correct) continue;
      quizzes += 1;
      const lengths = poll.options.map((o) => plain(o.label).length);
      const max = Math.max(...lengths);
      const longest = poll.options.filter((_, i) => lengths[i] === max);
      if (longest.length === 1 && poll.correct.includes(longest[0]!.id)) correctLongest.push(poll.id);
    }
  }
  return { quizzes, correctLongest };
}

/** The rule: the correct option is the longest in at most half of the quizzes. */
export function quizzesGiveAwayLength(report: QuizLengthReport): boolean {
  return report.correctLongest.length * 2 > report.quizzes;
}
