import { describe, expect, it } from 'vitest';
import { loadKitContent } from '../../tests/helpers/contentFiles';
import { loadLabScenario, readLabScenarioFile } from '../../tests/helpers/labScenarios';
import { minimalPackFiles } from '../../tests/helpers/minimalPack';
import { assemblePack, formatIssue } from '../content/pack';
import type { LabState } from './labTypes';
import { missionSetSchema, type Mission, type MissionCheck } from './missionSchema';
import { checkPasses, currentMission, missionProgress } from './missions';
import { parseScenario } from './scenarioSchema';
import { LabSession, replay } from './session';

/** Paylark at a tenth of its size: the same engine, fast enough for a unit test. */
const small = parseScenario({
  ...readLabScenarioFile('fraud-paylark.yaml'),
  rowsPerDay: 1000,
  entity: { noun: 'card', count: 2000, riskSd: 1, storeFeature: { id: 'prior-chargebacks', label: 'x' } },
});
const fresh = (): LabState => new LabSession(small, 1).state;
const passes = (check: MissionCheck, st: LabState) => checkPasses(check, st);

describe('mission checks on a real lab', { timeout: 120_000 }, () => {
  it('follow the engine: runs, model kinds, joins, champion, days, incidents, gate, rollback', () => {
    const s = replay(small, 1, [{ type: 'train' }]);
    expect(passes({ kind: 'runsAtLeast', n: 1 }, s.state)).toBe(true);
    expect(passes({ kind: 'runsAtLeast', n: 2 }, s.state)).toBe(false);
    expect(passes({ kind: 'modelKindsCompared' }, s.state)).toBe(false);
    expect(passes({ kind: 'joinsCompared' }, s.state)).toBe(false); // level 0: the "latest" join only
    s.apply({ type: 'train', model: 'tree', join: 'point-in-time' });
    expect(passes({ kind: 'modelKindsCompared' }, s.state)).toBe(true);
    expect(passes({ kind: 'joinsCompared' }, s.state)).toBe(true);
    expect(passes({ kind: 'championSet' }, s.state)).toBe(false);
    s.apply({ type: 'register', runId: 'run-2' });
    s.apply({ type: 'promote', version: 1 });
    expect(passes({ kind: 'championSet' }, s.state)).toBe(true);
    expect(passes({ kind: 'promotedThroughGate' }, s.state)).toBe(false); // nothing to beat yet
    s.apply({ type: 'advance', days: 30 });
    expect(passes({ kind: 'daysAtLeast', n: 30 }, s.state)).toBe(true);
    expect(passes({ kind: 'daysAtLeast', n: 31 }, s.state)).toBe(false);
    expect(passes({ kind: 'incidentOpened' }, s.state)).toBe(false);
    s.apply({ type: 'advance', days: 6 }); // Paylark's scheduled concept drift starts on day 35
    expect(passes({ kind: 'incidentOpened' }, s.state)).toBe(true);
    expect(passes({ kind: 'incidentInjected' }, s.state)).toBe(false);
    s.apply({ type: 'inject', kind: 'pipelineBug', feature: 'amount', amount: 0 });
    expect(passes({ kind: 'incidentInjected' }, s.state)).toBe(true);
    s.apply({ type: 'train', model: 'tree', join: 'point-in-time' });
    s.apply({ type: 'register', runId: 'run-3' });
    s.apply({ type: 'promote', version: 2 });
    const promoted = s.state.registry.champion === 2;
    expect(passes({ kind: 'promotedThroughGate' }, s.state)).toBe(promoted);
    expect(passes({ kind: 'gateRefused' }, s.state)).toBe(!promoted);
    expect(passes({ kind: 'rolledBack' }, s.state)).toBe(false);
    if (promoted) {
      s.apply({ type: 'rollback' });
      expect(passes({ kind: 'rolledBack' }, s.state)).toBe(true);
    }
    expect(passes({ kind: 'autoDeployed' }, s.state)).toBe(false); // every deployment so far was by hand
  });
});

