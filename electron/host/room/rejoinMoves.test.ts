import { afterEach, describe, expect, it, vi } from 'vitest';
import { MOVE_ANSWER_MS, RejoinMoves } from './rejoinMoves';

function setup(devices: string[]) {
  const log: string[] = [];
  const moves = new RejoinMoves<string>({
    devicesOf: (_learner, except) => devices.filter((d) => d !== except),
    ask: (device, requestId) => log.push(`ask ${device} ${requestId.length > 8 ? 'id' : requestId}`),
    complete: (conn) => log.push(`complete ${conn}`),
    decline: (conn, unanswered) => log.push(`decline ${conn}${unanswered ? ' (unanswered)' : ''}`),
  });
  return { moves, log, devices };
}

describe('rejoin moves', () => {
  afterEach(() => vi.useRealTimers());

  it('moves at once when the learner has no device connected', () => {
    const { moves, log } = setup([]);
    expect(moves.start('new', 'l1')).toBe('moved');
    expect(log).toEqual(['complete new']);
  });

  it('asks the device in use; one move waits at a time; a stale or foreign answer changes nothing', () => {
    const { moves, log } = setup(['old']);
    expect(moves.start('new', 'l1')).toBe('asked');
    expect(moves.start('other', 'l1')).toBe('busy');
    expect(moves.answer('l2', 'whatever', true)).toBe(false);
    expect(moves.answer('l1', 'not-the-id', true)).toBe(false);
    expect(log).toEqual(['ask old id']);
  });

  it('goes ahead when the device in use leaves, and forgets a newcomer who leaves', () => {
    const { moves, log, devices } = setup(['old']);
    moves.start('new', 'l1');
    devices.length = 0;
    moves.gone('old', 'l1');
    expect(log.at(-1)).toBe('complete new');
    devices.push('old');
    moves.start('new2', 'l1');
    moves.gone('new2', null);
    expect(moves.start('new3', 'l1')).toBe('asked');
  });

  it('refuses a move nobody answers within the time allowed', () => {
    vi.useFakeTimers();
    const { moves, log } = setup(['old']);
    moves.start('new', 'l1');
    vi.advanceTimersByTime(MOVE_ANSWER_MS + 1);
    expect(log.at(-1)).toBe('decline new (unanswered)');
    expect(moves.start('again', 'l1')).toBe('asked');
  });
});
