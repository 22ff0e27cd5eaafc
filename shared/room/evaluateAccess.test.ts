import { describe, expect, it } from 'vitest';
import { authorize, isRoomDocument, type Actor } from './documents';

const facilitator: Actor = { role: 'facilitator', learnerId: 'facilitator' };
const red: Actor = { role: 'learner', learnerId: 'r1', teamId: 'red' };
const blue: Actor = { role: 'learner', learnerId: 'b1', teamId: 'blue' };

describe('access to the Evaluate documents', () => {
  it('names them: the queue, a tally per team, feedback per team; the raw scores are no room document', () => {
    for (const name of ['evaluate', 'evaluate/red/tally', 'team/red/feedback']) expect(isRoomDocument(name)).toBe(true);
    for (const name of ['evaluate-scores', 'evaluate/red/scores', 'evaluate/red']) expect(isRoomDocument(name)).toBe(false);
  });

  it('lets everyone read the queue and only the host write it', () => {
    expect(authorize(red, 'evaluate', 'read').ok).toBe(true);
    expect(authorize(facilitator, 'evaluate', 'write').ok).toBe(false);
    expect(authorize({ role: 'host', learnerId: 'host' }, 'evaluate', 'write').ok).toBe(true);
  });

  it('shows a tally to the facilitator always, to everyone once revealed; never writable', () => {
    expect(authorize(facilitator, 'evaluate/red/tally', 'read').ok).toBe(true);
    expect(authorize(red, 'evaluate/red/tally', 'read')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(blue, 'evaluate/red/tally', 'read', { revealedScores: new Set(['red']) }).ok).toBe(true);
    expect(authorize(facilitator, 'evaluate/red/tally', 'write').ok).toBe(false);
  });

  it('shows feedback to the facilitator and to that team once revealed, never to other teams, even shared', () => {
    const ctx = { revealedScores: new Set(['red']), sharedTeams: new Set(['red']) };
    expect(authorize(facilitator, 'team/red/feedback', 'read').ok).toBe(true);
    expect(authorize(red, 'team/red/feedback', 'read').ok).toBe(false);
    expect(authorize(red, 'team/red/feedback', 'read', ctx).ok).toBe(true);
    expect(authorize(blue, 'team/red/feedback', 'read', ctx).ok).toBe(false);
    expect(authorize(red, 'team/red/feedback', 'write', ctx).ok).toBe(false);
    expect(authorize(facilitator, 'team/red/feedback', 'write').ok).toBe(false);
    expect(authorize(red, 'team/red/notes', 'write').ok).toBe(true); // other team documents unchanged
  });
});
