/**
 * Northvale's monitoring thresholds at its row count (2,000 studies a day, ~120 urgent findings): a quiet week
 * must not page anyone, and the scenario's scheduled incidents must still be caught on their first day.
 * At this size the live AUC of one day has a standard error of about 0.02 (and so does the holdout it is compared
 * with), so a 0.05 drop alert fired on noise in most fortnights; drift statistics stay far below their thresholds.
 */
import { describe, expect, it } from 'vitest';
import { loadLabScenario } from '../../tests/helpers/labScenarios';
import { replay } from './session';

const northvale = loadLabScenario('healthcare-northvale');
const start = [
  { type: 'setLevel', level: 1 },
  { type: 'setTriggers', scheduleDays: null, onDrift: false },
  { type: 'train' },
  { type: 'register', runId: 'run-1' },
  { type: 'promote', version: 1 },
];

describe('Northvale monitoring', { timeout: 120_000 }, () => {
  it('raises no alert in 14 quiet days with monitoring on (seeds 1–5)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = replay(northvale, seed, [...start, { type: 'advance', days: 14 }]);
      expect(s.state.errors).toEqual([]);
      expect(s.state.days.filter((d) => d.live !== null).length).toBeGreaterThan(5); // labels did arrive
      expect({ seed, alerts: s.state.days.flatMap((d) => d.alerts.map((a) => a.message)) }).toEqual({ seed, alerts: [] });
    }
  });

  it('still detects its scheduled incidents on the day they start', () => {
    const s = replay(northvale, 1, [...start, { type: 'advance', days: 30 }, { type: 'advance', days: 26 }]);
    expect(s.state.incidents.map((i) => [i.shift.kind, i.day, i.detectedDay])).toEqual([
      ['covariate', 30, 30],
      ['upstream', 55, 55],
    ]);
  });
});
