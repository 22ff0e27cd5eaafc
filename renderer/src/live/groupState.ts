/** The session's groups (the host-owned `groups` document) and the roles teams picked, as React state. */
import type { Group } from '../../../shared/room/groups';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { useYMapJson } from '../sync/RoomProvider';

export function useGroups(client: RoomClient | null): Record<string, Group> {
  return useYMapJson<Record<string, Group>>(client, 'groups', 'groups') ?? {};
}

/**
 * Roles a team picked for itself (learner id → role id), in the team's own `roles` document: teammates can write
 * it, unlike the session's groups. A role the facilitator assigned wins over the team's pick.
 */
export function useTeamRoles(client: RoomClient | null, teamId: string | null): Record<string, string> {
  return useYMapJson<Record<string, string>>(teamId ? client : null, `team/${teamId ?? 'none'}/roles`, 'roles') ?? {};
}

export function roleOf(group: Group, picked: Record<string, string>, member: string): { id: string; by: 'facilitator' | 'team' } | null {
  if (group.roles[member]) return { id: group.roles[member], by: 'facilitator' };
  if (picked[member]) return { id: picked[member], by: 'team' };
  return null;
}
