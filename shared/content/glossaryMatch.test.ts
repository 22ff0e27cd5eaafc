import { describe, expect, it } from 'vitest';
import { termMatcher } from './glossaryMatch';

const m = termMatcher([
  { id: 'slice', term: 'slice', aka: ['slices'] },
  { id: 'data-drift', term: 'data drift' },
  { id: 'psi', term: 'population stability index', aka: ['PSI'] },
  { id: 'label', term: 'label' },
  { id: 'label-shift', term: 'label shift' },
  { id: 'model', term: 'model', autoLink: false },
]);

describe('termMatcher', () => {
  it('finds whole words, plurals, any case; acronyms only in capitals', () => {
    expect(m.termsIn('Per-Slices metrics, Data Drift and PSI')).toEqual(new Set(['data-drift', 'psi']));
    expect(m.termsIn('two slices and labels')).toEqual(new Set(['slice', 'label']));
    expect(m.termsIn('psi is lower-case here; sliced bread')).toEqual(new Set());
    expect(m.termsIn('the model')).toEqual(new Set());
  });

  it('prefers the longest term', () => {
    expect(m.termsIn('a label shift')).toEqual(new Set(['label-shift']));
  });

  it('splits out the first occurrence of each wanted term only', () => {
    const done = new Set<string>();
    const runs = m.split('A slice, another slice and data drift.', new Set(['slice', 'data-drift']), done);
    expect(runs).toEqual([{ text: 'A ' }, { text: 'slice', termId: 'slice' }, { text: ', another slice and ' }, { text: 'data drift', termId: 'data-drift' }, { text: '.' }]);
    expect(m.split('slice again', new Set(['slice']), done)).toEqual([{ text: 'slice again' }]);
  });
});
