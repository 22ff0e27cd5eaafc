import { describe, expect, it } from 'vitest';
import { bandFor, formatMts, mlTestScore, sanitizeMarks, type MtsRubric } from './mlTestScore';

/** Four sections of seven tests, with the content pack's bands (content/mltestscore/ml-test-score.yaml). */
const sectionIds = ['data', 'model', 'infra', 'monitor'];
const rubric: MtsRubric = {
  categories: sectionIds.map((s) => ({ id: `mts-${s}`, name: s, tests: Array.from({ length: 7 }, (_, i) => ({ id: `mts-${s}-${i + 1}` })) })),
  interpretation: [
    { minScore: 0, label: '0', meaning: 'research project' },
    { minScore: 0.5, label: '(0, 1]', meaning: 'serious holes' },
    { minScore: 1.5, label: '(1, 2]', meaning: 'first pass' },
    { minScore: 2.5, label: '(2, 3]', meaning: 'reasonably tested' },
    { minScore: 3.5, label: '(3, 5]', meaning: 'strong' },
    { minScore: 5.5, label: '> 5', meaning: 'exceptional' },
  ],
};

/** Marks giving every section `perSection` points (as whole and half points on its first tests). */
function uniform(perSection: number): Record<string, number> {
  const marks: Record<string, number> = {};
  for (const s of sectionIds) {
    let left = perSection;
    for (let i = 1; i <= 7 && left > 0; i++) {
      marks[`mts-${s}-${i}`] = left >= 1 ? 1 : 0.5;
      left -= left >= 1 ? 1 : 0.5;
    }
  }
  return marks;
}

describe('ML Test Score arithmetic', () => {
  it('gives 0.5 for a manual test and 1 for an automated one, summed per section', () => {
    const r = mlTestScore(rubric, { 'mts-data-1': 1, 'mts-data-2': 0.5, 'mts-data-3': 0, 'mts-model-1': 0.5 });
    expect(r.sections.map((s) => s.score)).toEqual([1.5, 0.5, 0, 0]);
    expect(r.sections[0]).toMatchObject({ max: 7, marked: 3 });
    expect(r.marked).toBe(4);
    expect(r.total).toBe(28);
  });

  it('takes the minimum of the four sections, not the sum or the average', () => {
    const marks = { ...uniform(7), 'mts-monitor-1': 0.5, 'mts-monitor-2': 0, 'mts-monitor-3': 0, 'mts-monitor-4': 0, 'mts-monitor-5': 0, 'mts-monitor-6': 0, 'mts-monitor-7': 0 };
    const r = mlTestScore(rubric, marks);
    expect(r.sections.map((s) => s.score)).toEqual([7, 7, 7, 0.5]);
    expect(r.final).toBe(0.5);
    expect(r.band?.label).toBe('(0, 1]');
    expect(mlTestScore(rubric, uniform(7)).final).toBe(7);
  });

  it('puts each score in the paper band at its edges', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [0.5, '(0, 1]'],
      [1, '(0, 1]'],
      [1.5, '(1, 2]'],
      [2, '(1, 2]'],
      [2.5, '(2, 3]'],
      [3, '(2, 3]'],
      [3.5, '(3, 5]'],
      [5, '(3, 5]'],
      [5.5, '> 5'],
      [7, '> 5'],
    ];
    for (const [score, label] of cases) {
      const r = mlTestScore(rubric, uniform(score));
      expect([r.final, r.band?.label]).toEqual([score, label]);
    }
  });

  it('finds the band whatever order the content lists them in', () => {
    expect(bandFor([...rubric.interpretation].reverse(), 2)?.label).toBe('(1, 2]');
    expect(bandFor([{ minScore: 1, label: 'x', meaning: '' }], 0)).toBeNull();
  });

  it('ignores unknown ids, extra keys and invalid values: the document is untrusted', () => {
    const raw = JSON.parse(
      '{"mts-data-1": 1, "mts-data-2": 2, "mts-data-3": "1", "mts-data-4": -1, "mts-data-5": null, "mts-data-6": 0.25, "ghost": 1, "__proto__": {"mts-data-7": 1}, "constructor": 1}',
    ) as unknown;
    expect(sanitizeMarks(rubric, raw)).toEqual({ 'mts-data-1': 1 });
    expect(mlTestScore(rubric, raw).sections[0]!.score).toBe(1);
    for (const bad of [null, undefined, 42, 'marks', [1, 1, 1], { 'mts-data-1': Number.NaN }]) {
      const r = mlTestScore(rubric, bad);
      expect([r.final, r.marked, r.band?.label]).toEqual([0, 0, '0']);
    }
  });

  it('scores an empty rubric as 0 without throwing, and formats halves', () => {
    expect(mlTestScore({ categories: [], interpretation: [] }, {})).toEqual({ sections: [], final: 0, band: null, marked: 0, total: 0 });
    expect([formatMts(2), formatMts(2.5), formatMts(0)]).toEqual(['2', '2.5', '0']);
  });
});
