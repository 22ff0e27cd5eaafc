import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyEvaluateCommand, readEvaluate, revealedScores, SCORES_DOC, type EvaluateContext } from './evaluateCommands';
import { writeGroups } from './groupCommands';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { rubricSchema } from '../../../shared/content/schema';
import { rubricSpec, weightedTotal, type TeamTally } from '../../../shared/room/rubricScores';

const HOST = Symbol('host');
const rubric = {
  id: 'r',
  levels: [1, 2, 3, 4],
  criteria: [
    { id: 'a', weight: 40 },
    { id: 'b', weight: 60 },
  ],
};

function context(): EvaluateContext & { clock: number } {
  const docs = new Map<string, Y.Doc>();
  const ctx = {
    clock: 1000,
    doc: (name: string) => docs.get(name) ?? docs.set(name, new Y.Doc()).get(name)!,
    now: () => ctx.clock,
    origin: HOST,
  };
  writeGroups(
    ctx.doc('groups'),
    {
      red: { id: 'red', name: 'Red', members: ['r1', 'r2'], roles: {} },
      blue: { id: 'blue', name: 'Blue', members: ['b1', 'b2'], roles: {} },
    },
    HOST,
  );
  return ctx;
}
const tallyOf = (ctx: EvaluateContext, team: string) => ctx.doc(`evaluate/${team}/tally`).getMap('tally').get('result') as TeamTally;

describe('evaluate commands (the host is the only writer of the queue and the scores)', () => {
  it('runs the queue: order, shuffle, start with a length on the host clock, next, past the last', () => {
    const ctx = context();
    expect(applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-queue', teams: ['red', 'blue'], rubric, seconds: 90 })).toEqual({
      ok: true,
    });
    expect(applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-queue', teams: ['red', 'green'] })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-shuffle', seed: 7 });
    expect([...readEvaluate(ctx.doc('evaluate')).queue].sort()).toEqual(['blue', 'red']);
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-queue', teams: ['red', 'blue'] });
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-next' });
    expect(readEvaluate(ctx.doc('evaluate'))).toMatchObject({ current: 'red', slot: { teamId: 'red', startedAt: 1000, seconds: 90 } });
    ctx.clock = 5000;
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-next', seconds: 60 });
    expect(readEvaluate(ctx.doc('evaluate'))).toMatchObject({
      current: 'blue',
      slot: { teamId: 'blue', startedAt: 5000, seconds: 60 },
      teams: { red: { started: true }, blue: { started: true } },
    });
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-next' });
    expect(readEvaluate(ctx.doc('evaluate'))).toMatchObject({ current: null, slot: null });
  });

  it('keeps one level per scorer, team and criterion; refuses the own team, a team not started, a closed team', () => {
    const ctx = context();
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-queue', teams: ['red', 'blue'], rubric });
    expect(applyEvaluateCommand(ctx, 'b1', { cmd: 'score', teamId: 'red', levels: { a: 3 } })).toMatchObject({
      ok: false,
      reason: 'forbidden',
      message: expect.stringMatching(/not presented yet/),
    });
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-start', teamId: 'red' });
    expect(applyEvaluateCommand(ctx, 'r1', { cmd: 'score', teamId: 'red', levels: { a: 4, b: 4 } })).toMatchObject({
      ok: false,
      reason: 'forbidden',
      message: expect.stringMatching(/your own team/),
    });
    expect(applyEvaluateCommand(ctx, 'b1', { cmd: 'score', teamId: 'red', levels: { a: 5 } })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(applyEvaluateCommand(ctx, 'b1', { cmd: 'score', teamId: 'red', levels: { a: 1, b: 2 }, strength: 'clear owners' })).toEqual({
      ok: true,
    });
    expect(applyEvaluateCommand(ctx, 'b1', { cmd: 'score', teamId: 'red', levels: { a: 3 }, question: 'who is on call?' })).toEqual({
      ok: true,
    });
    expect(applyEvaluateCommand(ctx, 'b2', { cmd: 'score', teamId: 'red', levels: { a: 3, b: 4 } })).toEqual({ ok: true });
    expect(applyEvaluateCommand(ctx, 'facilitator', { cmd: 'score', teamId: 'red', levels: { a: 2, b: 2 } })).toEqual({ ok: true });
    const tally = tallyOf(ctx, 'red');
    expect(tally.scorers).toBe(2);
    expect(tally.criteria.map((c) => c.peer)).toEqual([
      [0, 0, 2, 0],
      [0, 1, 0, 1],
    ]); // b1's a: 1 replaced by 3
    expect(tally.criteria.map((c) => c.facilitator)).toEqual([2, 2]);
    expect(tally.peerTotal).toBe((40 * 3) / 4 + (60 * 3) / 4);
    expect(tally.facilitatorTotal).toBe(50);
    const raw = ctx.doc(SCORES_DOC).getMap('red').toJSON() as Record<string, { levels: Record<string, number> }>;
    expect(Object.keys(raw).sort()).toEqual(['b1', 'b2', 'facilitator']);
    expect(raw.b1!.levels).toEqual({ a: 3, b: 2 });
    const feedback = Object.values(ctx.doc('team/red/feedback').getMap('items').toJSON());
    expect(feedback).toEqual([{ from: 'peer', strength: 'clear owners', question: 'who is on call?' }]); // no author

    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-close', teamId: 'red', closed: true });
    expect(applyEvaluateCommand(ctx, 'b2', { cmd: 'score', teamId: 'red', levels: { a: 1 } })).toMatchObject({
      ok: false,
      reason: 'forbidden',
      message: expect.stringMatching(/has closed/),
    });
    expect(tallyOf(ctx, 'red').criteria[0]!.peer).toEqual([0, 0, 2, 0]);
    expect(
      applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-queue', teams: ['red', 'blue'], rubric: { ...rubric, id: 'other' } }),
    ).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('matches the content pack rubric: weights add up to 100, so Proficient everywhere is 75', () => {
    const content = rubricSchema.parse(
      parse(readFileSync(new URL('../../../content/rubrics/strategy-rubric.yaml', import.meta.url), 'utf8')),
    );
    const spec = rubricSpec(content);
    expect(spec.levels).toEqual([1, 2, 3, 4]);
    expect(weightedTotal(spec, Object.fromEntries(spec.criteria.map((c) => [c.id, 3])))).toBe(75);
  });

  it('reveals and hides a team', () => {
    const ctx = context();
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-queue', teams: ['red', 'blue'], rubric });
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-reveal', teamId: 'blue', revealed: true });
    expect([...revealedScores(ctx.doc('evaluate'))]).toEqual(['blue']);
    applyEvaluateCommand(ctx, 'facilitator', { cmd: 'evaluate-reveal', teamId: 'blue', revealed: false });
    expect([...revealedScores(ctx.doc('evaluate'))]).toEqual([]);
  });
});
