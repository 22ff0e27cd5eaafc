/**
 * The Evaluate phase on a real host: the facilitator runs the presentation queue for two teams, each learner scores
 * the other team (their own is refused by the host), the facilitator scores, and reveal opens the tallies (and each
 * team's strengths and questions, to that team only) to live subscriptions.
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
    { id: 'fit', weight: 25 },
    { id: 'practices', weight: 25 },
    { id: 'feasible', weight: 50 },
  ],
};

describe('rubric scoring and the presentation queue', () => {
  let host: HostProcess;
  const clients: RoomClient[] = [];
  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Evaluate'] });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('runs both teams, refuses scoring the own team, and reveals the right distributions and totals', async () => {
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    const learners = ['Ada', 'Bo', 'Cy', 'Dee'].map((name) => connectClient(host.url, room, { name, profile: 'new-to-ml' }));
    clients.push(facilitator, ...learners);
    await Promise.all([facilitator, ...learners].map((c) => online(c)));
    const [ada, bo, cy, dee] = learners as [RoomClient, RoomClient, RoomClient, RoomClient];
    const id = (c: RoomClient) => c.welcome!.learnerId;
    await placeGroups(facilitator, [
      { id: 'red', name: 'Red', members: [id(ada), id(bo)] },
      { id: 'blue', name: 'Blue', members: [id(cy), id(dee)] },
    ]);
    let n = 0;
    const send = (c: RoomClient, command: Parameters<RoomClient['command']>[1]) => {
      const commandId = `ev-${++n}`;
      c.command(commandId, command);
      return commandId;
    };
    const settled = (c: RoomClient, what: string) => waitFor(() => c.pendingCount === 0, what);
    const state = (c: RoomClient) =>
      c.doc('evaluate').getMap('state').toJSON() as {
        queue?: string[];
        current?: string | null;
        slot?: { teamId: string; seconds: number } | null;
      };

    // Learners follow the queue; tallies and feedback are closed to them until reveal (the screens open them once
    // revealed, as they do a poll's tally; a subscription live at a hide or a re-reveal is re-checked by the host).
    for (const l of learners) l.doc('evaluate');
    ada.doc('evaluate/red/tally');
    ada.doc('team/red/feedback');
    await waitFor(
      () =>
        ['evaluate/red/tally', 'team/red/feedback'].every((doc) => ada.rejections.some((r) => r.doc === doc && r.reason === 'forbidden')),
      'hidden before reveal',
    );

    send(facilitator, { cmd: 'evaluate-queue', teams: ['red', 'blue'], rubric, seconds: 120 });
    send(facilitator, { cmd: 'evaluate-next' });
    await settled(facilitator, 'queue started');
    await waitFor(() => learners.every((l) => state(l).current === 'red'), 'everyone sees Red presenting');
    expect(state(ada)).toMatchObject({ queue: ['red', 'blue'], slot: { teamId: 'red', seconds: 120 } });

    // Red presents: Blue scores it; Ada (Red) tries and is refused by the host.
    const own = send(ada, { cmd: 'score', teamId: 'red', levels: { fit: 4, practices: 4, feasible: 4 } });
    await waitFor(() => ada.rejections.some((r) => r.id === own), 'own team refused');
    expect(ada.rejections.find((r) => r.id === own)).toMatchObject({
      reason: 'forbidden',
      message: expect.stringMatching(/your own team/),
    });
    send(cy, {
      cmd: 'score',
      teamId: 'red',
      levels: { fit: 2, practices: 3, feasible: 4 },
      strength: 'Clear rollback',
      question: 'Who is on call?',
    });
    send(cy, { cmd: 'score', teamId: 'red', levels: { fit: 3 } }); // replaces Cy's first level for this criterion
    send(dee, { cmd: 'score', teamId: 'red', levels: { fit: 3, practices: 1, feasible: 2 }, strength: 'Good drift alerts' });
    send(facilitator, { cmd: 'score', teamId: 'red', levels: { fit: 4, practices: 3, feasible: 3 }, strength: 'Well argued' });
    await Promise.all([cy, dee, facilitator].map((c) => settled(c, 'red scored')));

    send(facilitator, { cmd: 'evaluate-next', seconds: 60 });
    await waitFor(() => learners.every((l) => state(l).current === 'blue'), 'everyone sees Blue presenting');
    send(ada, { cmd: 'score', teamId: 'blue', levels: { fit: 1, practices: 2, feasible: 3 }, question: 'What does it cost?' });
    send(bo, { cmd: 'score', teamId: 'blue', levels: { fit: 4, practices: 2, feasible: 3 } });
    const ownBlue = send(dee, { cmd: 'score', teamId: 'blue', levels: { fit: 4 } });
    await Promise.all([ada, bo].map((c) => settled(c, 'blue scored')));
    await waitFor(() => dee.rejections.some((r) => r.id === ownBlue && r.reason === 'forbidden'), 'own team refused (Blue)');
    send(facilitator, { cmd: 'evaluate-close', teamId: 'blue', closed: true });
    await settled(facilitator, 'blue closed');
    const late = send(bo, { cmd: 'score', teamId: 'blue', levels: { fit: 1 } });
    await waitFor(() => bo.rejections.some((r) => r.id === late), 'closed refused');
    expect(bo.rejections.find((r) => r.id === late)).toMatchObject({ reason: 'forbidden', message: expect.stringMatching(/has closed/) });

    // The facilitator sees the tallies before anyone else.
    const tallyOf = (c: RoomClient, team: string) => c.doc(`evaluate/${team}/tally`).getMap('tally').get('result') as TeamTally | undefined;
    await facilitator.whenSynced('evaluate/red/tally');
    await waitFor(() => tallyOf(facilitator, 'red')?.scorers === 2, 'facilitator sees the red tally');

    // Reveal: the learners' live subscriptions are opened by the host, with the exact tallies.
    const revealed = (c: RoomClient, team: string) =>
      (c.doc('evaluate').getMap('teams').get(team) as { revealed?: boolean } | undefined)?.revealed === true;
    const others = [bo, cy, dee];
    send(facilitator, { cmd: 'evaluate-reveal', teamId: 'red', revealed: true });
    await waitFor(() => others.every((l) => revealed(l, 'red')), 'reveal seen');
    for (const l of others) l.doc('evaluate/red/tally');
    await waitFor(() => others.every((l) => tallyOf(l, 'red')?.scorers === 2), 'red tally readable by everyone');
    const red = tallyOf(bo, 'red')!;
    expect(red.criteria.map((c) => c.peer)).toEqual([
      [0, 0, 2, 0],
      [1, 0, 1, 0],
      [0, 1, 0, 1],
    ]);
    expect(red.criteria.map((c) => c.facilitator)).toEqual([4, 3, 3]);
    expect(red.peerTotal).toBe((25 * 3) / 4 + (25 * 2) / 4 + (50 * 3) / 4); // 68.75
    expect(red.facilitatorTotal).toBe(25 + 18.75 + 37.5);

    // Red's feedback reaches Red (once revealed), never Blue.
    const items = (c: RoomClient) =>
      Object.values(c.doc('team/red/feedback').getMap('items').toJSON()) as { from: string; strength: string; question: string }[];
    cy.doc('team/red/feedback');
    await waitFor(() => items(bo).length === 3, 'red reads its feedback');
    expect(
      items(bo)
        .map((i) => i.strength)
        .sort(),
    ).toEqual(['Clear rollback', 'Good drift alerts', 'Well argued']);
    expect(items(bo).find((i) => i.strength === 'Clear rollback')).toEqual({
      from: 'peer',
      strength: 'Clear rollback',
      question: 'Who is on call?',
    });
    expect(JSON.stringify(items(bo))).not.toContain(id(cy)); // without its author
    await waitFor(
      () => cy.rejections.some((r) => r.doc === 'team/red/feedback' && r.reason === 'forbidden'),
      'other team refused the feedback',
    );
    expect(items(cy)).toEqual([]);
    expect(cy.rejections.filter((r) => r.doc === 'team/red/feedback').every((r) => r.reason === 'forbidden')).toBe(true);

    // Blue stays hidden until its own reveal, then shows its exact tally; hiding Red again closes it.
    expect(tallyOf(ada, 'blue')).toBeUndefined();
    send(facilitator, { cmd: 'evaluate-reveal', teamId: 'blue', revealed: true });
    await waitFor(() => learners.every((l) => revealed(l, 'blue')), 'blue reveal seen');
    for (const l of learners) l.doc('evaluate/blue/tally');
    await waitFor(() => learners.every((l) => tallyOf(l, 'blue')?.scorers === 2), 'blue tally readable by everyone');
    expect(tallyOf(cy, 'blue')!.criteria.map((c) => c.peer)).toEqual([
      [1, 0, 0, 1],
      [0, 2, 0, 0],
      [0, 0, 2, 0],
    ]);
    expect(tallyOf(cy, 'blue')!).toMatchObject({ peerTotal: 65.63 /* 15.625 + 12.5 + 37.5, to two decimals */, facilitatorTotal: null });

    const before = dee.rejections.length;
    send(facilitator, { cmd: 'evaluate-reveal', teamId: 'red', revealed: false });
    await waitFor(
      () => dee.rejections.slice(before).some((r) => r.doc === 'evaluate/red/tally' && r.reason === 'forbidden'),
      'hiding closes the live subscription',
    );
  }, 180_000);
});