describe('mission checks on crafted states', () => {
  const base = fresh();
  it('levels, monitoring, alerts and the ML Test Score link', () => {
    expect(passes({ kind: 'levelAtLeast', level: 1 }, base)).toBe(false);
    expect(passes({ kind: 'monitoringOn' }, base)).toBe(false);
    const l2 = replay(small, 1, [{ type: 'setLevel', level: 2 }]).state;
    expect(passes({ kind: 'levelAtLeast', level: 2 }, l2)).toBe(true);
    expect(passes({ kind: 'monitoringOn' }, l2)).toBe(true);
    expect(passes({ kind: 'automatesAtLeast', n: 6 }, l2)).toBe(true);
    expect(passes({ kind: 'automatesAtLeast', n: 6 }, base)).toBe(false);
    const alerted = {
      ...base,
      days: [
        { ...({} as LabState['days'][number]), day: 0, alerts: [{ day: 0, kind: 'quality', value: 0.7, threshold: 0.8, message: '' }] },
      ],
    } as LabState;
    expect(passes({ kind: 'alertRaised' }, alerted)).toBe(true);
    expect(passes({ kind: 'alertRaised', alert: 'quality' }, alerted)).toBe(true);
    expect(passes({ kind: 'alertRaised', alert: 'drift' }, alerted)).toBe(false);
    const runs = (...models: ('logistic' | 'tree')[]) =>
      ({ ...base, runs: models.map((model) => ({ model, featureJoin: 'point-in-time' })) }) as LabState;
    expect(passes({ kind: 'modelKindsCompared' }, runs('logistic', 'logistic'))).toBe(false);
    expect(passes({ kind: 'modelKindsCompared' }, runs('tree', 'logistic'))).toBe(true);
    expect(passes({ kind: 'joinsCompared' }, runs('tree', 'logistic'))).toBe(false);
  });

  it('incidents: detected by an alert or a declaration, recovered only after an impact', () => {
    const inc = {
      id: 1,
      source: 'facilitator',
      shift: { day: 3, kind: 'covariate', feature: 'amount', amount: 1, rampDays: 0 },
      day: 3,
      detectedDay: null,
      detectedBy: null,
      impacted: false,
      recoveredDay: null,
      extraCost: 0,
      baselinePer1000: 1,
    } as LabState['incidents'][number];
    const with_ = (patch: Partial<typeof inc>) => ({ ...base, incidents: [{ ...inc, ...patch }] });
    expect(passes({ kind: 'incidentDetected', by: 'any' }, with_({}))).toBe(false);
    expect(passes({ kind: 'incidentDetected', by: 'any' }, with_({ detectedDay: 9, detectedBy: 'declared' }))).toBe(true);
    expect(passes({ kind: 'incidentDetected', by: 'alert' }, with_({ detectedDay: 9, detectedBy: 'declared' }))).toBe(false);
    expect(passes({ kind: 'incidentDetected', by: 'alert' }, with_({ detectedDay: 4, detectedBy: 'drift' }))).toBe(true);
    expect(passes({ kind: 'incidentRecovered' }, with_({ recoveredDay: 8 }))).toBe(false);
    expect(passes({ kind: 'incidentRecovered' }, with_({ impacted: true, recoveredDay: 8 }))).toBe(true);
  });

  it('continuous training: a promoted version whose run was triggered by the pipeline', () => {
    const run = (id: string, trigger: 'manual' | 'drift') => ({ id, trigger }) as LabState['runs'][number];
    const st = {
      ...base,
      runs: [run('run-1', 'manual'), run('run-2', 'drift')],
      registry: {
        ...base.registry,
        versions: [
          { version: 1, runId: 'run-1', registeredDay: 0, archived: false },
          { version: 2, runId: 'run-2', registeredDay: 9, archived: false },
        ],
        events: [
          { day: 0, kind: 'promoted', version: 1 },
          { day: 9, kind: 'registered', version: 2 },
        ],
      },
    } as LabState;
    expect(passes({ kind: 'autoDeployed' }, st)).toBe(false);
    st.registry.events.push({ day: 9, kind: 'promoted', version: 2 });
    expect(passes({ kind: 'autoDeployed' }, st)).toBe(true);
  });
});

