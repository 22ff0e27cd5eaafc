import { describe, expect, it } from 'vitest';
import { Refusals } from './refusals';

describe('Refusals', () => {
  it('drops an edit refused as too costly (resending it would cost the host the same), keeps one refused as rate-limited', () => {
    const refusals = new Refusals(() => undefined);
    expect(refusals.refused('learner/l-1/notes', 1, 'too-costly')).toBe('drop');
    expect(refusals.refused('learner/l-1/notes', 2, 'rate-limited')).toBe('keep');
    refusals.close();
  });
});
