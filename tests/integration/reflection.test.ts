/**
 * Reflection on a real host (issue 13, point 4): journals are private to their learner; exit tickets are commands the
 * host aggregates for the facilitator without any learner id, one per learner (a resend replaces it); the
 * facilitator's own documents (observations, reflection) and the aggregate refuse learners.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomClient } from '../../shared/sync/roomClient';
import type { ExitTicketAggregate } from '../../shared/room/exitTicket';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, waitFor } from '../helpers/roomClients';

describe('reflection in the room', () => {
  let host: HostProcess;
  let room: string;
  let facilitator: RoomClient;
  const clients: RoomClient[] = [];
  const connect = (options: Parameters<typeof connectClient>[2] = {}) => {
    const c = connectClient(host.url, room, options);
    clients.push(c);
    return c;
  };
  const refused = (c: RoomClient, doc: string) => waitFor(() => c.rejections.some((r) => r.doc === doc && r.reason === 'forbidden'), `${doc} refused`, 8000);

  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Reflection'] });
    room = host.line.room as string;
    facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    clients.push(facilitator);
    await online(facilitator);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it("keeps a journal on the host for its learner, and refuses another learner's read", async () => {
    const ana = connect({ name: 'Ana' });
    const ben = connect({ name: 'Ben' });
    await Promise.all([online(ana), online(ben)]);
    const journal = `learner/${ana.welcome!.learnerId}/journal`;
    ana.doc(journal).getMap('answers').set('evaluate:0', 'Version our training data');
    await waitFor(() => ana.pendingCount === 0, 'journal saved on the host');
    expect(ana.rejections).toEqual([]);
    // Ana on a fresh device (her rejoin code) gets it back from the host.
    const tablet = connect({ rejoinCode: ana.welcome!.rejoinCode! });
    ana.close();
    await online(tablet);
    await tablet.whenSynced(journal);
    expect(tablet.doc(journal).getMap('answers').get('evaluate:0')).toBe('Version our training data');
    // Ben asks for it: refused, and nothing of it arrives.
    ben.doc(journal);
    await refused(ben, journal);
    expect(ben.doc(journal).getMap('answers').size).toBe(0);
    // The facilitator cannot read a private journal either.
    facilitator.doc(journal);
    await refused(facilitator, journal);
  });

  it('aggregates exit tickets for the facilitator only, one per learner, with no learner id anywhere', async () => {
    const learners = [connect({ name: 'Cem' }), connect({ name: 'Dee' }), connect({ name: 'Eli' })];
    await Promise.all(learners.map((c) => online(c)));
    const [cem, dee, eli] = learners as [RoomClient, RoomClient, RoomClient];
    cem.command('exit-cem-1', { cmd: 'exit-ticket', change: 'Add a data validation gate', question: 'Who pays for the platform?', before: 2, after: 4 });
    dee.command('exit-dee-1', { cmd: 'exit-ticket', change: 'Monitor input drift', question: '', before: 3, after: 3 });
    eli.command('exit-eli-1', { cmd: 'exit-ticket', change: 'First draft', question: 'First question', before: 1, after: 1 });
    // Eli changes their mind: the second ticket replaces the first.
    eli.command('exit-eli-2', { cmd: 'exit-ticket', change: 'Register every model', question: 'How small can we start?', before: 1, after: 5 });
    await Promise.all(learners.map((c) => waitFor(() => c.pendingCount === 0, 'ticket acknowledged')));
    for (const c of learners) expect(c.rejections).toEqual([]);

    await facilitator.whenSynced('exit-tickets');
    await waitFor(() => (facilitator.doc('exit-tickets').getMap('exit').get('summary') as ExitTicketAggregate | undefined)?.count === 3 && facilitator.pendingCount === 0, 'aggregate of three', 8000);
    await waitFor(() => ((facilitator.doc('exit-tickets').getMap('exit').get('summary') as ExitTicketAggregate).changes ?? []).includes('Register every model'), 'the resend replaces', 8000);
    const summary = facilitator.doc('exit-tickets').getMap('exit').get('summary') as ExitTicketAggregate;
    expect(summary).toMatchObject({
      count: 3,
      before: [1, 1, 1, 0, 0],
      after: [0, 0, 1, 1, 1],
      meanBefore: 2,
      meanAfter: 4,
      meanShift: 2,
      changes: ['Add a data validation gate', 'Monitor input drift', 'Register every model'],
      questions: ['How small can we start?', 'Who pays for the platform?'],
    });
    const text = JSON.stringify(facilitator.doc('exit-tickets').toJSON());
    for (const c of learners) {
      expect(text).not.toContain(c.welcome!.learnerId);
      expect(text).not.toContain(['Cem', 'Dee', 'Eli'][learners.indexOf(c)]);
    }
    expect(text).not.toContain('First draft');

    // Learners cannot read the aggregate, cannot write it, and cannot reach the raw answers at all.
    cem.doc('exit-tickets');
    await refused(cem, 'exit-tickets');
    expect(cem.doc('exit-tickets').getMap('exit').size).toBe(0);
    cem.doc('exit-tickets-private');
    await waitFor(() => cem.rejections.some((r) => r.reason === 'malformed' && r.message.startsWith('subscribe: doc')), 'raw answers are no document', 8000);
    expect(cem.doc('exit-tickets-private').getMap('tickets').size).toBe(0);
    // Out of range is refused by the protocol, with a reason.
    dee.command('exit-dee-bad', { cmd: 'exit-ticket', change: '', question: '', before: 0, after: 9 } as never);
    await waitFor(() => dee.rejections.some((r) => r.reason === 'malformed' && r.message.includes('command.before')), 'bad ticket refused', 8000);
  });

  it("keeps the facilitator's observations and reflection from learners", async () => {
    const fay = connect({ name: 'Fay' });
    await online(fay);
    facilitator.doc('facilitator/observations').getMap('notes').set('elaborate:team-a', { tags: ['Whole team contributes'], text: 'Fay led the rollback plan' });
    facilitator.doc('facilitator/reflection').getMap('answers').set('0', 'Mixed groups worked');
    await waitFor(() => facilitator.pendingCount === 0, 'notes saved');
    expect(facilitator.rejections.filter((r) => r.doc?.startsWith('facilitator/'))).toEqual([]);
    for (const doc of ['facilitator/observations', 'facilitator/reflection']) {
      fay.doc(doc);
      await refused(fay, doc);
      expect(JSON.stringify(fay.doc(doc).toJSON())).not.toContain('Fay led');
    }
    // Writing is refused too: a learner's edit never reaches the facilitator's copy.
    fay.doc('facilitator/reflection').getMap('answers').set('0', 'overwritten by a learner');
    await waitFor(() => fay.rejections.filter((r) => r.doc === 'facilitator/reflection').length >= 2, 'write refused');
    expect(facilitator.doc('facilitator/reflection').getMap('answers').get('0')).toBe('Mixed groups worked');
  });
});
