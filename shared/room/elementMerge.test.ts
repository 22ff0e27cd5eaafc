import { describe, expect, it } from 'vitest';
import { changedElements, mergeElements, type BoardElement } from './elementMerge';
import { seededRandom, shuffle } from './groups';

const el = (id: string, version: number, versionNonce: number, extra: Record<string, unknown> = {}): BoardElement => ({ id, version, versionNonce, ...extra });

describe('element merge', () => {
  it('keeps concurrent edits to different elements', () => {
    const ada = [el('a', 2, 5, { x: 10 }), el('b', 1, 1)];
    const bo = [el('a', 1, 1), el('b', 2, 9, { x: 99 })];
    expect(mergeElements(ada, bo)).toEqual([el('a', 2, 5, { x: 10 }), el('b', 2, 9, { x: 99 })]);
  });

  it('resolves the same element deterministically whatever the order', () => {
    const left = el('a', 3, 40, { fill: 'red' });
    const right = el('a', 3, 7, { fill: 'blue' });
    expect(mergeElements([left], [right])).toEqual([right]);
    expect(mergeElements([right], [left])).toEqual([right]);
  });

  it('does not resurrect a deleted element from an older copy', () => {
    expect(mergeElements([el('a', 5, 1, { isDeleted: true })], [el('a', 4, 1)])).toEqual([el('a', 5, 1, { isDeleted: true })]);
  });

  it('converges for random delivery orders (seeded)', () => {
    const edits: BoardElement[] = [];
    for (let i = 0; i < 200; i++) edits.push(el(`e${i % 17}`, 1 + (i % 5), (i * 7919) % 1000, { by: i }));
    const results = [1, 2, 3, 4, 5].map((seed) => shuffle(edits, seededRandom(seed)).reduce<BoardElement[]>((acc, e) => mergeElements(acc, [e]), []));
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it('sends only what changed', () => {
    const before = new Map([['a', el('a', 1, 1)], ['b', el('b', 1, 1)]]);
    expect(changedElements(before, [el('a', 1, 1), el('b', 2, 3), el('c', 1, 1)]).map((e) => e.id)).toEqual(['b', 'c']);
  });
});
