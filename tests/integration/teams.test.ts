/**
 * Team documents on a real host: the facilitator forms groups (commands to the host, which owns the `groups`
 * document); a team's documents are
 * readable and writable by that team and the facilitator only, until the facilitator shares them (read-only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formGroups, openGroups, type Group } from '../../shared/room/groups';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';

describe('team documents', () => {
  let host: HostProcess;
  const clients: RoomClient[] = [];
  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Teams'] });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('follow the groups the facilitator forms', async () => {
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const learners = ['Ada', 'Bo', 'Cy', 'Dee'].map((name, i) => connectClient(host.url, room, { name, profile: i % 2 ? 'devops-sre' : 'new-to-ml' }));
    clients.push(facilitator, ...learners);
    await Promise.all([facilitator, ...learners].map((c) => online(c)));
    const ids = learners.map((l) => l.welcome!.learnerId);
    const groups = formGroups(ids.map((id, i) => ({ id, profile: i % 2 ? 'devops-sre' : 'new-to-ml' })), 2, 'mixed', 5);
    await placeGroups(facilitator, groups);
    const [red, blue] = groups;
    const member = (team: typeof red, k: number) => learners[ids.indexOf(team!.members[k]!)]!;

    const teamDoc = `team/${red!.id}/notes`;
    member(red, 0).doc(teamDoc).getText('t').insert(0, 'our strategy');
    await waitFor(() => member(red, 0).pendingCount === 0, 'team member writes');
    await member(red, 1).whenSynced(teamDoc);
    expect(member(red, 1).doc(teamDoc).getText('t').toString()).toBe('our strategy');
    await facilitator.whenSynced(teamDoc);
    expect(facilitator.doc(teamDoc).getText('t').toString()).toBe('our strategy');

    const outsider = member(blue, 0);
    outsider.doc(teamDoc);
    await waitFor(() => outsider.rejections.some((r) => r.doc === teamDoc && r.reason === 'forbidden'), 'other team refused');
    expect(outsider.doc(teamDoc).getText('t').toString()).toBe('');

    facilitator.command('share-red', { cmd: 'update-group', teamId: red!.id, shared: true });
    await waitFor(() => facilitator.pendingCount === 0, 'shared');
    const viewer = connectClient(host.url, room, { name: 'Viewer' });
    clients.push(viewer);
    await viewer.whenSynced(teamDoc);
    expect(viewer.doc(teamDoc).getText('t').toString()).toBe('our strategy');
    viewer.doc(teamDoc).getText('t').insert(0, 'vandal ');
    await waitFor(() => viewer.rejections.some((r) => r.doc === teamDoc && r.reason === 'forbidden'), 'shared is read-only');
  });

  it('lets learners choose their group: the host takes them in order, refuses a full group, and team access follows', async () => {
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const learners = ['Eve', 'Fay', 'Gus'].map((name) => connectClient(host.url, room, { name, profile: 'new-to-ml' }));
    clients.push(facilitator, ...learners);
    await Promise.all([facilitator, ...learners].map((c) => online(c)));
    await placeGroups(facilitator, openGroups(3, 1)); // three open groups of capacity 2
    const [eve, fay, gus] = learners as [RoomClient, RoomClient, RoomClient];
    const groupsOf = (c: RoomClient) => c.doc('groups').getMap('groups').toJSON() as Record<string, Group>;
    await waitFor(() => Object.keys(groupsOf(gus)).length === 3, 'learners see the open groups');

    // Eve and Fay take team-1's two places; Gus asks last and is refused with a reason, then picks team-2.
    eve.command('c-eve', { cmd: 'choose-group', teamId: 'team-1' });
    fay.command('c-fay', { cmd: 'choose-group', teamId: 'team-1' });
    await waitFor(() => groupsOf(gus)['team-1']?.members.length === 2, 'two joined team-1');
    expect(eve.rejections.filter((r) => r.id === 'c-eve' || r.id === 'c-fay')).toEqual([]);
    expect(fay.rejections).toEqual([]);
    gus.command('c-gus', { cmd: 'choose-group', teamId: 'team-1' });
    await waitFor(() => gus.rejections.some((r) => r.id === 'c-gus'), 'full group refused');
    expect(gus.rejections.find((r) => r.id === 'c-gus')).toMatchObject({ reason: 'forbidden', message: 'Team 1 is full (2): choose another group' });
    gus.command('c-gus-2', { cmd: 'choose-group', teamId: 'team-2' });
    await waitFor(() => groupsOf(facilitator)['team-2']?.members.includes(gus.welcome!.learnerId) === true, 'gus joined team-2');
    expect(groupsOf(facilitator)['team-1']!.members.sort()).toEqual([eve.welcome!.learnerId, fay.welcome!.learnerId].sort());

    // Access follows the choice: Eve writes team-1's notes, Gus cannot read them.
    eve.doc('team/team-1/notes').getText('t').insert(0, 'chosen');
    await waitFor(() => eve.pendingCount === 0, 'eve writes her team doc');
    gus.doc('team/team-1/notes');
    await waitFor(() => gus.rejections.some((r) => r.doc === 'team/team-1/notes' && r.reason === 'forbidden'), 'gus refused');

    // Once the facilitator closes choosing, nobody moves themselves.
    facilitator.command('close-choosing', { cmd: 'close-choosing' });
    await waitFor(() => facilitator.pendingCount === 0, 'closed');
    await waitFor(() => groupsOf(eve)['team-1']?.open === false, 'eve sees it closed');
    eve.command('c-eve-2', { cmd: 'choose-group', teamId: 'team-3' });
    await waitFor(() => eve.rejections.some((r) => r.id === 'c-eve-2'), 'closed group refused');
    expect(eve.rejections.find((r) => r.id === 'c-eve-2')!.message).toBe('Team 3 is closed: the facilitator places people in it');
  });
});
