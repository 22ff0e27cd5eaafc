import { describe, expect, it } from 'vitest';
import { changedElements, isBoardElement, sceneOrder, wins, type BoardElement } from './elementMerge';
import { seededRandom, shuffle } from './groups';

const el = (id: string, version: number, versionNonce: number, extra: Record<string, unknown> = {}): BoardElement => ({ id, type: 'rectangle', version, versionNonce, ...extra });

/** The winner of a list under the rule, each candidate keyed by its position's label. */
const pick = (list: [BoardElement, string][]) => list.reduce((best, c) => (wins(c[0], best[0], c[1], best[1]) ? c : best));

describe('element rule', () => {
  it('prefers the higher version, then the lower nonce', () => {
    expect(wins(el('a', 3, 9), el('a', 2, 1))).toBe(true);
    expect(wins(el('a', 2, 1), el('a', 3, 9))).toBe(false);
    expect(wins(el('a', 3, 7), el('a', 3, 40))).toBe(true);
    expect(wins(el('a', 3, 40), el('a', 3, 7))).toBe(false);
  });

  it('breaks an equal version and nonce by key, so every order gives the same winner', () => {
    const left: [BoardElement, string] = [el('a', 3, 7, { fill: 'red' }), 'a@3.7#x'];
    const right: [BoardElement, string] = [el('a', 3, 7, { fill: 'blue' }), 'a@3.7'];
    expect(pick([left, right])).toBe(right);
    expect(pick([right, left])).toBe(right);
    // Without keys an equal pair never replaces: nothing to send.
    expect(wins(el('a', 3, 7), el('a', 3, 7))).toBe(false);
  });

  it('does not resurrect a deleted element from an older copy', () => {
    expect(wins(el('a', 4, 1), el('a', 5, 1, { isDeleted: true }))).toBe(false);
  });

  it('converges for random delivery orders (seeded)', () => {
    const edits: [BoardElement, string][] = [];
    for (let i = 0; i < 200; i++) edits.push([el('e', 1 + (i % 5), (i * 7919) % 7, { by: i }), `k${i}`]);
    const results = [1, 2, 3, 4, 5].map((seed) => pick(shuffle(edits, seededRandom(seed))));
    for (const r of results) expect(r).toBe(results[0]);
  });

  it('sends only what changed', () => {
    const before = new Map([['a', el('a', 1, 1)], ['b', el('b', 1, 1)]]);
    expect(changedElements(before, [el('a', 1, 1), el('b', 2, 3), el('c', 1, 1)]).map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('orders a scene by fractional index, then id', () => {
    expect([el('b', 1, 1, { index: 'a1' }), el('a', 1, 1, { index: 'a1' }), el('c', 1, 1, { index: 'a0' })].sort(sceneOrder).map((e) => e.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('isBoardElement', () => {
  it('accepts what Excalidraw writes', () => {
    expect(isBoardElement(el('r', 1, 1, { x: 1, y: 2, width: 3, height: 4, angle: 0, groupIds: [], boundElements: null, index: 'a0', link: null, locked: false }))).toBe(true);
    expect(isBoardElement({ id: 'l', type: 'line', version: 2, versionNonce: 0, points: [[0, 0], [10, 5]] })).toBe(true);
    expect(isBoardElement({ id: 't', type: 'text', version: 2, versionNonce: 0, text: 'hi', boundElements: [{ id: 'r', type: 'arrow' }] })).toBe(true);
  });

  it('refuses what would break a viewer', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'rect',
      42,
      [el('a', 1, 1)],
      { type: 'rectangle', version: 1, versionNonce: 1 },
      { id: '', type: 'rectangle', version: 1, versionNonce: 1 },
      { id: 'a', version: 1, versionNonce: 1 },
      { id: 'a', type: 'rectangle', version: '1', versionNonce: 1 },
      { id: 'a', type: 'rectangle', version: 0, versionNonce: 1 },
      { id: 'a', type: 'rectangle', version: 1, versionNonce: Number.NaN },
      el('a', 1, 1, { x: 'left' }),
      el('a', 1, 1, { width: Infinity }),
      el('a', 1, 1, { text: 5 }),
      el('a', 1, 1, { points: 'M0 0' }),
      el('a', 1, 1, { points: [[0, 0], [1]] }),
      el('a', 1, 1, { groupIds: [1] }),
      el('a', 1, 1, { boundElements: [null] }),
      el('a', 1, 1, { isDeleted: 'yes' }),
    ];
    for (const value of bad) expect(isBoardElement(value), JSON.stringify(value)).toBe(false);
  });
});
