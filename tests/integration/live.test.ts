/**
 * Live interaction on a real host: polls (open, vote, change vote, close, reveal), Q&A (ask, upvote, moderate),
 * and the host enforcing who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomClient } from '../../shared/sync/roomClient';
import type { Tally } from '../../shared/room/pollTally';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { MemoryStorage } from '../../shared/sync/storage';
import { connectClient, hostKeyOf, online, waitFor } from '../helpers/roomClients';

describe('polls and Q&A', () => {
  let host: HostProcess;
  let room: string;
  let facilitator: RoomClient;
  const clients: RoomClient[] = [];
  const quiz = {
    id: 'explain-q-drift',
    kind: 'quiz' as const,
    prompt: 'Which is concept drift?',
    options: [
      { id: 'a', label: 'Inputs change' },
      { id: 'b', label: 'The input–output relation changes' },
    ],
    correct: ['b'],
  };
  const setPoll = (fields: Record<string, unknown>) => {
    const polls = facilitator.doc('session').getMap('polls');
    polls.set(quiz.id, { def: quiz, status: 'open', revealed: false, anonymous: true, ...((polls.get(quiz.id) as object) ?? {}), ...fields });
  };
  const tallyOf = (c: RoomClient) => c.doc(`poll/${quiz.id}/tally`).getMap('tally').get('result') as Tally | undefined;

  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Live room'] });
    room = host.line.room as string;
    facilitator = connectClient(host.url, room, { secret: hostKeyOf(host.line.facilitatorUrl as string) });
    clients.push(facilitator);
    await facilitator.whenSynced('session');
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('tallies 20 learners exactly, with changed votes, and hides results until revealed', async () => {
    setPoll({});
    await waitFor(() => facilitator.pendingCount === 0, 'poll opened');
    const learners = Array.from({ length: 20 }, (_, i) => connectClient(host.url, room, { name: `Voter ${i}` }));
    clients.push(...learners);
    await Promise.all(learners.map((l) => l.whenSynced('session')));
    learners.forEach((l, i) => l.command(`vote-${i}`, { cmd: 'vote', pollId: quiz.id, answer: { choices: [i < 12 ? 'b' : 'a'] } }));
    learners[0]!.command('vote-0-changed', { cmd: 'vote', pollId: quiz.id, answer: { choices: ['a'] } });
    await Promise.all(learners.map((l) => waitFor(() => l.pendingCount === 0, 'votes acknowledged')));
    await waitFor(() => tallyOf(facilitator)?.respondents === 20, 'facilitator sees 20 answers');
    expect(tallyOf(facilitator)).toMatchObject({ respondents: 20, counts: { a: 9, b: 11 }, correct: 11 });

    const peeker = learners[1]!;
    peeker.doc(`poll/${quiz.id}/tally`);
    await waitFor(() => peeker.rejections.some((r) => r.doc === `poll/${quiz.id}/tally` && r.reason === 'forbidden'), 'tally hidden before reveal');
    expect(tallyOf(peeker)).toBeUndefined();

    setPoll({ status: 'closed', revealed: true });
    await waitFor(() => facilitator.pendingCount === 0, 'poll closed and revealed');
    const late = connectClient(host.url, room, { name: 'Late voter' });
    clients.push(late);
    await late.whenSynced(`poll/${quiz.id}/tally`);
    expect(tallyOf(late)).toMatchObject({ respondents: 20, counts: { a: 9, b: 11 } });
    late.command('too-late', { cmd: 'vote', pollId: quiz.id, answer: { choices: ['b'] } });
    await waitFor(() => late.rejections.some((r) => r.id === 'too-late'), 'vote after close refused');
    expect(late.rejections.find((r) => r.id === 'too-late')?.message).toBe('this poll is closed');
  });

  it('refuses a learner who tries to close a poll or change the phase', async () => {
    const mallory = connectClient(host.url, room, { name: 'Mallory' });
    clients.push(mallory);
    await mallory.whenSynced('session');
    mallory.doc('session').getMap('polls').set(quiz.id, { def: quiz, status: 'closed', revealed: true, anonymous: true });
    mallory.doc('session').getMap('state').set('phase', 'evaluate');
    await waitFor(() => mallory.rejections.filter((r) => r.doc === 'session' && r.reason === 'forbidden').length >= 2, 'both refused');
    const bad = connectClient(host.url, room, { name: 'Bad voter' });
    clients.push(bad);
    await online(bad);
    bad.command('bad-answer', { cmd: 'vote', pollId: quiz.id, answer: { choices: ['zzz'] } });
    await waitFor(() => bad.rejections.some((r) => r.id === 'bad-answer'), 'invalid answer refused');
  });

  it('keeps a vote cast offline through a reload, and sends it once the room is back', async () => {
    const pollId = 'offline-poll';
    facilitator.doc('session').getMap('polls').set(pollId, { def: { ...quiz, id: pollId }, status: 'open', revealed: false, anonymous: true });
    await waitFor(() => facilitator.pendingCount === 0, 'poll opened');
    const storage = new MemoryStorage();
    const before = connectClient(host.url, room, { name: 'Offline voter', storage });
    await before.whenSynced('session');
    before.setNetworkAvailable(false);
    await waitFor(() => before.status === 'offline', 'offline');
    before.command('offline-vote', { cmd: 'vote', pollId, answer: { choices: ['b'] } });
    expect(before.pendingCount).toBe(1);
    before.close(); // the tab is closed or reloaded before the Wi-Fi comes back
    const tally = () => facilitator.doc(`poll/${pollId}/tally`).getMap('tally').get('result') as Tally | undefined;
    await facilitator.whenSynced(`poll/${pollId}/tally`);
    expect(tally()?.respondents ?? 0).toBe(0);

    const after = connectClient(host.url, room, { storage });
    after.setNetworkAvailable(false); // the page comes back while the Wi-Fi is still down
    clients.push(after);
    await waitFor(() => after.pendingCount === 1, 'the vote is still waiting on this device');
    after.setNetworkAvailable(true);
    await online(after);
    await waitFor(() => after.pendingCount === 0, 'the vote is acknowledged');
    await waitFor(() => tally()?.respondents === 1, 'the facilitator sees it');
    expect(tally()).toMatchObject({ counts: { b: 1 } });
    expect(await storage.loadCommands(room)).toEqual([]);
  });

  it('takes questions, counts upvotes once per learner, and lets only the facilitator moderate', async () => {
    const [asker, fan1, fan2] = Array.from({ length: 3 }, (_, i) => connectClient(host.url, room, { name: `QA ${i}` }));
    clients.push(asker!, fan1!, fan2!);
    await Promise.all([asker!, fan1!, fan2!].map((c) => c.whenSynced('qa')));
    asker!.command('ask-1', { cmd: 'ask', questionId: 'question-1', text: 'How do we label fraud fast enough?', anonymous: true });
    // Each reader is waited for: the question reaches every learner, but not at the same moment.
    await waitFor(() => [fan1!, fan2!].every((c) => c.doc('qa').getMap('questions').has('question-1')), 'question visible to both');
    const q = () => fan2!.doc('qa').getMap('questions').get('question-1') as { name: string | null; votes: number; hidden: boolean; text: string };
    expect(q().name).toBeNull();
    fan1!.command('up-1', { cmd: 'upvote', questionId: 'question-1', up: true });
    fan1!.command('up-2', { cmd: 'upvote', questionId: 'question-1', up: true });
    fan2!.command('up-3', { cmd: 'upvote', questionId: 'question-1', up: true });
    await waitFor(() => q()?.votes === 2, 'two upvotes');
    fan1!.command('mod-try', { cmd: 'moderate', questionId: 'question-1', action: 'hide' });
    await waitFor(() => fan1!.rejections.some((r) => r.id === 'mod-try' && r.reason === 'forbidden'), 'learner cannot moderate');
    facilitator.command('mod-1', { cmd: 'moderate', questionId: 'question-1', action: 'hide' });
    await waitFor(() => q()?.hidden === true, 'hidden');
    expect(q().text).toBe('');
    facilitator.command('mod-2', { cmd: 'moderate', questionId: 'question-1', action: 'unhide' });
    await waitFor(() => q()?.text === 'How do we label fraud fast enough?', 'restored');
  });
});
