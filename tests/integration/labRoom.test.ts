/**
 * The lab in a room, on a real host: a team's lab document (`team/<id>/lab`, the stamped actions) is one of the
 * room's documents, written by that team (teammates' appends merge) and refused to another team; the facilitator's
 * lab clock and incidents (the session document's `lab` entry) reach every learner, who cannot change them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomClient } from '../../shared/sync/roomClient';
import { roomTimeline } from '../../shared/lab/roomTimeline';
import { parseRoomLab } from '../../shared/room/roomLab';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';

describe('the lab in a room', () => {
  let host: HostProcess;
  const clients: RoomClient[] = [];
  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Lab'] });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it("a team appends to its own lab, teammates merge, another team is refused; the room's lab clock is the facilitator's", async () => {
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const [ann, ben, cat] = ['Ann', 'Ben', 'Cat'].map((name) => connectClient(host.url, room, { name, profile: 'new-to-ml' })) as [RoomClient, RoomClient, RoomClient];
    clients.push(facilitator, ann, ben, cat);
    await Promise.all([facilitator, ann, ben, cat].map((c) => online(c)));
    await placeGroups(facilitator, [
      { id: 'team-a', name: 'Team A', members: [ann.welcome!.learnerId, ben.welcome!.learnerId] },
      { id: 'team-b', name: 'Team B', members: [cat.welcome!.learnerId] },
    ]);

    // The facilitator opens the lab for the room and runs its clock; learners read it.
    facilitator.doc('session').getMap('state').set('lab', { scenarioId: 'fraud-paylark', seed: 3, day: 2, running: true, speedDaysPerMin: 10, tickAt: 0, incidents: [{ id: 'inc-1', day: 1, kind: 'prior', amount: 2 }], project: false });
    await waitFor(() => facilitator.pendingCount === 0, 'lab state written');
    await waitFor(() => parseRoomLab(cat.doc('session').getMap('state').get('lab')).day === 2, 'learners see the room day');
    cat.doc('session').getMap('state').set('lab', { day: 300 });
    await waitFor(() => cat.rejections.some((r) => r.doc === 'session' && r.reason === 'forbidden'), "a learner cannot move the room's lab clock");

    // Ann and Ben append at the same time; both see both entries, in the same order.
    const doc = 'team/team-a/lab';
    ann.doc(doc).getArray('entries').push([{ at: 0, action: { type: 'train' } }]);
    ben.doc(doc).getArray('entries').push([{ at: 1, action: { type: 'setLevel', level: 2 } }]);
    await waitFor(() => ann.pendingCount === 0 && ben.pendingCount === 0, 'team appends acknowledged');
    await waitFor(() => ann.doc(doc).getArray('entries').length === 2 && ben.doc(doc).getArray('entries').length === 2, 'teammates merge');
    expect(ann.doc(doc).getArray('entries').toJSON()).toEqual(ben.doc(doc).getArray('entries').toJSON());
    expect(ann.rejections.filter((r) => r.doc === doc)).toEqual([]);
    // Same entries + same incidents + same day → the same action list on both screens.
    const list = (c: RoomClient) => {
      const lab = parseRoomLab(c.doc('session').getMap('state').get('lab'));
      return roomTimeline(c.doc(doc).getArray('entries').toJSON(), lab.incidents, lab.day, lab.run);
    };
    for (const c of [ann, ben]) await waitFor(() => parseRoomLab(c.doc('session').getMap('state').get('lab')).day === 2, 'teammates see the day');
    expect(list(ann)).toEqual(list(ben));
    expect(list(ann)).toContainEqual({ type: 'inject', day: 1, kind: 'prior', amount: 2 });

    // The facilitator reads it (for the projector); team B cannot write (or read) it.
    await facilitator.whenSynced(doc);
    expect(facilitator.doc(doc).getArray('entries').length).toBe(2);
    cat.doc(doc).getArray('entries').push([{ at: 1, action: { type: 'rollback' } }]);
    await waitFor(() => cat.rejections.some((r) => r.doc === doc && r.reason === 'forbidden'), 'another team is refused');
    expect(cat.rejections.some((r) => r.doc === doc && r.reason === 'unknown-doc')).toBe(false);
    // Cat's own team lab is a room document: accepted, no refusal.
    cat.doc('team/team-b/lab').getArray('entries').push([{ at: 2, action: { type: 'train' } }]);
    await waitFor(() => cat.pendingCount === 0, "cat's own lab acknowledged");
    expect(cat.rejections.filter((r) => r.doc === 'team/team-b/lab')).toEqual([]);
    expect(ann.doc(doc).getArray('entries').length).toBe(2);
  });
});
