/**
 * Polls and quizzes: validating an answer against the poll, and tallying answers — one per participant,
 * replaced when they change it (until the poll closes). Pure; the host runs it on every vote and stores the result
 * in the poll's tally document, which learners may read only once the facilitator reveals it.
 */
import type { Poll } from '../content/schema';

export type PollDefinition = Pick<Poll, 'id' | 'kind' | 'prompt' | 'options' | 'correct' | 'scale'> & {
  /** A quiz taking several answers, said without its answer key (which stays with the host until revealed). */
  multi?: boolean;
};

/** Whether the poll takes several choices. */
export function takesSeveral(poll: PollDefinition): boolean {
  return poll.kind === 'multiple' || (poll.kind === 'quiz' && ((poll.correct?.length ?? 0) > 1 || poll.multi === true));
}

export type Answer = { choices: string[] } | { value: number } | { text: string };

export type AnswerCheck = { ok: true; answer: Answer } | { ok: false; message: string };

const MAX_TEXT = 280;

export function checkAnswer(poll: PollDefinition, raw: unknown): AnswerCheck {
  const value = raw as Record<string, unknown> | null;
  switch (poll.kind) {
    case 'single':
    case 'multiple':
    case 'quiz': {
      const choices = value && Array.isArray(value.choices) ? value.choices : null;
      const ids = new Set(poll.options?.map((o) => o.id));
      if (!choices || choices.length === 0 || !choices.every((c) => typeof c === 'string' && ids.has(c))) {
        return { ok: false, message: 'pick one of the options' };
      }
      const unique = [...new Set(choices as string[])];
      if (!takesSeveral(poll) && unique.length > 1) return { ok: false, message: 'this question takes one answer' };
      return { ok: true, answer: { choices: unique } };
    }
    case 'scale': {
      const n = value?.value;
      if (typeof n !== 'number' || !Number.isInteger(n) || !poll.scale || n < poll.scale.min || n > poll.scale.max) {
        return { ok: false, message: `give a whole number from ${poll.scale?.min ?? '?'} to ${poll.scale?.max ?? '?'}` };
      }
      return { ok: true, answer: { value: n } };
    }
    case 'wordcloud':
    case 'text': {
      const text = typeof value?.text === 'string' ? value.text.trim() : '';
      if (!text) return { ok: false, message: 'write an answer' };
      if (text.length > MAX_TEXT) return { ok: false, message: `keep it under ${MAX_TEXT} characters` };
      if (poll.kind === 'wordcloud' && text.split(/\s+/).length > 3) return { ok: false, message: 'one to three words, please' };
      return { ok: true, answer: { text } };
    }
  }
}

export interface Tally {
  pollId: string;
  kind: Poll['kind'];
  respondents: number;
  /** Per option id (choice kinds). */
  counts?: Record<string, number>;
  /** Quiz: respondents whose choices equal the correct set. */
  correct?: number;
  /** Scale: count per value, mean. */
  histogram?: Record<string, number>;
  mean?: number;
  /** Word cloud: normalised word (lower case) → count, most frequent first. */
  words?: [string, number][];
  /** Open text: the answers (never who wrote them). */
  texts?: string[];
}

export function tally(poll: PollDefinition, answers: Iterable<Answer>): Tally {
  const list = [...answers];
  const result: Tally = { pollId: poll.id, kind: poll.kind, respondents: list.length };
  switch (poll.kind) {
    case 'single':
    case 'multiple':
    case 'quiz': {
      const counts: Record<string, number> = Object.fromEntries((poll.options ?? []).map((o) => [o.id, 0]));
      for (const a of list) if ('choices' in a) for (const c of a.choices) counts[c] = (counts[c] ?? 0) + 1;
      result.counts = counts;
      if (poll.kind === 'quiz') {
        const correct = new Set(poll.correct ?? []);
        result.correct = list.filter((a) => 'choices' in a && a.choices.length === correct.size && a.choices.every((c) => correct.has(c))).length;
      }
      return result;
    }
    case 'scale': {
      const histogram: Record<string, number> = {};
      for (let v = poll.scale?.min ?? 0; v <= (poll.scale?.max ?? -1); v++) histogram[String(v)] = 0;
      let sum = 0;
      for (const a of list) if ('value' in a) {
        histogram[String(a.value)] = (histogram[String(a.value)] ?? 0) + 1;
        sum += a.value;
      }
      result.histogram = histogram;
      result.mean = list.length ? Math.round((sum / list.length) * 100) / 100 : 0;
      return result;
    }
    case 'wordcloud': {
      const words = new Map<string, number>();
      for (const a of list) if ('text' in a) {
        const word = a.text.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s+/g, ' ');
        if (word) words.set(word, (words.get(word) ?? 0) + 1);
      }
      result.words = [...words].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return result;
    }
    case 'text':
      result.texts = list.flatMap((a) => ('text' in a ? [a.text] : []));
      return result;
  }
}
