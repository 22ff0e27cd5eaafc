/**
 * Parallel pitch circles (Evaluate's large-room format), pure: the host forms and enforces them
 * (electron/host/room/evaluateCircles.ts), the screens show them.
 *
 * Owns: forming circles from the queue order (chunks of `teamsPerCircle`, never a circle of one: leftovers are
 * spread over the circles, so sizes differ by at most one), which teams a team scores (the other teams of its
 * circle), and the rounds (round i: the i-th team of every circle pitches, all at once; a shorter circle sits out
 * the last round).
 */

/** The circles, each a list of team ids in queue order. */
export type Circles = string[][];

/**
 * Circles of `teamsPerCircle` teams from the queue, in order. With leftovers, there are ⌊n / size⌋ circles (at
 * least one) and the leftover teams go one each to the first circles: 7 teams in threes → 4 + 3, 5 in threes → 5.
 * A single team forms one circle of one (no one to score it; the caller decides whether that is allowed).
 */
export function formCircles(queue: readonly string[], teamsPerCircle: number): Circles {
  const size = Math.max(2, Math.floor(teamsPerCircle));
  const n = queue.length;
  if (n === 0) return [];
  const count = Math.max(1, Math.floor(n / size));
  const base = Math.floor(n / count);
  const extra = n % count;
  const out: Circles = [];
  let at = 0;
  for (let c = 0; c < count; c++) {
    const len = base + (c < extra ? 1 : 0);
    out.push(queue.slice(at, at + len));
    at += len;
  }
  return out;
}

/** The index of the circle a team is in, or -1. */
export function circleIndex(circles: Circles, teamId: string): number {
  return circles.findIndex((c) => c.includes(teamId));
}

/** The teams a team scores: the other teams of its circle (none when it is in no circle). */
export function assignedTeams(circles: Circles, teamId: string | null | undefined): string[] {
  if (!teamId) return [];
  const circle = circles[circleIndex(circles, teamId)];
  return circle ? circle.filter((t) => t !== teamId) : [];
}

/** How many rounds the circles take: the size of the largest circle. */
export function roundCount(circles: Circles): number {
  return circles.reduce((max, c) => Math.max(max, c.length), 0);
}

/** Who pitches in round `round` (0-based), one entry per circle: null where that circle has no team left. */
export function presentersInRound(circles: Circles, round: number): (string | null)[] {
  return circles.map((c) => c[round] ?? null);
}

/** The round a team pitches in (its place in its circle), or -1. */
export function roundOfTeam(circles: Circles, teamId: string): number {
  const circle = circles[circleIndex(circles, teamId)];
  return circle ? circle.indexOf(teamId) : -1;
}

/** "Blue", "Blue and Green", "Blue, Green and Teal". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
