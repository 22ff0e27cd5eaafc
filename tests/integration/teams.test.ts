/**
 * Team documents on a real host: the facilitator forms groups in the session document; a team's documents are
 * readable and writable by that team and the facilitator only, until the facilitator shares them (read-only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formGroups } from '../../shared/room/groups';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, waitFor } from '../helpers/roomClients';

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
    facilitator.doc('session').transact(() => {
      for (const g of groups) facilitator.doc('session').getMap('groups').set(g.id, g);
    });
    await waitFor(() => facilitator.pendingCount === 0, 'groups saved');
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

    facilitator.doc('session').getMap('groups').set(red!.id, { ...red!, shared: true });
    await waitFor(() => facilitator.pendingCount === 0, 'shared');
    const viewer = connectClient(host.url, room, { name: 'Viewer' });
    clients.push(viewer);
    await viewer.whenSynced(teamDoc);
    expect(viewer.doc(teamDoc).getText('t').toString()).toBe('our strategy');
    viewer.doc(teamDoc).getText('t').insert(0, 'vandal ');
    await waitFor(() => viewer.rejections.some((r) => r.doc === teamDoc && r.reason === 'forbidden'), 'shared is read-only');
  });
});
