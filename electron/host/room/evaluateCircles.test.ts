import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyEvaluateCommand, readEvaluate, type EvaluateContext } from './evaluateCommands';
import { readCircles, readRound } from './evaluateCircles';
import { writeGroups } from './groupCommands';

const HOST = Symbol('host');
const rubric = { id: 'r', levels: [1, 2, 3, 4], criteria: [{ id: 'a', weight: 100 }] };
const TEAMS = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'];

function context(): EvaluateContext & { clock: number } {
  const docs = new Map<string, Y.Doc>();
  const ctx = {
    clock: 1000,
    doc: (name: string) => docs.get(name) ?? docs.set(name, new Y.Doc()).get(name)!,
    now: () => ctx.clock,
    origin: HOST,
  };
  const groups = Object.fromEntries(TEAMS.map((t) => [t, { id: t, name: t.toUpperCase(), members: [`${t}-a`, `${t}-b`], roles: {} }]));
  writeGroups(ctx.doc('groups'), groups, HOST);
  return ctx;
}

describe('parallel pitch circles on the host', () => {
  it('forms circles from the queue, runs rounds on the host clock, re-forms on a new order, switches off', () => {
    const ctx = context();
    const run = (command: Parameters<typeof applyEvaluateCommand>[2], who = 'facilitator') => applyEvaluateCommand(ctx, who, command);
    expect(run({ cmd: 'evaluate-circles', teamsPerCircle: 3 })).toMatchObject({ ok: false, reason: 'malformed' });
    run({ cmd: 'evaluate-queue', teams: TEAMS, rubric, seconds: 90 });
    expect(run({ cmd: 'evaluate-circles', teamsPerCircle: 3 })).toEqual({ ok: true });
    const doc = ctx.doc('evaluate');
    expect(readCircles(doc)?.circles).toEqual([
      ['t1', 't2', 't3', 't4'],
      ['t5', 't6', 't7'],
    ]);
    expect(readRound(doc)).toBeNull();

    ctx.clock = 5000;
    expect(run({ cmd: 'evaluate-next' })).toEqual({ ok: true });
    expect(readRound(doc)).toEqual({ index: 0, startedAt: 5000, seconds: 90 });
    expect(readEvaluate(doc).teams).toMatchObject({ t1: { started: true }, t5: { started: true } });
    expect(readEvaluate(doc).teams.t2).toBeUndefined();
    expect(readEvaluate(doc).current).toBeNull();

    run({ cmd: 'evaluate-start', teamId: 't7', seconds: 60 }); // t7 pitches in round 3 (index 2)
    expect(readRound(doc)).toEqual({ index: 2, startedAt: 5000, seconds: 60 });
    run({ cmd: 'evaluate-next' });
    expect(readRound(doc)?.index).toBe(3);
    expect(readEvaluate(doc).teams.t4?.started).toBe(true);
    run({ cmd: 'evaluate-next' });
    expect(readRound(doc)).toBeNull(); // past the last round
    expect(run({ cmd: 'evaluate-round', round: 4 })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(run({ cmd: 'evaluate-round', round: 1 })).toEqual({ ok: true });

    run({ cmd: 'evaluate-queue', teams: [...TEAMS].reverse() });
    expect(readCircles(doc)?.circles[0]).toEqual(['t7', 't6', 't5', 't4']);
    run({ cmd: 'evaluate-shuffle', seed: 3 });
    expect(readCircles(doc)?.circles.flat()).toEqual(readEvaluate(doc).queue);

    run({ cmd: 'evaluate-circles', teamsPerCircle: null });
    expect(readCircles(doc)).toBeNull();
    // One queue again: next starts a team's slot as before.
    run({ cmd: 'evaluate-next' });
    expect(readEvaluate(doc).slot?.teamId).toBe(readEvaluate(doc).queue[0]);
    expect(run({ cmd: 'evaluate-round', round: 0 })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('lets a learner score only the teams of their circle; the facilitator any team', () => {
    const ctx = context();
    const run = (command: Parameters<typeof applyEvaluateCommand>[2], who = 'facilitator') => applyEvaluateCommand(ctx, who, command);
    run({ cmd: 'evaluate-queue', teams: TEAMS, rubric });
    run({ cmd: 'evaluate-circles', teamsPerCircle: 3 });
    for (let round = 0; round < 4; round++) run({ cmd: 'evaluate-round', round });
    const score = (who: string, teamId: string) => run({ cmd: 'score', teamId, levels: { a: 3 } }, who);
    expect(score('t2-a', 't1')).toEqual({ ok: true });
    expect(score('t2-a', 't4')).toEqual({ ok: true });
    const refused = score('t2-a', 't5');
    expect(refused).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(!refused.ok && refused.message).toMatch(/your team scores T1, T3 and T4/);
    expect(score('t2-a', 't2')).toMatchObject({ ok: false, reason: 'forbidden', message: expect.stringMatching(/your own team/) });
    expect(score('nobody', 't1')).toMatchObject({ ok: false, reason: 'forbidden', message: expect.stringMatching(/in none/) });
    expect(score('facilitator', 't5')).toEqual({ ok: true });
    run({ cmd: 'evaluate-circles', teamsPerCircle: null });
    expect(score('t2-a', 't5')).toEqual({ ok: true }); // one queue: any other team
  });
});
