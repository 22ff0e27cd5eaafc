import { describe, expect, it } from 'vitest';
import { largeRoomNow } from './largeRoom';
import type { Phase } from './schema';

const phase: Pick<Phase, 'largeRoom'> = {
  largeRoom: {
    fromTeams: 9,
    summary: 'S',
    steps: [
      { minute: 0, minutes: 10, title: 'Break', does: 'Rest.', break: true },
      { minute: 10, minutes: 5, title: 'Recap', does: 'Point.' },
    ],
    cuts: [
      { fromTeams: 12, cut: 'Reports', saves: 2 },
      { fromTeams: 9, cut: 'Q&A', saves: 2 },
    ],
  },
};
const min = 60_000;

describe('largeRoomNow', () => {
  it('applies from the variant’s team count on, not below', () => {
    expect(largeRoomNow(phase, 8, 0)).toBeNull();
    expect(largeRoomNow(phase, 9, 0)?.step.title).toBe('Break');
    expect(largeRoomNow({}, 20, 0)).toBeNull();
    expect(largeRoomNow(undefined, 20, 0)).toBeNull();
  });

  it('follows the phase clock, and stays on the last step when the phase overruns', () => {
    expect(largeRoomNow(phase, 10, 9.9 * min)?.step.title).toBe('Break');
    expect(largeRoomNow(phase, 10, 10 * min)?.step.title).toBe('Recap');
    expect(largeRoomNow(phase, 10, 40 * min)?.step.title).toBe('Recap');
  });

  it('lists the cuts in force at this size, smallest room first', () => {
    expect(largeRoomNow(phase, 9, 0)?.cuts.map((c) => c.cut)).toEqual(['Q&A']);
    expect(largeRoomNow(phase, 15, 0)?.cuts.map((c) => c.cut)).toEqual(['Q&A', 'Reports']);
  });
});
