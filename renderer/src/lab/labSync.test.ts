import { describe, expect, it } from 'vitest';
import { planSync } from './labSync';

const a = { type: 'train', model: 'logistic' };
const b = { type: 'advance', days: 1 };
const c = { type: 'setLevel', level: 1 };

describe('planSync', () => {
  it('opens when the worker holds nothing yet', () => {
    expect(planSync(null, { key: 'fraud:1', actions: [] })).toEqual({ type: 'open' });
  });
  it('posts only the new actions when the list extends the held one', () => {
    expect(planSync({ key: 'k', actions: [a] }, { key: 'k', actions: [a, b, c] })).toEqual({ type: 'append', actions: [b, c] });
  });
  it('compares actions by value: a store handing out fresh objects still appends', () => {
    const fresh = JSON.parse(JSON.stringify([a, b])) as unknown[];
    expect(planSync({ key: 'k', actions: [a] }, { key: 'k', actions: fresh })).toEqual({ type: 'append', actions: [b] });
  });
  it('does nothing when the list is unchanged', () => {
    expect(planSync({ key: 'k', actions: [a, b] }, { key: 'k', actions: [{ ...a }, { ...b }] })).toEqual({ type: 'none' });
  });
  it('replays in full when the list changed in the middle (a merge), shrank (start over) or the key changed', () => {
    expect(planSync({ key: 'k', actions: [a, b] }, { key: 'k', actions: [a, c, b] })).toEqual({ type: 'open' });
    expect(planSync({ key: 'k', actions: [a, b] }, { key: 'k', actions: [a] })).toEqual({ type: 'open' });
    expect(planSync({ key: 'k', actions: [a] }, { key: 'k2', actions: [a, b] })).toEqual({ type: 'open' });
  });
});
