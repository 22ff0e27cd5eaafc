import { describe, expect, it } from 'vitest';
import { authorize, extraDocNames, isRoomDocument, type Actor } from './documents';

const facilitator: Actor = { role: 'facilitator', learnerId: 'facilitator' };
const ada: Actor = { role: 'learner', learnerId: 'l-ada', teamId: 'red' };
const bo: Actor = { role: 'learner', learnerId: 'l-bo', teamId: 'blue' };
const host: Actor = { role: 'host', learnerId: 'host' };
const ok = { ok: true };

describe('authorize', () => {
  it('session: everyone reads, only the facilitator writes', () => {
    expect(authorize(ada, 'session', 'read')).toEqual(ok);
    expect(authorize(facilitator, 'session', 'write')).toEqual(ok);
    expect(authorize(ada, 'session', 'write')).toMatchObject({ ok: false, reason: 'forbidden' });
  });
  it('roster: only the host writes', () => {
    expect(authorize(ada, 'roster', 'read')).toEqual(ok);
    expect(authorize(facilitator, 'roster', 'write')).toMatchObject({ ok: false });
    expect(authorize(host, 'roster', 'write')).toEqual(ok);
  });
  it('groups: everyone reads, only the host writes (membership changes by command); backgrounds: the facilitator reads', () => {
    expect(authorize(ada, 'groups', 'read')).toEqual(ok);
    expect(authorize(facilitator, 'groups', 'write')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(host, 'groups', 'write')).toEqual(ok);
    expect(authorize(facilitator, 'backgrounds', 'read')).toEqual(ok);
    expect(authorize(ada, 'backgrounds', 'read')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(facilitator, 'backgrounds', 'write')).toMatchObject({ ok: false, reason: 'forbidden' });
  });
  it("a quiz's answer key: the facilitator only, even once the results are revealed", () => {
    expect(authorize(facilitator, 'poll/q1/key', 'write')).toEqual(ok);
    expect(authorize(ada, 'poll/q1/key', 'read', { revealedPolls: new Set(['q1']) })).toMatchObject({ ok: false, reason: 'forbidden' });
  });
  it('team documents: the team and the facilitator; others read only when shared', () => {
    expect(authorize(ada, 'team/red/board', 'write')).toEqual(ok);
    expect(authorize(bo, 'team/red/board', 'read')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(bo, 'team/red/board', 'read', { sharedTeams: new Set(['red']) })).toEqual(ok);
    expect(authorize(bo, 'team/red/board', 'write', { sharedTeams: new Set(['red']) })).toMatchObject({ ok: false });
    expect(authorize(facilitator, 'team/red/board', 'write')).toEqual(ok);
    expect(authorize({ ...bo, teamId: null }, 'team/blue/notes', 'read')).toMatchObject({ ok: false });
  });
  it('private documents: their learner only, not even the facilitator', () => {
    expect(authorize(ada, 'learner/l-ada/journal', 'write')).toEqual(ok);
    expect(authorize(bo, 'learner/l-ada/journal', 'read')).toMatchObject({ ok: false });
    expect(authorize(facilitator, 'learner/l-ada/journal', 'read')).toMatchObject({ ok: false });
  });
  it('room-wide documents are open to everyone in the room', () => {
    expect(authorize(bo, 'room/brainstorm', 'write')).toEqual(ok);
  });
  it("the facilitator's layer over a room board: everyone reads, only the facilitator writes", () => {
    expect(authorize(bo, 'layer/brainstorm', 'read')).toEqual(ok);
    expect(authorize(bo, 'layer/brainstorm', 'write')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(facilitator, 'layer/brainstorm', 'write')).toEqual(ok);
    expect(authorize(host, 'layer/brainstorm', 'write')).toEqual(ok);
  });
  it("the exit tickets' summary: the facilitator reads, the host writes; the facilitator's notes: the facilitator only", () => {
    expect(authorize(facilitator, 'exit-tickets', 'read')).toEqual(ok);
    expect(authorize(facilitator, 'exit-tickets', 'write')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(ada, 'exit-tickets', 'read')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(host, 'exit-tickets', 'write')).toEqual(ok);
    for (const doc of ['facilitator/observations', 'facilitator/reflection']) {
      expect(authorize(facilitator, doc, 'write')).toEqual(ok);
      expect(authorize(ada, doc, 'read')).toMatchObject({ ok: false, reason: 'forbidden' });
      expect(authorize(ada, doc, 'write')).toMatchObject({ ok: false, reason: 'forbidden' });
    }
    expect(authorize(facilitator, 'facilitator/anything', 'read')).toMatchObject({ ok: false, reason: 'unknown-doc' });
  });
  it('unknown or malformed names are refused', () => {
    for (const name of ['', 'secrets', '../session', 'team/red', 'learner/x', 'room/', 'room/UPPER', 'session/extra']) {
      expect(authorize(facilitator, name, 'read'), name).toMatchObject({ ok: false, reason: 'unknown-doc' });
    }
  });
  it('only the fixed list of documents exists: any other name is refused, whoever asks', () => {
    for (const name of ['room/flood-1', 'room/anything', 'team/red/scratch', 'learner/l-ada/notes-2', 'poll/p1/other']) {
      expect(authorize(ada, name, 'write'), name).toMatchObject({ ok: false, reason: 'unknown-doc' });
      expect(authorize(facilitator, name, 'read'), name).toMatchObject({ ok: false, reason: 'unknown-doc' });
    }
    for (const name of ['session', 'roster', 'qa', 'room/notes', 'room/brainstorm', 'team/red/notes', 'team/red/board', 'team/red/strategy', 'team/red/roles', 'team/red/mltestscore', 'learner/l-ada/journal', 'poll/p1/tally']) {
      expect(isRoomDocument(name), name).toBe(true);
    }
  });
  it('extra names (tests, benchmarks) are admitted only by their patterns', () => {
    const extra = extraDocNames(['room/pointers', 'team/*/set'])!;
    expect(authorize(bo, 'room/pointers', 'write', { extraDocs: extra })).toEqual(ok);
    expect(authorize(bo, 'team/blue/set', 'write', { extraDocs: extra })).toEqual(ok);
    expect(authorize(bo, 'team/red/set', 'write', { extraDocs: extra })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(bo, 'room/other', 'write', { extraDocs: extra })).toMatchObject({ ok: false, reason: 'unknown-doc' });
    expect(extraDocNames(['../x'])).toBeNull();
  });
});
