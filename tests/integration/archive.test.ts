/**
 * The session archive against real hosts: a session with edits is exported from one host process and imported into
 * another host's fresh data folder, where it is listed as an ended (read-only) session whose documents equal the
 * originals; a truncated or altered archive is refused with a message and adds nothing to the data folder.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeArchive } from '../../shared/report/archive';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, placeGroups, waitFor } from '../helpers/roomClients';

const normalized = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
};

describe('session archive', () => {
  let origin: HostProcess;
  let target: HostProcess;
  const targetData = mkdtempSync(join(tmpdir(), 'wk-import-target-'));
  const clients: RoomClient[] = [];
  const api = (host: HostProcess, path: string, init: RequestInit = {}) =>
    fetch(new URL(path, host.url), {
      ...init,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${hostKeyOf(host.line.facilitatorUrl as string)}` },
    });

  beforeAll(async () => {
    [origin, target] = await Promise.all([
      startHostProcess({ args: ['--session', 'Room 4, Tuesday'] }),
      startHostProcess({ args: ['--session', 'Already here', '--data', targetData] }),
    ]);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all([origin?.stop(), target?.stop()]);
  });

  it('exports a session and re-imports it read-only into another host; a damaged archive changes nothing', async () => {
    const room = origin.line.room as string;
    const facilitator = connectClient(origin.url, room, { secret: hostKeyOf(origin.line.facilitatorUrl as string) });
    const ada = connectClient(origin.url, room, { name: 'Ada' });
    clients.push(facilitator, ada);
    await Promise.all([online(facilitator), online(ada)]);
    const adaId = ada.welcome!.learnerId;
    await placeGroups(facilitator, [{ id: 'red', name: 'Red', members: [adaId] }]);
    ada.doc('team/red/notes').getText('t').insert(0, 'our MLOps strategy <b>bold</b>');
    ada.doc(`learner/${adaId}/journal`).getText('t').insert(0, 'what I learned');
    facilitator.doc('facilitator/observations').getMap('notes').set('red', 'good questions');
    await waitFor(() => ada.pendingCount === 0 && facilitator.pendingCount === 0, 'edits saved');

    const originId = ((await (await api(origin, '/api/sessions')).json()) as { sessions: { id: string }[] }).sessions[0]!.id;
    const res = await api(origin, `/api/sessions/${originId}/archive`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="room-4-tuesday-.*\.json"/);
    const text = await res.text();
    const exported = decodeArchive(text);
    if (!exported.ok) throw new Error(exported.message);
    for (const name of ['session', 'roster', 'groups', 'team/red/notes', 'facilitator/observations'])
      expect(exported.archive.documents.has(name), name).toBe(true);
    // What only the learner (their journal) or only the host may read does not leave in the facilitator's file.
    expect(exported.archive.documents.has(`learner/${adaId}/journal`)).toBe(false);

    // Refused: cut short, and altered; nothing is added to the target's data folder.
    const sessionsBefore = readdirSync(join(targetData, 'sessions')).sort();
    const listBefore = await (await api(target, '/api/sessions')).json();
    const truncated = await api(target, '/api/sessions/import', { method: 'POST', body: text.slice(0, text.length - 100) });
    expect(truncated.status).toBe(400);
    expect(((await truncated.json()) as { message: string }).message).toMatch(/not complete JSON.*Export the archive again/);
    const altered = await api(target, '/api/sessions/import', { method: 'POST', body: text.replace('Room 4, Tuesday', 'Room 5, Tuesday') });
    expect(altered.status).toBe(400);
    expect(((await altered.json()) as { message: string }).message).toMatch(/checksum/);
    expect(readdirSync(join(targetData, 'sessions')).sort()).toEqual(sessionsBefore);
    expect(await (await api(target, '/api/sessions')).json()).toEqual(listBefore);

    const imported = await api(target, '/api/sessions/import', { method: 'POST', body: text });
    expect(imported.status).toBe(201);
    const { id } = (await imported.json()) as { id: string };
    const listed = (
      (await (await api(target, '/api/sessions')).json()) as { sessions: { id: string; title: string; endedAt: string | null }[] }
    ).sessions;
    expect(listed.find((s) => s.id === id)).toMatchObject({ title: 'Room 4, Tuesday', endedAt: expect.any(String) });
    const resumed = (await (await api(target, `/api/sessions/${id}/resume`, { method: 'POST' })).json()) as { ended: boolean };
    expect(resumed.ended).toBe(true);

    const again = decodeArchive(await (await api(target, `/api/sessions/${id}/archive`)).text());
    if (!again.ok) throw new Error(again.message);
    for (const [name, state] of exported.archive.documents) {
      const copy = again.archive.documents.get(name) ?? new Uint8Array();
      // Opening a session, the host marks everyone offline (roster) and writes the session's new room code (session):
      // those two hold the original and the host's own later changes; every other document is exactly the original.
      if (name === 'roster' || name === 'session') {
        const seen = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(copy));
        for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state)))
          expect(seen.get(client) ?? 0, name).toBeGreaterThanOrEqual(clock);
      } else expect(normalized(copy), name).toBe(normalized(state));
    }
    const notes = new Y.Doc();
    Y.applyUpdate(notes, again.archive.documents.get('team/red/notes')!);
    expect(notes.getText('t').toString()).toBe('our MLOps strategy <b>bold</b>');
  });
});
