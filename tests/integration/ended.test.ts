/**
 * After a session ends, against a real host process: every write is refused with the `session-ended` reason and a
 * message that says so, and nothing changes (checked in the host's own export of the session); the one exception is
 * the facilitator's reflection (`facilitator/reflection`), which the plan asks for after the session — the
 * facilitator's other documents stay closed. A learner who was in the session comes back and reads their work
 * (their journal, their team's notes) from the host; a newcomer is refused. An archive imported as a past session
 * is joined by the facilitator by its room code (the host loads it from disk) and its documents read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeArchive } from '../../shared/report/archive';
import type { RoomClient } from '../../shared/sync/roomClient';
import { MemoryStorage } from '../../shared/sync/storage';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';

const ENDED = /session has ended: everything in it is read-only/;

describe('an ended session', () => {
  let host: HostProcess;
  let key: string;
  const clients: RoomClient[] = [];
  const api = (path: string, init: RequestInit = {}) =>
    fetch(new URL(path, host.url), { ...init, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` } });
  /** The host's own copy of a document, from its export of the session. */
  const hostCopy = async (id: string, name: string): Promise<Y.Doc> => {
    const decoded = decodeArchive(await (await api(`/api/sessions/${id}/archive`)).text());
    if (!decoded.ok) throw new Error(decoded.message);
    const doc = new Y.Doc();
    const state = decoded.archive.documents.get(name);
    if (state) Y.applyUpdate(doc, state);
    return doc;
  };
  const refusedFor = (client: RoomClient, match: (r: RoomClient['rejections'][number]) => boolean) => client.rejections.find((r) => r.reason === 'session-ended' && match(r));

  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'Room 4, Friday'] });
    key = hostKeyOf(host.line.facilitatorUrl as string);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('refuses every write after the end but the facilitator reflection; learners read their work again; an import opens read-only', async () => {
    const room = host.line.room as string;
    const facilitator = connectClient(host.url, room, { secret: key });
    const adaStorage = new MemoryStorage();
    const ada = connectClient(host.url, room, { name: 'Ada', storage: adaStorage });
    clients.push(facilitator, ada);
    await Promise.all([online(facilitator), online(ada)]);
    const adaId = ada.welcome!.learnerId;
    const journal = `learner/${adaId}/journal`;
    await placeGroups(facilitator, [{ id: 'red', name: 'Red', members: [adaId] }]);
    ada.doc('team/red/notes').getText('t').insert(0, 'our strategy');
    ada.doc(journal).getText('t').insert(0, 'what I learned');
    facilitator.doc('facilitator/observations').getText('red').insert(0, 'good questions');
    await waitFor(() => ada.pendingCount === 0 && facilitator.pendingCount === 0, 'edits saved before the end');

    const id = ((await (await api('/api/sessions')).json()) as { sessions: { id: string }[] }).sessions[0]!.id;
    expect((await api(`/api/sessions/${id}/end`, { method: 'POST' })).status).toBe(200);
    await waitFor(() => ada.sessionEnded && facilitator.sessionEnded, 'both told the session ended');

    // A learner's document update and a command: refused, with the reason and a message that says so.
    ada.doc('team/red/notes').getText('t').insert(0, 'after the end: ');
    ada.command('hand-after-end', { cmd: 'raise-hand', raised: true });
    await waitFor(() => !!refusedFor(ada, (r) => r.doc === 'team/red/notes') && !!refusedFor(ada, (r) => r.id === 'hand-after-end'), 'learner writes refused');
    expect(refusedFor(ada, (r) => r.doc === 'team/red/notes')!.message).toMatch(ENDED);
    expect(refusedFor(ada, (r) => r.id === 'hand-after-end')!.message).toMatch(ENDED);

    // The facilitator: any other document refused; the reflection accepted (acknowledged: on the host's disk).
    facilitator.doc('facilitator/observations').getText('red').insert(0, 'late note: ');
    await waitFor(() => !!refusedFor(facilitator, (r) => r.doc === 'facilitator/observations'), 'facilitator observation refused');
    facilitator.doc('facilitator/reflection').getText('plan:0').insert(0, 'the pitches ran long');
    await waitFor(() => facilitator.pendingCount === 0, 'reflection acknowledged');
    expect(refusedFor(facilitator, (r) => r.doc === 'facilitator/reflection')).toBeUndefined();

    expect((await hostCopy(id, 'team/red/notes')).getText('t').toString()).toBe('our strategy');
    expect((await hostCopy(id, 'facilitator/observations')).getText('red').toString()).toBe('good questions');
    expect((await hostCopy(id, 'roster')).getMap('participants').toJSON()[adaId]?.hand).toBeFalsy();
    expect((await hostCopy(id, 'facilitator/reflection')).getText('plan:0').toString()).toBe('the pitches ran long');

    // Ada comes back on a device that has only her identity (nothing of her work): she reads it from the host.
    const identity = await adaStorage.loadIdentity(room);
    const fresh = new MemoryStorage();
    await fresh.saveIdentity(room, identity!);
    ada.close();
    const back = connectClient(host.url, room, { storage: fresh });
    clients.push(back);
    await waitFor(() => back.sessionEnded && back.welcome?.learnerId === adaId, 'Ada welcomed back into the ended session');
    await Promise.all([back.whenSynced(journal), back.whenSynced('team/red/notes')]);
    expect(back.doc(journal).getText('t').toString()).toBe('what I learned');
    expect(back.doc('team/red/notes').getText('t').toString()).toBe('our strategy');
    // Someone new is refused at the door.
    const newcomer = connectClient(host.url, room, { name: 'Late' });
    clients.push(newcomer);
    await waitFor(() => newcomer.status === 'ended', 'newcomer refused');
    expect(newcomer.welcome).toBeNull();
    expect(newcomer.lastError?.reason).toBe('session-ended');

    // The session's archive imported as a past session (not loaded by the host until someone opens it).
    const imported = await api('/api/sessions/import', { method: 'POST', body: await (await api(`/api/sessions/${id}/archive`)).text() });
    expect(imported.status).toBe(201);
    const { code } = (await imported.json()) as { code: string };
    const reader = connectClient(host.url, code, { secret: key });
    clients.push(reader);
    await waitFor(() => reader.sessionEnded && reader.welcome?.role === 'facilitator', `facilitator joins the imported session (${reader.lastError?.message ?? reader.status})`);
    await Promise.all([reader.whenSynced('team/red/notes'), reader.whenSynced('facilitator/reflection'), reader.whenSynced('groups')]);
    expect(reader.doc('team/red/notes').getText('t').toString()).toBe('our strategy');
    expect(reader.doc('facilitator/reflection').getText('plan:0').toString()).toBe('the pitches ran long');
    expect(Object.keys(reader.doc('groups').getMap('groups').toJSON())).toEqual(['red']);
    reader.doc('team/red/notes').getText('t').insert(0, 'rewritten: ');
    await waitFor(() => !!refusedFor(reader, (r) => r.doc === 'team/red/notes'), 'a write to the imported session refused');
  }, 120_000);
});
