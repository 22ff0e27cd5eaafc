/**
 * The exit ticket at the close: each learner sends one (a command; a resend replaces theirs), the host keeps the raw
 * answers to itself and publishes only this aggregate to the facilitator.
 *
 * Owns: the ticket's shape, the confidence scale (1–5, fixed by the protocol; the content words the questions), and
 * the aggregation: confidence before/after distributions, their means and the mean shift, and the free-text answers
 * listed without names, sorted so that their order says nothing about who sent them or when.
 */

export const CONFIDENCE_MIN = 1;
export const CONFIDENCE_MAX = 5;
export const EXIT_TEXT_MAX = 1000;

export interface ExitTicket {
  /** One thing I will change at work. */
  change: string;
  /** One question I still have. */
  question: string;
  /** Confidence before and after the workshop, CONFIDENCE_MIN..CONFIDENCE_MAX. */
  before: number;
  after: number;
}

export interface ExitTicketAggregate {
  count: number;
  /** Counts per level, index 0 = CONFIDENCE_MIN. */
  before: number[];
  after: number[];
  meanBefore: number | null;
  meanAfter: number | null;
  /** Mean of (after − before) over the tickets. */
  meanShift: number | null;
  /** How many moved up, stayed, moved down. */
  shifts: { up: number; same: number; down: number };
  /** Non-empty answers, trimmed, sorted (no names, no arrival order). */
  changes: string[];
  questions: string[];
}

const LEVELS = CONFIDENCE_MAX - CONFIDENCE_MIN + 1;

export function isConfidence(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= CONFIDENCE_MIN && value <= CONFIDENCE_MAX;
}

/** A stored ticket read back (a document from disk is untrusted): null when it is not a ticket. */
export function readTicket(value: unknown): ExitTicket | null {
  if (!value || typeof value !== 'object') return null;
  const t = value as Partial<ExitTicket>;
  if (!isConfidence(t.before) || !isConfidence(t.after) || typeof t.change !== 'string' || typeof t.question !== 'string') return null;
  return { change: t.change, question: t.question, before: t.before, after: t.after };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function aggregateExitTickets(tickets: Iterable<unknown>): ExitTicketAggregate {
  const before = new Array<number>(LEVELS).fill(0);
  const after = new Array<number>(LEVELS).fill(0);
  const shifts = { up: 0, same: 0, down: 0 };
  const changes: string[] = [];
  const questions: string[] = [];
  let count = 0;
  let sumBefore = 0;
  let sumAfter = 0;
  for (const raw of tickets) {
    const t = readTicket(raw);
    if (!t) continue;
    count++;
    before[t.before - CONFIDENCE_MIN]!++;
    after[t.after - CONFIDENCE_MIN]!++;
    sumBefore += t.before;
    sumAfter += t.after;
    if (t.after > t.before) shifts.up++;
    else if (t.after < t.before) shifts.down++;
    else shifts.same++;
    if (t.change.trim()) changes.push(t.change.trim());
    if (t.question.trim()) questions.push(t.question.trim());
  }
  const byText = (a: string, b: string) => a.localeCompare(b);
  return {
    count,
    before,
    after,
    meanBefore: count ? round2(sumBefore / count) : null,
    meanAfter: count ? round2(sumAfter / count) : null,
    meanShift: count ? round2((sumAfter - sumBefore) / count) : null,
    shifts,
    changes: changes.sort(byText),
    questions: questions.sort(byText),
  };
}