describe('the missions content', { timeout: 180_000 }, () => {
  it('holds five missions, one per phase in the lesson order, every step checkable and every hint linked', async () => {
    const result = await loadKitContent();
    if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i)).join('\n'));
    const [set] = result.pack.missions;
    expect(set!.missions.map((m) => m.phase)).toEqual(result.pack.lesson.phases);
    for (const m of set!.missions) expect(m.hints.length).toBeGreaterThan(0);
    for (const m of set!.missions) for (const h of m.hints) expect(Boolean(h.concept) || Boolean(h.term)).toBe(true);
    // Nothing done on a fresh lab: the first mission is the current one.
    expect(currentMission(set!.missions, base())).toBe(set!.missions[0]);
    expect(missionProgress(set!.missions[0]!, null)).toMatchObject({ done: 0, complete: false });
  });

  it('can all be completed on Paylark, one after the other, the way a learner would play them', async () => {
    const result = await loadKitContent();
    if (!result.ok) throw new Error('invalid pack');
    const missions = result.pack.missions[0]!.missions;
    const s = new LabSession(loadLabScenario('fraud-paylark'), 1);
    const play = (...actions: unknown[]) => actions.forEach((a) => expect(s.apply(a), JSON.stringify(a)).toBeNull());
    const done = () => missions.map((m) => missionProgress(m, s.state).complete);
    // 1 Engage: ship at level 0, run past the scheduled concept drift (day 35) to day 45.
    play(
      { type: 'train' },
      { type: 'register', runId: 'run-1' },
      { type: 'promote', version: 1 },
      { type: 'advance', days: 30 },
      { type: 'advance', days: 15 },
    );
    expect(done()).toEqual([true, false, false, false, false]);
    expect(currentMission(missions, s.state)?.id).toBe('track-and-compare');
    // 2 Explore: a tree and a logistic regression, point in time (the first run used the "latest" join).
    play({ type: 'train', model: 'tree', join: 'point-in-time' }, { type: 'train', join: 'point-in-time' });
    expect(done()).toEqual([true, true, false, false, false]);
    // 3 Explain: level 1 without scheduled retraining; run until an alert; a candidate through the gate; rollback.
    play({ type: 'setLevel', level: 1 }, { type: 'setTriggers', scheduleDays: null, onDrift: false });
    while (!s.state.days.some((d) => d.alerts.length) && s.state.day < 90) play({ type: 'advance', days: 1 });
    play(
      { type: 'train', join: 'point-in-time' },
      { type: 'register', runId: 'run-4' },
      { type: 'promote', version: 2 },
      { type: 'rollback' },
    );
    expect(done().slice(0, 3)).toEqual([true, true, true]);
    // 4 Elaborate: level 2; the processor starts sending cents; the on-call fixes the conversion; CT deploys.
    play(
      { type: 'setLevel', level: 2 },
      { type: 'inject', kind: 'upstream', feature: 'amount', amount: 100 },
      { type: 'advance', days: 3 },
    );
    play({ type: 'fixPipeline', feature: 'amount' }, { type: 'advance', days: 8 });
    // 5 Evaluate: live quality per card programme has arrived; level 2 automates six ML Test Score tests.
    expect(done()).toEqual([true, true, true, true, true]);
  });

  it('content:check fails on a dangling hint link, an unknown phase and an unknown check', () => {
    const mission: Mission = {
      id: 'm1',
      phase: 'one',
      title: 'T',
      goal: 'G',
      steps: [{ text: 'Train', check: { kind: 'runsAtLeast', n: 1 } }],
      hints: [{ text: 'See', concept: 'drift' }],
    };
    const set = { id: 'lab-missions', title: 'Missions', missions: [mission] };
    const run = (data: unknown) => assemblePack([...minimalPackFiles(), { path: 'missions/lab-missions.yaml', data }], new Set());
    const ok = run(set);
    expect(ok.ok ? [] : ok.issues.map((i) => formatIssue(i))).toEqual([]);
    const bad = run({
      ...set,
      missions: [
        {
          ...mission,
          phase: 'nine',
          hints: [
            { text: 'See', concept: 'nope' },
            { text: 'Term', term: 'nope-term' },
          ],
        },
      ],
    });
    expect(bad.ok ? [] : bad.issues.map((i) => formatIssue(i))).toEqual([
      'content/missions/lab-missions.yaml: missions[0].phase: "nine" is not the id of any phase in the pack',
      'content/missions/lab-missions.yaml: missions[0].hints[0].concept: "nope" is not the id of any concept in the pack',
      'content/missions/lab-missions.yaml: missions[0].hints[1].term: "nope-term" is not the id of any glossary term in the pack',
    ]);
    expect(
      missionSetSchema.safeParse({ ...set, missions: [{ ...mission, steps: [{ text: 'x', check: { kind: 'vibes' } }] }] }).success,
    ).toBe(false);
  });
});

function base(): LabState {
  return fresh();
}
