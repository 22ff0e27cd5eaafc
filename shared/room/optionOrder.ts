/**
 * The order a learner sees a quiz's options in.
 *
 * Owns: a deterministic per-learner shuffle. The content stores the options in one order (the facilitator's
 * results and the answer key use it); each learner sees them in an order derived from their learner id and the
 * poll id, so a reload shows the same order, neighbours do not share one, and the option ids voted are unchanged.
 * Only quizzes are shuffled: a poll's options may be ordinal (levels, a scale in words).
 */

/** FNV-1a, 32-bit: a small, stable string hash (not for security). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded generator, enough to pick a permutation. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The options in the order learner `learnerId` sees them for poll `pollId`: a permutation of `options`, the same for
 * the same pair, and never the stored order when there are two or more options (the stored order often puts the
 * answer in a telling place, so it is the one order not to show).
 */
export function shuffledForLearner<T>(options: readonly T[], learnerId: string, pollId: string): T[] {
  const out = [...options];
  if (out.length < 2) return out;
  const random = generator(hash(`${pollId}\u0000${learnerId}`));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  if (out.every((o, i) => o === options[i])) out.push(out.shift()!);
  return out;
}

/** Whether a poll's options are shuffled per learner. */
export function shufflesOptions(poll: { kind: string }): boolean {
  return poll.kind === 'quiz';
}
