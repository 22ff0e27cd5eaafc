/**
 * The groups of a session, owned by the host: the `groups` document (map `groups`: team id → Group, see
 * shared/room/groups.ts) is written here only, one command at a time — the facilitator's (form, create, move, rename,
 * share, set a role, remove, close choosing) and the learner's `choose-group`. One writer per fact: the console
 * never rewrites group objects, so an acknowledged choice cannot vanish under a concurrent rewrite and nobody ends
 * up in two teams (issue 12, failure 7). Every function returns a rejection with a reason instead of throwing.
 */
import type * as Y from 'yjs';
import type { Command } from '../../../shared/protocol/protocol';
import { dealRoles } from '../../../shared/room/bulkRoles';
import { chooseGroup, closeChoosing, formGroups, placeLearner, type Group } from '../../../shared/room/groups';

export type GroupResult = { ok: true } | { ok: false; reason: 'forbidden' | 'malformed'; message: string };
const ok: GroupResult = { ok: true };

export function readGroups(doc: Y.Doc): Record<string, Group> {
  const out: Record<string, Group> = {};
  for (const [id, value] of doc.getMap<Group>('groups')) if (value && typeof value === 'object' && Array.isArray(value.members)) out[id] = value;
  return out;
}

/** Writes the groups that differ (and deletes the ones gone): only the host calls this. */
export function writeGroups(doc: Y.Doc, next: Record<string, Group>, origin: unknown): void {
  const map = doc.getMap<Group>('groups');
  doc.transact(() => {
    for (const id of [...map.keys()]) if (!(id in next)) map.delete(id);
    for (const [id, group] of Object.entries(next)) if (map.get(id) !== group && JSON.stringify(map.get(id)) !== JSON.stringify(group)) map.set(id, group);
  }, origin);
}

export interface GroupContext {
  groups: Y.Doc;
  /** Learners online now, with their background (for "mixed by background"). */
  learners(): { id: string; profile: string | null }[];
  /** Every learner of the session, online or not. */
  known(learnerId: string): boolean;
  /** The roles a team picked for itself (its `team/<id>/roles` document), learner id → role id. */
  teamPicks?(teamId: string): Record<string, string>;
  origin: unknown;
}

type GroupCommand = Extract<Command, { cmd: 'form-groups' | 'create-group' | 'move-learner' | 'update-group' | 'set-role' | 'give-roles' | 'remove-group' | 'close-choosing' | 'choose-group' }>;

export function applyGroupCommand(ctx: GroupContext, learnerId: string, command: GroupCommand): GroupResult {
  const groups = readGroups(ctx.groups);
  const missing = (teamId: string): GroupResult => ({ ok: false, reason: 'malformed', message: `there is no group "${teamId}" any more` });
  let next: Record<string, Group>;
  switch (command.cmd) {
    case 'choose-group': {
      const result = chooseGroup(groups, learnerId, command.teamId);
      if (!result.ok) return { ok: false, reason: 'forbidden', message: result.message };
      next = result.groups;
      break;
    }
    case 'form-groups': {
      const online = ctx.learners();
      const wanted = command.learners ? new Set(command.learners) : null;
      const people = wanted ? [...wanted].filter((id) => ctx.known(id)).map((id) => ({ id, profile: online.find((p) => p.id === id)?.profile ?? null })) : online;
      next = Object.fromEntries(formGroups(people, command.size, command.mode, command.seed).map((g) => [g.id, g]));
      break;
    }
    case 'create-group':
      if (groups[command.teamId]) return { ok: false, reason: 'malformed', message: `there is a group "${command.teamId}" already` };
      if (Object.keys(groups).length >= 100) return { ok: false, reason: 'forbidden', message: 'a session has at most 100 groups' };
      next = {
        ...groups,
        [command.teamId]: { id: command.teamId, name: command.name, members: [], roles: {}, ...(command.open !== undefined ? { open: command.open } : {}), ...(command.capacity !== undefined ? { capacity: command.capacity } : {}) },
      };
      break;
    case 'move-learner':
      if (command.teamId !== null && !groups[command.teamId]) return missing(command.teamId);
      if (!ctx.known(command.learnerId)) return { ok: false, reason: 'malformed', message: 'no such learner in this session' };
      next = placeLearner(groups, command.learnerId, command.teamId);
      break;
    case 'update-group': {
      const group = groups[command.teamId];
      if (!group) return missing(command.teamId);
      const updated: Group = { ...group };
      if (command.name !== undefined) updated.name = command.name;
      if (command.shared !== undefined) updated.shared = command.shared;
      if (command.open !== undefined) updated.open = command.open;
      if (command.caseId === null) delete updated.caseId;
      else if (command.caseId !== undefined) updated.caseId = command.caseId;
      next = { ...groups, [command.teamId]: updated };
      break;
    }
    case 'set-role': {
      const group = groups[command.teamId];
      if (!group) return missing(command.teamId);
      if (!group.members.includes(command.learnerId)) return { ok: false, reason: 'malformed', message: 'that learner is not in this group any more' };
      const roles = { ...group.roles };
      if (command.role) roles[command.learnerId] = command.role;
      else delete roles[command.learnerId];
      next = { ...groups, [command.teamId]: { ...group, roles } };
      break;
    }
    case 'give-roles': {
      if (command.teamId !== null && !groups[command.teamId]) return missing(command.teamId);
      next = { ...groups };
      for (const group of Object.values(groups)) {
        if (command.teamId !== null && group.id !== command.teamId) continue;
        next[group.id] = { ...group, roles: dealRoles(group, ctx.teamPicks?.(group.id) ?? {}, command.roles) };
      }
      break;
    }
    case 'remove-group':
      if (!groups[command.teamId]) return ok;
      next = { ...groups };
      delete next[command.teamId];
      break;
    case 'close-choosing': {
      const closed = closeChoosing(Object.values(groups).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true })), ctx.learners().map((p) => p.id));
      next = Object.fromEntries(closed.map((g) => [g.id, g]));
      break;
    }
  }
  writeGroups(ctx.groups, next, ctx.origin);
  return ok;
}

/**
 * Sessions saved before the groups moved out of the session document keep them: copied once into the host-owned
 * document (a marker says it was done, so groups removed later do not come back from the old copy).
 */
export function migrateGroups(session: Y.Doc, groups: Y.Doc, origin: unknown): void {
  const meta = groups.getMap('meta');
  if (meta.get('fromSession')) return;
  const legacy = readGroups(session);
  groups.transact(() => {
    if (groups.getMap('groups').size === 0 && Object.keys(legacy).length > 0) writeGroups(groups, legacy, origin);
    meta.set('fromSession', true);
  }, origin);
}
