/**
 * "Give roles from the lesson": the lesson's roles dealt round-robin to the members of a group who have no role yet
 * (none from the facilitator, none picked by the team). Roles nobody in the group holds go first, so a team of four
 * with four roles ends with four different roles; a larger team gets the roles again in the same order.
 *
 * Owns: that dealing, as a pure function of the group, the team's own picks and the lesson's role ids.
 */
import type { Group } from './groups';

/** The group's facilitator-assigned roles after dealing (unchanged when everyone has a role already). */
export function dealRoles(group: Group, picked: Readonly<Record<string, string>>, roles: readonly string[]): Record<string, string> {
  const next = { ...group.roles };
  if (roles.length === 0) return next;
  const held = new Set(group.members.map((m) => next[m] ?? picked[m]).filter((r): r is string => !!r));
  const order = [...roles.filter((r) => !held.has(r)), ...roles.filter((r) => held.has(r))];
  let i = 0;
  for (const member of group.members) {
    if (next[member] || picked[member]) continue;
    next[member] = order[i % order.length]!;
    i++;
  }
  return next;
}
