import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommandBudget, DocBudget, PerMinute, TokenBucket, budgetsWith, isLoopback } from './budgets';
import type { SessionMeta } from './identity';

describe('TokenBucket', () => {
  it('spends its burst, then refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    expect(bucket.take(20)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 500; // half a second: 5 tokens
    expect(bucket.take(5)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 60_000;
    expect(bucket.idle()).toBe(true);
  });
});

describe('PerMinute', () => {
  it('counts events per key over the last minute', () => {
    const window = new PerMinute(2);
    expect(window.take('a', 0)).toBe(true);
    expect(window.take('a', 1)).toBe(true);
    expect(window.take('a', 2)).toBe(false);
    expect(window.take('b', 2)).toBe(true);
    expect(window.take('a', 60_001)).toBe(true);
  });
});

describe('DocBudget', () => {
  const ada = { role: 'learner' as const, learnerId: 'l-ada' };
  it('bounds the documents a learner brings into existence, not those that exist or the facilitator', () => {
    const budget = new DocBudget(budgetsWith({ maxDocsPerLearner: 1 }));
    expect(budget.mayTouch(ada, 'room/notes', false)).toEqual({ ok: true });
    expect(budget.mayTouch(ada, 'room/notes', false)).toEqual({ ok: true });
    expect(budget.mayTouch(ada, 'room/brainstorm', true)).toEqual({ ok: true });
    expect(budget.mayTouch(ada, 'room/brainstorm', false)).toMatchObject({ ok: false, reason: 'too-many-documents' });
    expect(budget.mayTouch({ role: 'facilitator', learnerId: 'facilitator' }, 'team/x/notes', false)).toEqual({ ok: true });
  });
  it('refuses growth past the size budget, counting what the document already holds', () => {
    const budget = new DocBudget(budgetsWith({ maxDocBytes: 1000 }));
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(600));
    const small = new Uint8Array(300);
    expect(budget.mayGrow('room/notes', doc, small, (d) => Y.encodeStateAsUpdate(d))).toEqual({ ok: true });
    budget.grew('room/notes', small);
    expect(budget.mayGrow('room/notes', doc, small, (d) => Y.encodeStateAsUpdate(d))).toMatchObject({ ok: false, reason: 'document-full' });
  });
});

describe('CommandBudget', () => {
  const meta: SessionMeta = { id: 's', title: 't', code: 'ABCDEF', createdAt: '', endedAt: null, learners: { 'l-ada': { tokenHash: '', rejoinCode: 'X', name: 'Ada', profile: 'devops-sre' } } };
  const ada = { role: 'learner' as const, learnerId: 'l-ada' };
  it('acknowledges an unchanged set-profile without spending anything', () => {
    const budget = new CommandBudget(budgetsWith({ commandBurst: 1, commandsPerSecond: 0.001 }));
    for (let i = 0; i < 5; i++) expect(budget.check(ada, { cmd: 'set-profile', name: 'Ada', profile: 'devops-sre' }, meta)).toBe('no-op');
    expect(budget.check(ada, { cmd: 'raise-hand', raised: true }, meta)).toEqual({ ok: true });
    expect(budget.check(ada, { cmd: 'raise-hand', raised: false }, meta)).toMatchObject({ ok: false, reason: 'rate-limited' });
  });
});

describe('isLoopback', () => {
  it('knows this machine from the network', () => {
    for (const a of ['127.0.0.1', '127.0.0.42', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true);
    for (const a of ['192.168.1.5', '::ffff:10.0.0.1', 'fd00::2', undefined, '1127.0.0.1']) expect(isLoopback(a), String(a)).toBe(false);
  });
});
