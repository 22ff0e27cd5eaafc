import { describe, expect, it } from 'vitest';
import { loadLabScenarios, readLabScenarioFile } from '../../tests/helpers/labScenarios';
import { parseScenario } from './scenarioSchema';

describe('lab scenarios', () => {
  it('every file in content/lab parses, with the three cases', () => {
    const all = loadLabScenarios();
    expect(all.map((s) => s.id)).toEqual(['ecommerce-trellis', 'fraud-paylark', 'healthcare-northvale']);
    const health = all.find((s) => s.id === 'healthcare-northvale')!;
    expect(health.subgroups?.id).toBe('age-band');
    expect(all.every((s) => s.labelDelayDays >= 1 && s.shifts.length >= 1)).toBe(true);
  });

  it('names the field of every problem', () => {
    const raw = readLabScenarioFile('fraud-paylark.yaml');
    const bad = { ...raw, baseRate: 2, shifts: [{ day: 3, kind: 'covariate', feature: 'nope', amount: 1 }], extra: 1 };
    let msg = '';
    try {
      parseScenario(bad, 'x.yaml');
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/x\.yaml: baseRate: /);
    expect(msg).toMatch(/x\.yaml: shifts\.0\.feature: no feature "nope"/);
    expect(msg).toMatch(/extra/);
  });
});
