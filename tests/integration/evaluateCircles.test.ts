/**
 * Parallel pitch circles on a real host: six teams in circles of three, rounds start every circle's team at once,
 * a learner's score of a team of their circle is accepted, of a team outside it refused (forbidden, naming the teams
 * they score), of their own team refused; the facilitator scores any team; the tallies hold exactly the accepted
 * scores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomClient } from '../../shared/sync/roomClient';
import type { TeamTally } from '../../shared/room/rubricScores';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';

const rubric = {
  id: 'strategy-rubric',
  levels: [1, 2, 3, 4],
  criteria: [
    { id: 'fit', weight: 40 },
    { id: 'feasible', weight: 60 },
  ],
};
const TEAMS = ['t1', 't2', 't3', 't4', 't5', 't6'];

describe('parallel pitch circles', () => {
  let host: HostProcess;
  const clients: RoomClient[] = [];
  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Circles'] });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('forms circles, lets learners score only the teams of their circle, and tallies exactly what was accepted', async () => {
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const learners = TEAMS.map((t) => connectClient(host.url, room, { name: `L-${t}`, profile: 'new-to-ml' }));
    clients.push(facilitator, ...learners);
    await Promise.all([facilitator, ...learners].map((c) => online(c)));
    const [l1, l2, l3, l4, l5] = learners as [RoomClient, RoomClient, RoomClient, RoomClient, RoomClient, RoomClient];
    await placeGroups(
      facilitator,
      TEAMS.map((t, i) => ({ id: t, name: t.toUpperCase(), members: [learners[i]!.welcome!.learnerId] })),
    );
    let n = 0;
    const send = (c: RoomClient, command: Parameters<RoomClient['command']>[1]) => {
      const commandId = `circ-${++n}`;
      c.command(commandId, command);
      return commandId;
    };
    const settled = (c: RoomClient, what: string) => waitFor(() => c.pendingCount === 0, what);
    const refusal = async (c: RoomClient, id: string) => {
      await waitFor(() => c.rejections.some((r) => r.id === id), `refusal of ${id}`);
      return c.rejections.find((r) => r.id === id)!;
    };
    const state = (c: RoomClient) =>
      c.doc('evaluate').getMap('state').toJSON() as {
        circles?: { teamsPerCircle: number; circles: string[][] } | null;
        round?: { index: number; seconds: number } | null;
      };
    for (const l of learners) l.doc('evaluate');

    send(facilitator, { cmd: 'evaluate-queue', teams: TEAMS, rubric, seconds: 120 });
    send(facilitator, { cmd: 'evaluate-circles', teamsPerCircle: 3 });
    send(facilitator, { cmd: 'evaluate-next' }); // round 1: T1 and T4 pitch at once
    await settled(facilitator, 'circles on, round 1');
    await waitFor(() => learners.every((l) => state(l).round?.index === 0), 'everyone sees round 1');
    expect(state(l2).circles?.circles).toEqual([
      ['t1', 't2', 't3'],
      ['t4', 't5', 't6'],
    ]);

    // L2 (T2) scores T1, of its circle: accepted. T4 pitches in the other circle: refused, naming T2's teams.
    send(l2, { cmd: 'score', teamId: 't1', levels: { fit: 3, feasible: 2 }, strength: 'Clear owners' });
    send(l3, { cmd: 'score', teamId: 't1', levels: { fit: 4, feasible: 4 } });
    const outside = send(l2, { cmd: 'score', teamId: 't4', levels: { fit: 1, feasible: 1 } });
    expect(await refusal(l2, outside)).toMatchObject({
      reason: 'forbidden',
      message: expect.stringMatching(/your team scores T1 and T3 \(your circle\), not T4/),
    });
    const own = send(l1, { cmd: 'score', teamId: 't1', levels: { fit: 4, feasible: 4 } });
    expect(await refusal(l1, own)).toMatchObject({ reason: 'forbidden', message: expect.stringMatching(/your own team/) });
    send(l5, { cmd: 'score', teamId: 't4', levels: { fit: 2, feasible: 3 } });
    send(facilitator, { cmd: 'score', teamId: 't4', levels: { fit: 4, feasible: 3 } }); // the facilitator scores any team
    await Promise.all([l2, l3, l5, facilitator].map((c) => settled(c, 'round 1 scored')));

    // Round 2: T2 and T5; L4 (T4) scores T5, L1 tries T5 from the other circle.
    send(facilitator, { cmd: 'evaluate-next', seconds: 60 });
    await waitFor(() => learners.every((l) => state(l).round?.index === 1), 'everyone sees round 2');
    expect(state(l1).round?.seconds).toBe(60);
    send(l4, { cmd: 'score', teamId: 't5', levels: { fit: 1, feasible: 4 } });
    const across = send(l1, { cmd: 'score', teamId: 't5', levels: { fit: 4, feasible: 4 } });
    expect(await refusal(l1, across)).toMatchObject({ reason: 'forbidden', message: expect.stringMatching(/T2 and T3/) });
    await settled(l4, 'round 2 scored');

    const tallyOf = (team: string) => facilitator.doc(`evaluate/${team}/tally`).getMap('tally').get('result') as TeamTally | undefined;
    for (const t of ['t1', 't4', 't5']) await facilitator.whenSynced(`evaluate/${t}/tally`);
    await waitFor(() => tallyOf('t1')?.scorers === 2 && tallyOf('t4')?.scorers === 1 && tallyOf('t5')?.scorers === 1, 'tallies');
    expect(tallyOf('t1')!.criteria.map((c) => c.peer)).toEqual([
      [0, 0, 1, 1],
      [0, 1, 0, 1],
    ]);
    expect(tallyOf('t1')!.peerTotal).toBe((40 * 3.5) / 4 + (60 * 3) / 4); // 35 + 45
    expect(tallyOf('t4')!).toMatchObject({ peerTotal: (40 * 2) / 4 + (60 * 3) / 4, facilitatorTotal: 40 + 45 });
    expect(tallyOf('t4')!.criteria.map((c) => c.peer)).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ]);
    expect(tallyOf('t5')!.criteria.map((c) => c.peer)).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, 1],
    ]);

    // Back to one queue: the circle rule no longer applies (L1 scores T5, which has pitched).
    send(facilitator, { cmd: 'evaluate-circles', teamsPerCircle: null });
    await settled(facilitator, 'circles off');
    await waitFor(() => !state(l1).circles, 'circles off seen');
    send(l1, { cmd: 'score', teamId: 't5', levels: { fit: 4 } });
    await settled(l1, 'one-queue score');
    await waitFor(() => tallyOf('t5')?.scorers === 2, 'one-queue score tallied');
  }, 180_000);
});
