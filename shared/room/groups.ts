/**
 * Forming groups for team work: mixed by experience profile (the lesson's differentiation: novices paired with
 * experienced people) or random, with sizes that differ by at most one. Pure and seeded, so a facilitator who
 * re-forms groups with the same seed gets the same groups, and tests are exact.
 * Groups live in the host-owned `groups` document (map `groups`: team id → { name, members, roles, … }). Only the
 * host writes it, applying the facilitator's commands (form, move, rename, share, …) and the learners'
 * `choose-group` one at a time — one writer, so an acknowledged choice is never lost to a concurrent rewrite and
 * nobody ends up in two teams. The host reads it to decide who may use which team documents.
 */
export interface GroupMember {
  id: string;
  profile: string | null;
}

export interface Group {
  id: string;
  name: string;
  members: string[];
  /** learner id → role id (from the content's roles) */
  roles: Record<string, string>;
  /** The facilitator shared this team's documents with the whole room (read-only), e.g. for its presentation. */
  shared?: boolean;
  /** The Elaborate case this team works on, when the facilitator chose one per team. */
  caseId?: string;
  /** Learners may join (or leave) this group themselves, up to `capacity` members ("learners choose"). */
  open?: boolean;
  capacity?: number;
}

export type GroupMode = 'mixed' | 'random' | 'choose';

/** A small seeded generator (mulberry32): deterministic shuffles without Math.random. */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given random source. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * @param size the wanted group size; the number of groups is round(n / size) (at least 1), so sizes stay within
 *   one of each other and close to the wish (11 people in groups of 4 → 4, 4, 3).
 */
export function formGroups(people: GroupMember[], size: number, mode: GroupMode, seed = 1): Group[] {
  if (people.length === 0) return [];
  if (mode === 'choose') return openGroups(people.length, size);
  const count = Math.max(1, Math.min(people.length, Math.round(people.length / Math.max(1, size))));
  const random = seededRandom(seed);
  let order: GroupMember[];
  if (mode === 'random') order = shuffle(people, random);
  else {
    // Deal profile by profile (largest profile first), so each profile spreads across the groups.
    const byProfile = new Map<string, GroupMember[]>();
    for (const p of shuffle(people, random)) {
      const key = p.profile ?? 'unknown';
      byProfile.set(key, [...(byProfile.get(key) ?? []), p]);
    }
    order = [...byProfile.values()].sort((a, b) => b.length - a.length).flat();
  }
  const groups: Group[] = Array.from({ length: count }, (_, i) => ({ id: `team-${i + 1}`, name: `Team ${i + 1}`, members: [], roles: {} }));
  order.forEach((p, i) => groups[i % count]!.members.push(p.id));
  return groups;
}

/** The team a learner is in, from the session's groups; null when groups are not formed or they are in none. */
/** Every learner's team at once (as teamOf finds it: the first group that lists them), for lookups per frame. */
export function teamIndex(groups: Record<string, Pick<Group, 'members'>>): Map<string, string> {
  const teams = new Map<string, string>();
  for (const [teamId, group] of Object.entries(groups)) for (const learnerId of group?.members ?? []) if (!teams.has(learnerId)) teams.set(learnerId, teamId);
  return teams;
}

export function teamOf(groups: Record<string, Pick<Group, 'members'>>, learnerId: string): string | null {
  for (const [id, group] of Object.entries(groups)) if (group.members?.includes(learnerId)) return id;
  return null;
}

/**
 * Empty groups learners fill themselves: enough of them for everyone at the wanted size, each capped a little
 * above it (size + 1), so the last people to choose still find a place without one group swallowing the room.
 */
export function openGroups(people: number, size: number): Group[] {
  const wanted = Math.max(1, size);
  const count = Math.max(1, Math.ceil(people / wanted));
  return Array.from({ length: count }, (_, i) => ({ id: `team-${i + 1}`, name: `Team ${i + 1}`, members: [], roles: {}, open: true, capacity: wanted + 1 }));
}

export type ChooseResult = { ok: true; groups: Record<string, Group> } | { ok: false; message: string };

/**
 * A learner joins an open group (leaving the open group they were in). Applied by the host, so two people taking
 * the last place at once cannot both get it. A learner the facilitator placed in a closed group stays there.
 */
export function chooseGroup(groups: Record<string, Group>, learnerId: string, teamId: string): ChooseResult {
  const target = groups[teamId];
  if (!target) return { ok: false, message: `there is no group "${teamId}" any more: pick one of the groups on your screen` };
  if (!target.open) return { ok: false, message: `${target.name} is closed: the facilitator places people in it` };
  const current = teamOf(groups, learnerId);
  if (current === teamId) return { ok: true, groups };
  if (current && !groups[current]!.open) return { ok: false, message: `the facilitator placed you in ${groups[current]!.name}: ask them to move you` };
  if (target.capacity !== undefined && target.members.length >= target.capacity) return { ok: false, message: `${target.name} is full (${target.capacity}): choose another group` };
  return { ok: true, groups: placeLearner(groups, learnerId, teamId) };
}

/** Closing "learners choose": everyone who has not chosen goes to the smallest group (ties: the first); groups lock. */
export function closeChoosing(groups: Group[], everyone: string[]): Group[] {
  const next = groups.map((g) => ({ ...g, members: [...g.members], open: false }));
  if (next.length === 0) return next;
  const placed = new Set(next.flatMap((g) => g.members));
  for (const id of everyone) {
    if (placed.has(id)) continue;
    const smallest = next.reduce((a, b) => (b.members.length < a.members.length ? b : a));
    smallest.members.push(id);
    placed.add(id);
  }
  return next;
}

/**
 * Places a learner in `teamId` (null: in no group), taking them out of every other group (and their role there):
 * whatever the groups were before, afterwards the learner is in exactly one group, or none.
 */
export function placeLearner(groups: Record<string, Group>, learnerId: string, teamId: string | null): Record<string, Group> {
  const next: Record<string, Group> = {};
  for (const [id, group] of Object.entries(groups)) {
    const listed = group.members.includes(learnerId);
    if (id === teamId) {
      next[id] = listed && group.members.filter((m) => m === learnerId).length === 1 ? group : { ...group, members: [...group.members.filter((m) => m !== learnerId), learnerId] };
    } else if (listed || learnerId in group.roles) {
      const roles = { ...group.roles };
      delete roles[learnerId];
      next[id] = { ...group, members: group.members.filter((m) => m !== learnerId), roles };
    } else next[id] = group;
  }
  return next;
}
