import { describe, expect, it } from 'vitest';
import { aggregateExitTickets, readTicket } from './exitTicket';

describe('exit ticket aggregation', () => {
  it('counts confidence before and after per level, with means and the mean shift', () => {
    const agg = aggregateExitTickets([
      { change: 'Version the training data', question: 'Who owns drift alerts?', before: 1, after: 4 },
      { change: 'Add a validation gate', question: '', before: 2, after: 4 },
      { change: '  ', question: 'How do we start small?', before: 3, after: 3 },
      { change: 'Monitor inputs', question: 'Cost of a feature store?', before: 4, after: 2 },
    ]);
    expect(agg.count).toBe(4);
    expect(agg.before).toEqual([1, 1, 1, 1, 0]);
    expect(agg.after).toEqual([0, 1, 1, 2, 0]);
    expect(agg.meanBefore).toBe(2.5);
    expect(agg.meanAfter).toBe(3.25);
    expect(agg.meanShift).toBe(0.75);
    expect(agg.shifts).toEqual({ up: 2, same: 1, down: 1 });
  });

  it('lists non-empty free text sorted, so the order reveals neither who nor when', () => {
    const agg = aggregateExitTickets([
      { change: 'Zebra', question: ' b? ', before: 1, after: 1 },
      { change: 'Alpha ', question: 'a?', before: 1, after: 1 },
      { change: '', question: '', before: 1, after: 1 },
    ]);
    expect(agg.changes).toEqual(['Alpha', 'Zebra']);
    expect(agg.questions).toEqual(['a?', 'b?']);
  });

  it('skips what is not a ticket (stored data is untrusted) and has no means when empty', () => {
    expect(readTicket({ change: 'x', question: 'y', before: 0, after: 3 })).toBeNull();
    expect(readTicket({ change: 'x', question: 'y', before: 2.5, after: 3 })).toBeNull();
    expect(readTicket({ change: 1, question: 'y', before: 2, after: 3 })).toBeNull();
    const agg = aggregateExitTickets([null, 'x', { before: 6, after: 1, change: '', question: '' }]);
    expect(agg).toMatchObject({ count: 0, meanBefore: null, meanAfter: null, meanShift: null, before: [0, 0, 0, 0, 0] });
  });
});
