import { describe, expect, it } from 'vitest';
import { loadLabScenarios, readLabScenarioFile } from '../../tests/helpers/labScenarios';
import { minimalPackFiles } from '../../tests/helpers/minimalPack';
import { assemblePack, formatIssue } from '../content/pack';
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

describe('lab scenarios in the content pack', () => {
  it('load from lab/ and must name a case study of the pack', () => {
    const scenario = { ...readLabScenarioFile('fraud-paylark.yaml'), case: 'case-a' };
    const ok = assemblePack([...minimalPackFiles(), { path: 'lab/fraud-paylark.yaml', data: scenario }], new Set());
    expect(ok.ok && ok.pack.lab.map((s) => s.id)).toEqual(['fraud-paylark']);
    const bad = assemblePack([...minimalPackFiles(), { path: 'lab/fraud-paylark.yaml', data: { ...scenario, case: 'nope' } }], new Set());
    expect(!bad.ok && bad.issues.map((i) => formatIssue(i))).toEqual([
      'content/lab/fraud-paylark.yaml: case: "nope" is not the id of any case study in the pack',
    ]);
  });
});
