import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { initialClock, start } from '../../../shared/room/clock';
import { PhaseTimer } from './phaseTimer';

describe('PhaseTimer', () => {
  let doc: Y.Doc;
  let writable: boolean;
  let timer: PhaseTimer;
  const state = () => doc.getMap('state');
  const host = Symbol('host');
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    doc = new Y.Doc();
    writable = true;
    timer = new PhaseTimer({ session: () => doc, origin: host, writable: () => writable });
    // As the room does: re-armed on every change of the session document.
    doc.on('update', () => timer.arm());
    state().set('phase', 'engage');
    state().set('clock', start({ ...initialClock(), phaseId: 'engage' }, 1_000_000 - 60_000));
  });
  afterEach(() => {
    timer.stop();
    vi.useRealTimers();
  });

  it('makes the change final at its moment, as of that moment, with the host origin', () => {
    const origins: unknown[] = [];
    state().set('pending', { phase: 'explore', at: 1_008_000 });
    doc.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
    vi.advanceTimersByTime(7_999);
    expect(state().get('phase')).toBe('engage');
    vi.advanceTimersByTime(1);
    expect(state().get('phase')).toBe('explore');
    expect(state().get('pending')).toBeNull();
    expect(state().get('clock')).toMatchObject({ phaseId: 'explore', running: true, segmentStartedAt: 1_008_000, actualMinutes: { engage: 1 } });
    expect(origins).toEqual([host]);
  });

  it('an undo cancels it; a new announcement is waited for instead', () => {
    state().set('pending', { phase: 'explore', at: 1_008_000 });
    vi.advanceTimersByTime(3_000);
    state().set('pending', null);
    vi.advanceTimersByTime(60_000);
    expect(state().get('phase')).toBe('engage');
    state().set('pending', { phase: 'explain', at: Date.now() + 8_000 });
    state().set('showClock', true); // another change to the document does not move the moment
    vi.advanceTimersByTime(8_000);
    expect(state().get('phase')).toBe('explain');
  });

  it('at start, a change whose moment passed is made final at once; a session that ended is left alone', () => {
    state().set('pending', { phase: 'explore', at: 900_000 });
    vi.advanceTimersByTime(0);
    expect(state().get('phase')).toBe('explore');

    writable = false;
    state().set('pending', { phase: 'explain', at: Date.now() + 1000 });
    vi.advanceTimersByTime(5_000);
    expect(state().get('phase')).toBe('explore');
  });
});
