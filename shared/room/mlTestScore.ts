/**
 * Owns: the ML Test Score arithmetic (Breck et al. 2017) — points per test, section scores, the final score (the
 * minimum of the sections) and its interpretation band from the content pack.
 *
 * Marks come from a team document or the device's storage, i.e. from anyone: they are read as `unknown`. A mark
 * counts only when its test id is one of the rubric's tests and its value is exactly 0, 0.5 or 1; everything else
 * (unknown ids, strings, 2, NaN, prototype keys) is ignored, so a crafted document can neither raise a score nor
 * break the page.
 */

export type MtsPoints = 0 | 0.5 | 1;
export const MTS_POINTS: readonly MtsPoints[] = [0, 0.5, 1];

/** The part of the content's `mltestscore` entry the arithmetic needs (the pack's type fits it). */
export interface MtsRubric {
  categories: readonly { id: string; name: string; tests: readonly { id: string }[] }[];
  interpretation: readonly { minScore: number; label: string; meaning: string }[];
}

export interface MtsSection {
  id: string;
  name: string;
  score: number;
  max: number;
  /** Tests of the section with a mark (0 included), to show progress. */
  marked: number;
}

export interface MtsResult {
  sections: MtsSection[];
  /** The minimum of the section scores (0 when the rubric has no section). */
  final: number;
  band: MtsRubric['interpretation'][number] | null;
  marked: number;
  total: number;
}

export function isMtsPoints(value: unknown): value is MtsPoints {
  return value === 0 || value === 0.5 || value === 1;
}

/** The valid marks of `raw` for this rubric's tests: test id → 0 | 0.5 | 1. */
export function sanitizeMarks(rubric: MtsRubric, raw: unknown): Record<string, MtsPoints> {
  const marks: Record<string, MtsPoints> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return marks;
  for (const category of rubric.categories) {
    for (const test of category.tests) {
      if (!Object.prototype.hasOwnProperty.call(raw, test.id)) continue;
      const value = (raw as Record<string, unknown>)[test.id];
      if (isMtsPoints(value)) marks[test.id] = value;
    }
  }
  return marks;
}

/** The band whose `minScore` is the highest one not above `score` (bands may be listed in any order). */
export function bandFor<B extends { minScore: number }>(interpretation: readonly B[], score: number): B | null {
  let best: B | null = null;
  for (const band of interpretation) {
    if (band.minScore <= score && (best === null || band.minScore > best.minScore)) best = band;
  }
  return best;
}

export function mlTestScore(rubric: MtsRubric, raw: unknown): MtsResult {
  const marks = sanitizeMarks(rubric, raw);
  const sections = rubric.categories.map((c) => {
    let score = 0;
    let marked = 0;
    for (const test of c.tests) {
      const points = marks[test.id];
      if (points === undefined) continue;
      score += points;
      marked++;
    }
    return { id: c.id, name: c.name, score, max: c.tests.length, marked };
  });
  // Sums of halves are exact in binary floating point, so the minimum is exact too.
  const final = sections.length ? Math.min(...sections.map((s) => s.score)) : 0;
  return {
    sections,
    final,
    band: bandFor(rubric.interpretation, final),
    marked: sections.reduce((n, s) => n + s.marked, 0),
    total: sections.reduce((n, s) => n + s.max, 0),
  };
}

/** A score as the paper writes it: 2, 2.5. */
export function formatMts(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}
