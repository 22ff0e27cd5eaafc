/**
 * Sessions over time through the facilitator's API on a real host: list, start, end (read-only), delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomClient } from '../../shared/sync/roomClient';
import { startHostProcess, type HostProcess } from '../helpers/hostProcess';
import { connectClient, hostKeyOf, online, waitFor } from '../helpers/roomClients';

describe('sessions API', () => {
  let host: HostProcess;
  let key: string;
  const clients: RoomClient[] = [];
  const api = (path: string, init: RequestInit = {}, auth = true) =>
    fetch(new URL(path, host.url), { ...init, headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${key}` } : {}) } });

  beforeAll(async () => {
    host = await startHostProcess({ args: ['--session', 'First session'] });
    key = hostKeyOf(host.line.facilitatorUrl as string);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await host?.stop();
  });

  it('refuses callers without the host key', async () => {
    const res = await api('/api/sessions', {}, false);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/facilitator link/);
  });

  it('lists, starts, ends and deletes sessions', async () => {
    const list = (await (await api('/api/sessions')).json()) as { sessions: { id: string; code: string; title: string; endedAt: string | null }[]; joinBases: string[] };
    expect(list.sessions.map((s) => s.title)).toEqual(['First session']);
    expect(list.joinBases).toEqual([host.url]);

    const bad = await api('/api/sessions', { method: 'POST', body: JSON.stringify({ title: '' }) });
    expect(bad.status).toBe(400);
    const created = (await (await api('/api/sessions', { method: 'POST', body: JSON.stringify({ title: 'Second session' }) })).json()) as { id: string; code: string; joinUrls: string[] };
    expect(created.code).not.toBe(host.line.room);
    expect(created.joinUrls).toEqual([`${host.url}join/${created.code}`]);

    const learner = connectClient(host.url, created.code, { name: 'Ada' });
    clients.push(learner);
    await online(learner);
    learner.doc('room/notes').getText('t').insert(0, 'before the end');
    await waitFor(() => learner.pendingCount === 0, 'saved');

    expect((await api(`/api/sessions/${created.id}/end`, { method: 'POST' })).status).toBe(200);
    await waitFor(() => learner.status === 'ended', 'learner told the session ended');
    learner.doc('room/notes').getText('t').insert(0, 'after the end ');
    await waitFor(() => learner.rejections.some((r) => r.reason === 'session-ended'), 'write refused after the end');

    const reader = connectClient(host.url, created.code, { name: 'Late reader' });
    clients.push(reader);
    await waitFor(() => reader.status === 'refused' || reader.status === 'ended', 'late joiner handled');

    const listed = (await (await api('/api/sessions')).json()) as { sessions: { id: string; endedAt: string | null }[] };
    expect(listed.sessions.find((s) => s.id === created.id)?.endedAt).not.toBeNull();

    expect((await api(`/api/sessions/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    const after = (await (await api('/api/sessions')).json()) as { sessions: { id: string }[] };
    expect(after.sessions.map((s) => s.id)).not.toContain(created.id);
    expect((await api(`/api/sessions/${created.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
