/**
 * The console's hand and role commands on a real host: the facilitator lowers a learner's raised hand
 * (`lower-hand`) and gives the lesson's roles to the members without one (`give-roles`, per team or for every team);
 * a learner can do neither (refused with `forbidden`), and a team's own pick is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../shared/room/groups';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';

describe('console commands: hands and bulk roles', () => {
  let host: HostProcess;
  const clients: RoomClient[] = [];
  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Console'] });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  const join = async (names: string[]) => {
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const learners = names.map((name) => connectClient(host.url, room, { name, profile: 'new-to-ml' }));
    clients.push(facilitator, ...learners);
    await Promise.all([facilitator, ...learners].map((c) => online(c)));
    return { facilitator, learners };
  };
  const hand = (c: RoomClient, id: string) =>
    (c.doc('roster').getMap('participants').toJSON() as Record<string, { hand?: boolean }>)[id]?.hand;

  it('the facilitator lowers a raised hand; a learner cannot lower another learner’s', async () => {
    const { facilitator, learners } = await join(['Ada', 'Bo']);
    const [ada, bo] = learners as [RoomClient, RoomClient];
    const adaId = ada.welcome!.learnerId;
    await facilitator.whenSynced('roster');
    await bo.whenSynced('roster');
    ada.command('hand-up', { cmd: 'raise-hand', raised: true });
    await waitFor(() => hand(facilitator, adaId) === true, 'the console sees the raised hand');

    bo.command('bo-lowers', { cmd: 'lower-hand', learnerId: adaId });
    await waitFor(() => bo.rejections.some((r) => r.id === 'bo-lowers'), 'a learner lowering a hand is refused');
    expect(bo.rejections.find((r) => r.id === 'bo-lowers')).toMatchObject({ reason: 'forbidden' });
    expect(hand(facilitator, adaId)).toBe(true);

    facilitator.command('lower-ada', { cmd: 'lower-hand', learnerId: adaId });
    await waitFor(() => hand(ada, adaId) === false, 'the learner sees the hand lowered');
    await waitFor(() => facilitator.pendingCount === 0, 'acknowledged');

    facilitator.command('lower-nobody', { cmd: 'lower-hand', learnerId: 'nobody-here' });
    await waitFor(() => facilitator.rejections.some((r) => r.id === 'lower-nobody'), 'an unknown learner is refused');
    expect(facilitator.rejections.find((r) => r.id === 'lower-nobody')).toMatchObject({ reason: 'malformed' });
  });

  it('gives the lesson’s roles round-robin to members without one, per team and for all; learners may not', async () => {
    const { facilitator, learners } = await join(['Cy', 'Dee', 'Eli', 'Fox', 'Gil']);
    const ids = learners.map((l) => l.welcome!.learnerId);
    await placeGroups(facilitator, [
      { id: 'team-1', name: 'Team 1', members: ids.slice(0, 3) },
      { id: 'team-2', name: 'Team 2', members: ids.slice(3) },
    ]);
    const groupsOf = (c: RoomClient) => c.doc('groups').getMap('groups').toJSON() as Record<string, Group>;
    const roles = ['ml-lead', 'platform', 'data'];

    // Dee picked a role with her team: kept, and the others get the roles nobody in the team holds.
    const dee = learners[1]!;
    await dee.whenSynced('team/team-1/roles');
    dee.doc('team/team-1/roles').getMap('roles').set(ids[1]!, 'ml-lead');
    await waitFor(() => dee.pendingCount === 0, 'the pick is saved');

    const cy = learners[0]!;
    cy.command('cy-roles', { cmd: 'give-roles', teamId: 'team-1', roles });
    await waitFor(() => cy.rejections.some((r) => r.id === 'cy-roles'), 'a learner giving roles is refused');
    expect(cy.rejections.find((r) => r.id === 'cy-roles')).toMatchObject({ reason: 'forbidden' });

    facilitator.command('roles-team-1', { cmd: 'give-roles', teamId: 'team-1', roles });
    await waitFor(() => Object.keys(groupsOf(cy)['team-1']?.roles ?? {}).length === 2, 'team 1 given roles');
    expect(groupsOf(cy)['team-1']!.roles).toEqual({ [ids[0]!]: 'platform', [ids[2]!]: 'data' });
    expect(groupsOf(cy)['team-2']!.roles).toEqual({});

    facilitator.command('roles-all', { cmd: 'give-roles', teamId: null, roles });
    await waitFor(() => Object.keys(groupsOf(cy)['team-2']?.roles ?? {}).length === 2, 'every team given roles');
    expect(groupsOf(cy)['team-2']!.roles).toEqual({ [ids[3]!]: 'ml-lead', [ids[4]!]: 'platform' });
    expect(groupsOf(cy)['team-1']!.roles).toEqual({ [ids[0]!]: 'platform', [ids[2]!]: 'data' });

    facilitator.command('roles-gone', { cmd: 'give-roles', teamId: 'team-9', roles });
    await waitFor(() => facilitator.rejections.some((r) => r.id === 'roles-gone'), 'a missing team is refused');
    expect(facilitator.rejections.find((r) => r.id === 'roles-gone')).toMatchObject({ reason: 'malformed' });
  });
});
