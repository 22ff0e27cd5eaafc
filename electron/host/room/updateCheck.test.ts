import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checkUpdate, takeBackPending } from './updateCheck';

/** Each update a doc emits, in order. */
function recorder(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return updates;
}

describe('checkUpdate', () => {
  it('accepts an update that builds only on what the document has', () => {
    const author = new Y.Doc();
    const updates = recorder(author);
    author.getText('t').insert(0, 'hello');
    author.getText('t').insert(5, ' world');
    const host = new Y.Doc();
    expect(checkUpdate(host, updates[0]!)).toEqual({ ok: true });
    Y.applyUpdate(host, updates[0]!);
    expect(checkUpdate(host, updates[1]!)).toEqual({ ok: true });
    // A resend of what the host already has is fine too.
    expect(checkUpdate(host, updates[0]!)).toEqual({ ok: true });
  });

  it('refuses a gap in its author’s changes, a reference to another’s change, and a deletion of something unknown', () => {
    const a = new Y.Doc();
    const aUpdates = recorder(a);
    a.getText('t').insert(0, 'one ');
    a.getText('t').insert(4, 'two ');
    const host = new Y.Doc();
    expect(checkUpdate(host, aUpdates[1]!)).toMatchObject({ ok: false, reason: 'missing-dependencies' });

    const b = new Y.Doc();
    Y.applyUpdate(b, aUpdates[0]!);
    const bUpdates = recorder(b);
    b.getText('t').insert(2, 'B');
    expect(checkUpdate(host, bUpdates[0]!)).toMatchObject({ ok: false, reason: 'missing-dependencies' });

    const c = new Y.Doc();
    Y.applyUpdate(c, aUpdates[0]!);
    const cUpdates = recorder(c);
    c.getText('t').delete(0, 2);
    expect(checkUpdate(host, cUpdates[0]!)).toMatchObject({ ok: false, reason: 'missing-dependencies' });
    // Nothing was applied by checking: the host is still empty, and once it has a's first change all three pass.
    expect(host.getText('t').toString()).toBe('');
    Y.applyUpdate(host, aUpdates[0]!);
    for (const u of [aUpdates[1]!, bUpdates[0]!, cUpdates[0]!]) expect(checkUpdate(host, u)).toEqual({ ok: true });
  });

  it('refuses a map write over a value the host has never seen (another device of the writer saw it)', () => {
    const facilitator = new Y.Doc();
    const first = recorder(facilitator);
    facilitator.getMap('groups').set('team-1', 'Team 1');
    const console2 = new Y.Doc(); // another device of the facilitator's, which saw the first write
    Y.applyUpdate(console2, first[0]!);
    const second = recorder(console2);
    console2.getMap('groups').set('team-1', 'Team One');
    const host = new Y.Doc();
    expect(checkUpdate(host, second[0]!)).toMatchObject({ ok: false, reason: 'missing-dependencies' });
  });

  it('refuses sub-documents and undecodable bytes', () => {
    const doc = new Y.Doc();
    const updates = recorder(doc);
    doc.getMap('m').set('sub', new Y.Doc());
    expect(checkUpdate(new Y.Doc(), updates[0]!)).toMatchObject({ ok: false, reason: 'forbidden', message: /sub-documents/ });
    expect(checkUpdate(new Y.Doc(), new Uint8Array([200, 1, 2, 3]))).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('takeBackPending', () => {
  it('removes what Yjs parked as pending and says so; a clean document passes', () => {
    const a = new Y.Doc();
    const updates = recorder(a);
    a.getText('t').insert(0, 'x');
    a.getText('t').insert(1, 'y');
    const host = new Y.Doc();
    expect(takeBackPending(host)).toEqual({ ok: true });
    Y.applyUpdate(host, updates[1]!); // parked: its first half never came
    expect(takeBackPending(host)).toMatchObject({ ok: false, reason: 'missing-dependencies' });
    expect(host.store.pendingStructs).toBeNull();
    Y.applyUpdate(host, updates[0]!);
    Y.applyUpdate(host, updates[1]!);
    expect(host.getText('t').toString()).toBe('xy');
  });
});
