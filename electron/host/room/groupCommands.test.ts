import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyGroupCommand, migrateGroups, readGroups, type GroupContext } from './groupCommands';

const HOST = Symbol('host');

function context(groups = new Y.Doc(), online = ['l1', 'l2', 'l3', 'l4']): GroupContext {
  return { groups, learners: () => online.map((id) => ({ id, profile: null })), known: (id) => id.startsWith('l'), origin: HOST };
}

describe('group commands (the host is the only writer of the groups document)', () => {
  it('forms, moves, sets roles, renames, shares, removes — each learner always in one group at most', () => {
    const ctx = context();
    expect(applyGroupCommand(ctx, 'facilitator', { cmd: 'form-groups', mode: 'random', size: 2, seed: 3 })).toEqual({ ok: true });
    expect(Object.keys(readGroups(ctx.groups))).toEqual(['team-1', 'team-2']);
    expect(applyGroupCommand(ctx, 'facilitator', { cmd: 'move-learner', learnerId: 'l1', teamId: 'team-2' })).toEqual({ ok: true });
    expect(applyGroupCommand(ctx, 'facilitator', { cmd: 'set-role', teamId: 'team-2', learnerId: 'l1', role: 'ml-lead' })).toEqual({ ok: true });
    applyGroupCommand(ctx, 'facilitator', { cmd: 'update-group', teamId: 'team-2', name: 'Blue', shared: true, caseId: 'fraud-detection' });
    expect(readGroups(ctx.groups)['team-2']).toMatchObject({ name: 'Blue', shared: true, caseId: 'fraud-detection', roles: { l1: 'ml-lead' } });
    applyGroupCommand(ctx, 'facilitator', { cmd: 'move-learner', learnerId: 'l1', teamId: 'team-1' });
    const groups = readGroups(ctx.groups);
    expect(groups['team-2']!.roles).toEqual({}); // the role stays with the group the learner left
    for (const id of ['l1', 'l2', 'l3', 'l4']) expect(Object.values(groups).filter((g) => g.members.includes(id))).toHaveLength(1);
    expect(applyGroupCommand(ctx, 'facilitator', { cmd: 'move-learner', learnerId: 'l1', teamId: 'team-9' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(applyGroupCommand(ctx, 'facilitator', { cmd: 'move-learner', learnerId: 'x-stranger', teamId: 'team-1' })).toMatchObject({ ok: false });
    applyGroupCommand(ctx, 'facilitator', { cmd: 'remove-group', teamId: 'team-2' });
    expect(Object.keys(readGroups(ctx.groups))).toEqual(['team-1']);
  });

  it('copies groups saved in the session document once, and never brings removed ones back', () => {
    const session = new Y.Doc();
    session.getMap('groups').set('team-1', { id: 'team-1', name: 'Old', members: ['l1'], roles: {} });
    const groups = new Y.Doc();
    migrateGroups(session, groups, HOST);
    expect(readGroups(groups)['team-1']).toMatchObject({ name: 'Old', members: ['l1'] });
    applyGroupCommand(context(groups), 'facilitator', { cmd: 'remove-group', teamId: 'team-1' });
    migrateGroups(session, groups, HOST);
    expect(readGroups(groups)).toEqual({});
  });
});
