import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox';
import { MemoryStorage } from './storage';

describe('outbox', () => {
  it('keeps edits and commands on the device until acknowledged, and reloads them first, in order', async () => {
    const storage = new MemoryStorage();
    let changes = 0;
    const before = new Outbox(storage, 'ROOM', () => changes++);
    await before.load();
    const edit = before.addEdit('room/notes', new Uint8Array([1, 2]));
    before.addCommand('vote-1', { cmd: 'raise-hand', raised: true });
    before.addCommand('vote-2', { cmd: 'raise-hand', raised: false });
    before.removeCommand('vote-1'); // acknowledged
    expect(before.size).toBe(2);
    expect(changes).toBe(4);

    // A reload: a command given while the device copy is still loading goes after the older ones.
    const after = new Outbox(storage, 'ROOM', () => undefined);
    const loading = after.load();
    after.addCommand('ask-1', { cmd: 'raise-hand', raised: true });
    await loading;
    expect([...after.pendingCommands()].map(([id]) => id)).toEqual(['vote-2', 'ask-1']);
    expect([...after.pendingEdits()]).toEqual([edit]);
    // New edits never reuse a sequence number of an edit still waiting.
    const next = after.addEdit('room/notes', new Uint8Array([3]));
    expect(next.seq).toBeGreaterThan(edit.seq);

    after.removeEdit('room/notes', edit.seq);
    after.removeCommand('vote-2');
    after.removeCommand('ask-1');
    expect((await storage.loadOutbox('ROOM')).map((i) => i.seq)).toEqual([next.seq]);
    expect(await storage.loadCommands('ROOM')).toEqual([]);
  });
});
