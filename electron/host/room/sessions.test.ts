import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoalescedMeta, SessionManager } from './sessions';
import { StorageError } from './storageError';
import type { SessionMeta } from './identity';

const managers: SessionManager[] = [];
afterEach(async () => {
  for (const m of managers.splice(0)) await m.closeAll();
});

describe('SessionManager.byCode', () => {
  it('answers an unreadable sessions folder with a StorageError that says what to do, never a raw throw', () => {
    const data = mkdtempSync(join(tmpdir(), 'wk-sessions-'));
    const sessions = new SessionManager(data);
    managers.push(sessions);
    rmSync(join(data, 'sessions'), { recursive: true });
    let caught: unknown;
    try {
      sessions.byCode('ABCDEF');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as Error).message).toMatch(/could not read its sessions folder \(ENOENT\)/);
  });
});

describe('SessionManager.byCode and past sessions', () => {
  it('finds an ended session by its code once the host restarted, and prefers the open session with that code', async () => {
    const data = mkdtempSync(join(tmpdir(), 'wk-sessions-'));
    const first = new SessionManager(data);
    const past = first.create('Monday');
    first.end(past.meta.id);
    await first.closeAll();

    const again = new SessionManager(data);
    managers.push(again);
    const found = again.byCode(past.meta.code);
    expect(found?.meta.id).toBe(past.meta.id);
    expect(found?.ended).toBe(true);
    expect(again.create('Tuesday').meta.code).not.toBe(past.meta.code);

    // An older host may have given an open session the code of an ended one: the open one wins.
    const clash: SessionMeta = { id: 'z-open', title: 'Clash', code: past.meta.code, createdAt: '2000-01-01T00:00:00.000Z', endedAt: null, learners: {} };
    mkdirSync(join(data, 'sessions', clash.id));
    writeFileSync(join(data, 'sessions', clash.id, 'meta.json'), JSON.stringify(clash));
    const third = new SessionManager(data);
    managers.push(third);
    expect(third.byCode(past.meta.code)?.meta.id).toBe('z-open');
  });
});

describe('CoalescedMeta', () => {
  it('serializes meta.json once for any number of saves in one turn, and writes the latest on close', async () => {
    const written: string[] = [];
    const writer = { write: (text: string) => void written.push(text), close: async () => undefined, failure: null };
    const coalesced = new CoalescedMeta(writer);
    const meta: SessionMeta = { id: 's', title: 'T', code: 'ABCDEF', createdAt: '', endedAt: null, learners: {} };
    for (let i = 0; i < 7200; i++) coalesced.save({ ...meta, title: `T${i}` });
    expect(written).toHaveLength(0);
    await new Promise((r) => setImmediate(r));
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0]!).title).toBe('T7199');
    coalesced.save({ ...meta, title: 'last' });
    await coalesced.close();
    expect(written.map((w) => JSON.parse(w).title)).toEqual(['T7199', 'last']);
  });
});
