import { mkdtempSync, rmSync } from 'node:fs';
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
