/**
 * What the room must not leak, on a real host (issue 12, failures 5 and 6, and quiz answers before reveal):
 * - anonymous questions and upvotes: the all-readable `qa` document carries counts, never learner ids;
 * - backgrounds: not in the all-readable roster; the facilitator reads them in `backgrounds`, learners cannot;
 * - rejoin codes: single-use, a wrong one closes the socket and counts against the address like a wrong room code,
 *   and while the learner's device is connected the move waits for its consent;
 * - quiz answers: not in `/content/pack.json` (the facilitator gets them from `/content/answers.json` with the host
 *   key), not readable by learners in the room until the results are revealed (the tally carries them).
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol/protocol';
import type { RoomClient } from '../../shared/sync/roomClient';
import { MemoryStorage } from '../../shared/sync/storage';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, waitFor, wsUrl } from '../helpers/roomClients';

describe('privacy in the room', () => {
  let host: HostProcess;
  let room: string;
  let key: string;
  let facilitator: RoomClient;
  const clients: RoomClient[] = [];
  const connect = (options: Parameters<typeof connectClient>[2] = {}) => {
    const c = connectClient(host.url, room, options);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Privacy'] });
    room = host.line.room as string;
    key = hostKeyOf(host.line.facilitatorUrl as string);
    facilitator = connectClient(host.url, room, { secret: key });
    clients.push(facilitator);
    await online(facilitator);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('publishes questions and upvotes as counts only, and keeps backgrounds for the facilitator', async () => {
    const asker = connect({ name: 'Ana', profile: 'data-scientist' });
    const fan = connect({ name: 'Ben', profile: 'devops-sre' });
    const reader = connect({ name: 'Cem', profile: 'new-to-ml' });
    await Promise.all([asker, fan, reader].map((c) => online(c)));
    asker.command('ask-anon', { cmd: 'ask', questionId: 'anon-question', text: 'Is this really anonymous?', anonymous: true });
    await waitFor(() => asker.pendingCount === 0, 'asked');
    await fan.whenSynced('qa'); // the upvote must not overtake the question (it would be refused: no such question)
    await waitFor(() => fan.doc('qa').getMap('questions').has('anon-question'), 'Ben sees the question');
    fan.command('up-anon', { cmd: 'upvote', questionId: 'anon-question', up: true });
    await waitFor(() => fan.pendingCount === 0, 'upvoted');
    expect(fan.rejections).toEqual([]);
    await reader.whenSynced('qa');
    await waitFor(() => (reader.doc('qa').getMap('questions').get('anon-question') as { votes?: number } | undefined)?.votes === 1, 'the count arrives');
    const qa = JSON.stringify(reader.doc('qa').toJSON());
    for (const who of [asker, fan]) expect(qa).not.toContain(who.welcome!.learnerId);
    expect(reader.doc('qa').getMap('questions').get('anon-question')).toMatchObject({ name: null, votes: 1, text: 'Is this really anonymous?' });
    // Upvoting twice still counts once (the host keeps who upvoted), and taking it back counts down.
    fan.command('up-anon-2', { cmd: 'upvote', questionId: 'anon-question', up: true });
    fan.command('down-anon', { cmd: 'upvote', questionId: 'anon-question', up: false });
    await waitFor(() => (reader.doc('qa').getMap('questions').get('anon-question') as { votes?: number }).votes === 0, 'upvote taken back');

    // Backgrounds: not in the roster anyone reads; the facilitator has them; a learner cannot subscribe.
    await reader.whenSynced('roster');
    await waitFor(() => Object.keys((reader.doc('roster').getMap('participants').toJSON() as object) ?? {}).includes(asker.welcome!.learnerId), 'roster lists Ana');
    const roster = JSON.stringify(reader.doc('roster').toJSON());
    for (const profile of ['data-scientist', 'devops-sre', 'new-to-ml']) expect(roster).not.toContain(profile);
    await facilitator.whenSynced('backgrounds');
    await waitFor(() => facilitator.doc('backgrounds').getMap('profiles').get(asker.welcome!.learnerId) === 'data-scientist', 'facilitator reads backgrounds');
    reader.doc('backgrounds');
    await waitFor(() => reader.rejections.some((r) => r.doc === 'backgrounds' && r.reason === 'forbidden'), 'learner refused backgrounds');
  });

  /** A raw hello with a rejoin code on its own socket: the host's answers, and whether it closed the socket. */
  const rawRejoin = (rejoinCode: string) =>
    new Promise<{ messages: { type: string; reason?: string }[]; closedWith: number }>((resolve, reject) => {
      const ws = new WebSocket(wsUrl(host.url));
      const messages: { type: string; reason?: string }[] = [];
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room, rejoinCode })));
      ws.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
      ws.on('close', (code) => resolve({ messages, closedWith: code }));
      ws.on('error', reject);
    });

  it('makes rejoin codes single-use and asks the device in use before moving the identity', async () => {
    const storage = new MemoryStorage();
    const owner = connect({ name: 'Dora', storage });
    await online(owner);
    const journal = `learner/${owner.welcome!.learnerId}/journal`;
    owner.doc(journal).getText('t').insert(0, 'private');
    await waitFor(() => owner.pendingCount === 0, 'journal saved');
    const code = owner.welcome!.rejoinCode!;

    // Someone who photographed the code: Dora's device is asked, says no; the thief gets nothing.
    owner.on('move-request', (requestId) => owner.answerMoveRequest(requestId, false));
    const thief = connect({ rejoinCode: code });
    await waitFor(() => thief.status === 'refused', 'thief refused');
    expect(thief.lastError?.reason).toBe('move-declined');
    expect(thief.welcome).toBeNull();
    expect(owner.status).toBe('online');

    // Dora herself moves to a tablet, and says yes on the laptop: the move happens, with a fresh code.
    const answers: string[] = [];
    const laptop = connect({ storage });
    await online(laptop);
    laptop.on('move-request', (requestId) => {
      answers.push(requestId);
      laptop.answerMoveRequest(requestId, true);
    });
    owner.close();
    const tablet = connect({ rejoinCode: code });
    await online(tablet);
    expect(answers).toHaveLength(1);
    expect(tablet.welcome!.learnerId).toBe(owner.welcome!.learnerId);
    expect(tablet.welcome!.rejoinCode).not.toBe(code);
    await waitFor(() => laptop.status === 'moved', 'laptop told it moved');
    await tablet.whenSynced(journal);
    expect(tablet.doc(journal).getText('t').toString()).toBe('private');

    // The code is used up.
    const reuse = await rawRejoin(code);
    expect(reuse.messages.map((m) => m.reason)).toEqual(['bad-token']);

    // With the device in use gone, the new code moves the identity without asking.
    tablet.close();
    const phone = connect({ rejoinCode: tablet.welcome!.rejoinCode! });
    await online(phone);
    expect(phone.welcome!.learnerId).toBe(owner.welcome!.learnerId);
  });

  it('holds quiz answers back: not in pack.json, facilitator-only before reveal, published with the results', async () => {
    const pack = (await (await fetch(new URL('content/pack.json', host.url))).json()) as { pack: { polls: { polls: Record<string, unknown>[] }[] } };
    const polls = pack.pack.polls.flatMap((b) => b.polls);
    expect(polls.some((p) => p.kind === 'quiz')).toBe(true);
    expect(polls.filter((p) => 'correct' in p || 'explanation' in p)).toEqual([]);
    expect((await fetch(new URL('content/answers.json', host.url))).status).toBe(401);
    const answers = (await (await fetch(new URL('content/answers.json', host.url), { headers: { Authorization: `Bearer ${key}` } })).json()) as Record<string, { correct?: string[] }>;
    const quiz = polls.find((p) => p.kind === 'quiz')!;
    expect(answers[quiz.id as string]?.correct?.length).toBeGreaterThan(0);

    // The console opens the quiz without its answer in the session, and keeps the answer in poll/<id>/key.
    const pollId = quiz.id as string;
    const correct = answers[pollId]!.correct!;
    facilitator.doc(`poll/${pollId}/key`).getMap('key').set('correct', correct);
    facilitator.doc('session').getMap('polls').set(pollId, { def: quiz, status: 'open', revealed: false, anonymous: true });
    await waitFor(() => facilitator.pendingCount === 0, 'quiz opened');
    const learner = connect({ name: 'Quizzer' });
    await online(learner);
    learner.doc(`poll/${pollId}/key`);
    await waitFor(() => learner.rejections.some((r) => r.doc === `poll/${pollId}/key` && r.reason === 'forbidden'), 'learner cannot read the key');
    learner.command('quiz-vote', { cmd: 'vote', pollId, answer: { choices: [correct[0]!] } });
    await waitFor(() => learner.pendingCount === 0, 'voted');
    const tallyDoc = `poll/${pollId}/tally`;
    await facilitator.whenSynced(tallyDoc);
    await waitFor(() => facilitator.doc(tallyDoc).getMap('tally').get('answer') !== undefined, 'the tally carries the answer');
    expect(facilitator.doc(tallyDoc).getMap('tally').toJSON()).toMatchObject({ answer: correct, result: { correct: 1 } });
    facilitator.doc('session').getMap('polls').set(pollId, { def: quiz, status: 'closed', revealed: true, anonymous: true });
    await learner.whenSynced(tallyDoc);
    expect(learner.doc(tallyDoc).getMap('tally').get('answer')).toEqual(correct);
  });

  // Last: it uses up this address's failed joins for a minute (any new hello from it is then refused).
  it('closes the socket on a wrong rejoin code and throttles guessing per address like room codes', async () => {
    const first = await rawRejoin('WRONG234');
    expect(first.messages.map((m) => m.reason)).toEqual(['bad-token']);
    expect(first.closedWith).toBe(4003);
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 25; i++) answers.push((await rawRejoin(`GUESS${String(i).padStart(3, '2')}`)).messages[0]?.reason);
    expect(answers).toContain('too-many-attempts');
    expect(answers.lastIndexOf('bad-token')).toBeLessThan(answers.indexOf('too-many-attempts'));
  });
});
