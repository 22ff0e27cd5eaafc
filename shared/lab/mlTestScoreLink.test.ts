import { describe, expect, it } from 'vitest';
import { readContentYaml } from '../../tests/helpers/contentFiles';
import { readLabScenarioFile } from '../../tests/helpers/labScenarios';
import { mlTestScoreSchema } from '../content/schema';
import { automatedCount, mlTestScoreLink, type MtsLinkStatus } from './mlTestScoreLink';
import { parseScenario } from './scenarioSchema';
import { replay } from './session';

const small = parseScenario({
  ...readLabScenarioFile('fraud-paylark.yaml'),
  rowsPerDay: 1000,
  entity: { noun: 'card', count: 2000, riskSd: 1, storeFeature: { id: 'prior-chargebacks', label: 'x' } },
});
const rubric = mlTestScoreSchema.parse(readContentYaml('mltestscore/ml-test-score.yaml'));
const statusOf = (actions: unknown[]): Record<string, MtsLinkStatus> =>
  Object.fromEntries(mlTestScoreLink(replay(small, 1, actions).state).map((l) => [l.testId, l.status]));

describe('the lab pipeline read as the ML Test Score', { timeout: 60_000 }, () => {
  it("names only tests of the kit's rubric, each once, with a reason", () => {
    const ids = new Set(rubric.categories.flatMap((c) => c.tests.map((t) => t.id)));
    const links = mlTestScoreLink(replay(small, 1, []).state);
    expect(links.every((l) => ids.has(l.testId) && l.reason.length > 10)).toBe(true);
    expect(new Set(links.map((l) => l.testId)).size).toBe(links.length);
  });

  it('level 0 automates nothing; level 1 automates validation, monitoring, skew, staleness; level 2 adds the gate', () => {
    expect(automatedCount(replay(small, 1, []).state)).toBe(0);
    const l1 = statusOf([{ type: 'setLevel', level: 1 }]);
    expect(l1).toMatchObject({
      'mts-data-1': 'automated',
      'mts-monitor-2': 'automated',
      'mts-monitor-3': 'automated',
      'mts-monitor-4': 'automated',
      'mts-monitor-7': 'automated',
      'mts-infra-4': 'no', // nothing promoted yet
    });
    const l2 = statusOf([{ type: 'setLevel', level: 2 }]);
    expect(l2['mts-infra-4']).toBe('automated');
    expect(l2['mts-monitor-4']).toBe('manual'); // retrains on alerts, not on a schedule
    expect(
      statusOf([
        { type: 'setLevel', level: 2 },
        { type: 'setTriggers', scheduleDays: 7, onDrift: true },
      ])['mts-monitor-4'],
    ).toBe('automated');
    // Monitoring switched off inside level 1: drift and quality are no longer watched, and skew is only half covered.
    const noMon = statusOf([
      { type: 'setLevel', level: 1 },
      { type: 'setStep', step: 'monitor', on: false },
    ]);
    expect(noMon).toMatchObject({ 'mts-monitor-2': 'no', 'mts-monitor-7': 'no', 'mts-monitor-3': 'manual' });
  });

  it('what a team did by hand counts as manual: two model kinds, a promotion through the gate, a rollback, explanations', () => {
    const st = statusOf([
      { type: 'train', join: 'point-in-time' },
      { type: 'train', model: 'tree', join: 'point-in-time' },
      { type: 'register', runId: 'run-1' },
      { type: 'promote', version: 1 },
    ]);
    expect(st).toMatchObject({
      'mts-model-5': 'manual',
      'mts-model-6': 'manual',
      'mts-infra-1': 'manual',
      'mts-infra-4': 'manual',
      'mts-infra-5': 'manual',
      'mts-infra-7': 'no',
    });
    // Direct deployment is no canary; a canary or shadow watched by a person is manual; automated only when the
    // pipeline's deploy step runs the canary itself.
    expect(statusOf([])['mts-infra-6']).toBe('no');
    expect(statusOf([{ type: 'setDeployMode', mode: 'canary' }])['mts-infra-6']).toBe('manual');
    expect(statusOf([{ type: 'setDeployMode', mode: 'shadow' }])['mts-infra-6']).toBe('manual');
    expect(
      statusOf([
        { type: 'setLevel', level: 1 },
        { type: 'setDeployMode', mode: 'canary' },
      ])['mts-infra-6'],
    ).toBe('manual');
    expect(
      statusOf([
        { type: 'setLevel', level: 2 },
        { type: 'setDeployMode', mode: 'canary' },
      ])['mts-infra-6'],
    ).toBe('automated');
  });
});
