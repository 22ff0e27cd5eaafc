import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPDATE_BUDGET, checkUpdate, takeBackPending } from './updateCheck';
import { craftedUpdate, runUpdate } from '../../../tests/helpers/craftedUpdates';

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

describe('checkUpdate budgets (too-costly)', () => {
  it('refuses many insertions at one place (the quadratic pattern), and passes the same under the budget', () => {
    const host = new Y.Doc();
    Y.applyUpdate(host, runUpdate(3000));
    expect(checkUpdate(host, craftedUpdate(1, 3000))).toMatchObject({ ok: false, reason: 'too-costly', message: /insertions at one place/ });
    expect(checkUpdate(host, craftedUpdate(1, DEFAULT_UPDATE_BUDGET.samePoint))).toEqual({ ok: true });
  });

  it('refuses more parts than the budget', () => {
    const author = new Y.Doc();
    const updates = recorder(author);
    author.transact(() => {
      for (let i = 0; i < 50; i++) author.getMap('m').set(`k${i}`, new Uint8Array([i]));
    });
    const budget = { ...DEFAULT_UPDATE_BUDGET, structs: 49 };
    expect(checkUpdate(new Y.Doc(), updates[0]!, budget)).toMatchObject({ ok: false, reason: 'too-costly', message: /50 parts/ });
    expect(checkUpdate(new Y.Doc(), updates[0]!, { ...budget, structs: 50 })).toEqual({ ok: true });
  });

  it('refuses more new authors than the budget, yet passes a repair edit carrying a classroom’s devices', () => {
    // A device answering the host's sync step 1 sends everything the host lacks: every author's changes it has.
    const device = new Y.Doc();
    for (let author = 0; author < 300; author++) {
      const other = new Y.Doc();
      other.getMap('board').set(`element-${author}`, author);
      Y.applyUpdate(device, Y.encodeStateAsUpdate(other));
    }
    const repair = Y.encodeStateAsUpdate(device);
    expect(checkUpdate(new Y.Doc(), repair)).toEqual({ ok: true });
    expect(checkUpdate(new Y.Doc(), repair, { ...DEFAULT_UPDATE_BUDGET, newClients: 299 })).toMatchObject({ ok: false, reason: 'too-costly', message: /new authors/ });
    // Authors the host already has are not new.
    const host = new Y.Doc();
    Y.applyUpdate(host, repair);
    expect(checkUpdate(host, repair, { ...DEFAULT_UPDATE_BUDGET, newClients: 0 })).toEqual({ ok: true });
  });

  it('refuses more gaps than the budget', () => {
    const author = new Y.Doc();
    const updates = recorder(author);
    for (let i = 0; i < 20; i++) author.getMap('m').set(`k${i}`, i);
    const gappy = Y.mergeUpdates(updates.filter((_, i) => i % 2 === 0));
    const host = new Y.Doc();
    expect(checkUpdate(host, gappy, { ...DEFAULT_UPDATE_BUDGET, skips: 5 })).toMatchObject({ ok: false, reason: 'too-costly', message: /gaps/ });
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
