/**
 * Rubric scoring arithmetic, pure: what the host publishes from the scores it keeps (evaluateCommands.ts) and what
 * the screens show.
 *
 * Owns: the rubric as scoring needs it (RubricSpec: level scores, criteria with weights, from content/rubrics/),
 * checking one score against it, per-criterion distributions of peer levels, the facilitator's level, and the
 * weighted total as the rubric defines it: Σ weight × level / highest level (out of 100 when the weights add up to
 * 100). A total is null until every criterion has a level (a partial total would read as a low score).
 */
import type { Rubric } from '../content/schema';

export interface RubricSpec {
  id: string;
  /** The level scores, ascending (e.g. 1..4); distributions are counted in this order. */
  levels: number[];
  criteria: { id: string; weight: number }[];
}

/** One scorer's score of one team: a level per criterion (one per criterion: a resend replaces it). */
export interface TeamScore {
  levels: Record<string, number>;
  strength?: string;
  question?: string;
}

export interface CriterionTally {
  id: string;
  weight: number;
  /** Peer counts per level, in the order of RubricSpec.levels. */
  peer: number[];
  /** The mean peer level (two decimals), null when no peer scored this criterion. */
  peerMean: number | null;
  /** The facilitator's level, null when not scored. */
  facilitator: number | null;
}

export interface TeamTally {
  /** Peers who gave at least one level. */
  scorers: number;
  criteria: CriterionTally[];
  /** The weighted total of the peer means; null until every criterion has a peer level. */
  peerTotal: number | null;
  /** The weighted total of the facilitator's levels; null until every criterion has one. */
  facilitatorTotal: number | null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The rubric of the content pack as scoring needs it. */
export function rubricSpec(rubric: Rubric): RubricSpec {
  return {
    id: rubric.id,
    levels: rubric.levels.map((l) => l.score).sort((a, b) => a - b),
    criteria: rubric.criteria.map((c) => ({ id: c.id, weight: c.weight })),
  };
}

/** Σ weight × level / highest level, rounded to two decimals; null when a criterion has no level. */
export function weightedTotal(rubric: RubricSpec, levels: Record<string, number | null | undefined>): number | null {
  const top = Math.max(...rubric.levels);
  let total = 0;
  for (const c of rubric.criteria) {
    const level = levels[c.id];
    if (level === null || level === undefined) return null;
    total += (c.weight * level) / top;
  }
  return round2(total);
}

/** Why a score does not fit the rubric, or null when it does. */
export function checkScore(rubric: RubricSpec, score: TeamScore): string | null {
  const known = new Set(rubric.criteria.map((c) => c.id));
  for (const [id, level] of Object.entries(score.levels)) {
    if (!known.has(id)) return `the rubric has no criterion "${id}" (reload the page to get the current rubric)`;
    if (!rubric.levels.includes(level)) return `level ${level} is not one of the rubric's levels (${rubric.levels.join(', ')})`;
  }
  return null;
}

/** A later score of the same scorer and team: its levels replace those criteria, its texts replace the texts. */
export function mergeScore(before: TeamScore | undefined, next: TeamScore): TeamScore {
  const merged: TeamScore = { levels: { ...before?.levels, ...next.levels } };
  const strength = next.strength ?? before?.strength;
  const question = next.question ?? before?.question;
  if (strength) merged.strength = strength;
  if (question) merged.question = question;
  return merged;
}

/** The published aggregate of one team's scores: `peers` by scorer (the facilitator's apart). */
export function tallyTeam(rubric: RubricSpec, peers: Iterable<TeamScore>, facilitator: TeamScore | null): TeamTally {
  const counts = new Map(rubric.criteria.map((c) => [c.id, rubric.levels.map(() => 0)]));
  const sums = new Map(rubric.criteria.map((c) => [c.id, { sum: 0, n: 0 }]));
  let scorers = 0;
  for (const score of peers) {
    let any = false;
    for (const c of rubric.criteria) {
      const level = score.levels[c.id];
      const index = level === undefined ? -1 : rubric.levels.indexOf(level);
      if (index < 0) continue;
      any = true;
      counts.get(c.id)![index]!++;
      const s = sums.get(c.id)!;
      s.sum += level!;
      s.n++;
    }
    if (any) scorers++;
  }
  const criteria: CriterionTally[] = rubric.criteria.map((c) => {
    const s = sums.get(c.id)!;
    const own = facilitator?.levels[c.id];
    return {
      id: c.id,
      weight: c.weight,
      peer: counts.get(c.id)!,
      peerMean: s.n ? round2(s.sum / s.n) : null,
      facilitator: own !== undefined && rubric.levels.includes(own) ? own : null,
    };
  });
  // The peer total from the exact means (not the rounded ones), so it does not depend on rounding twice.
  const exactMeans = Object.fromEntries(
    rubric.criteria.map((c) => [c.id, sums.get(c.id)!.n ? sums.get(c.id)!.sum / sums.get(c.id)!.n : null]),
  );
  return {
    scorers,
    criteria,
    peerTotal: weightedTotal(rubric, exactMeans),
    facilitatorTotal: weightedTotal(rubric, Object.fromEntries(criteria.map((c) => [c.id, c.facilitator]))),
  };
}
