import { describe, expect, it } from 'vitest';
import { cueKeys, liveMessage, MESSAGE_TTL_MS, messageExpiry, movingCue } from './cues';

describe('liveMessage', () => {
  const sent = 1_000_000;
  it('shows a message until it expires, then never again', () => {
    const m = { text: '5 minutes left', at: sent };
    expect(liveMessage(m, sent)).toBe(m);
    expect(liveMessage(m, sent + MESSAGE_TTL_MS - 1)).toBe(m);
    expect(liveMessage(m, sent + MESSAGE_TTL_MS)).toBeNull();
    expect(liveMessage(m, sent + 20 * 60_000)).toBeNull();
  });
  it('a late joiner reading an old message sees nothing', () => {
    expect(liveMessage({ text: '5 minutes left', at: sent - 10 * 60_000 }, sent)).toBeNull();
  });
  it('honours an explicit end', () => {
    const m = { text: 'Break until 11:00', at: sent, until: sent + 15 * 60_000 };
    expect(messageExpiry(m)).toBe(sent + 15 * 60_000);
    expect(liveMessage(m, sent + 10 * 60_000)).toBe(m);
    expect(liveMessage(m, sent + 15 * 60_000)).toBeNull();
  });
  it('keeps a learners-only message off the projector', () => {
    const m = { text: 'Back to the room, please.', at: sent, learnersOnly: true };
    expect(liveMessage(m, sent)).toBe(m);
    expect(liveMessage(m, sent, 'projector')).toBeNull();
    expect(liveMessage({ text: '5 minutes left', at: sent }, sent, 'projector')).not.toBeNull();
  });
  it('ignores empty, malformed and far-future messages', () => {
    expect(liveMessage(null, sent)).toBeNull();
    expect(liveMessage({ text: '  ', at: sent }, sent)).toBeNull();
    expect(liveMessage({ text: 'x', at: Number.NaN }, sent)).toBeNull();
    expect(liveMessage({ text: 'x', at: sent + 5 * 60_000 }, sent)).toBeNull();
    expect(liveMessage({ text: 'x', at: sent + 1000 }, sent)).not.toBeNull();
  });
});

describe('movingCue', () => {
  it('counts down whole seconds and ends when the move happens or is undone', () => {
    const state = { phase: 'engage', pending: { phase: 'explore', at: 10_000 } };
    expect(movingCue(state, 2_000)).toEqual({ phase: 'explore', seconds: 8 });
    expect(movingCue(state, 9_999)).toEqual({ phase: 'explore', seconds: 1 });
    expect(movingCue(state, 10_000)).toBeNull();
    expect(movingCue({ phase: 'engage', pending: null }, 2_000)).toBeNull();
  });
});

describe('cueKeys', () => {
  it('names each new cue once', () => {
    const now = 5_000;
    expect(cueKeys({}, now)).toEqual([]);
    expect(cueKeys({ pending: { phase: 'explore', at: 9_000 }, broadcast: { text: 'hi', at: 4_000 }, blank: true }, now)).toEqual([
      'moving:explore:9000',
      'message:4000',
      'blank',
    ]);
    expect(cueKeys({ broadcast: { text: 'hi', at: now - MESSAGE_TTL_MS - 1 } }, now)).toEqual([]);
  });
});
