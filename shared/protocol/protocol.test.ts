import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocFrameKind, MAX_UPDATE_BYTES, PROTOCOL_VERSION, decodeDocFrame, encodeDocFrame, parseClientText } from './protocol';
import { roomCodeFrom, normalizeRoomCode, ROOM_CODE_ALPHABET } from '../room/roomCode';
import { ROOM_CODE_PATTERN } from './protocol';

describe('parseClientText', () => {
  it('accepts a valid hello and names what is wrong otherwise', () => {
    expect(parseClientText(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: 'K7M2QX', name: 'Ada' }))).toMatchObject({ ok: true });
    expect(parseClientText('{')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseClientText(JSON.stringify({ type: 'launch-missiles' }))).toMatchObject({ ok: false, reason: 'unknown-type' });
    expect(parseClientText(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION + 1, room: 'K7M2QX' }))).toMatchObject({ ok: false, reason: 'version-mismatch' });
    const bad = parseClientText(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, room: 'kitten' }));
    expect(bad).toMatchObject({ ok: false, reason: 'malformed' });
    expect(!bad.ok && bad.message).toMatch(/hello: room/);
    expect(parseClientText(JSON.stringify({ type: 'subscribe', doc: '../../etc/passwd' }))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseClientText(JSON.stringify({ type: 'hello', v: 1, room: 'K7M2QX', extra: true }))).toMatchObject({ ok: false });
  });

  it('never throws on random input (seeded)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pieces = ['{', '}', '"type"', ':', '"hello"', '"subscribe"', ',', '"doc"', '"room"', '1', 'null', '[', ']', '"v"', '"K7M2QX"'];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: Math.floor(rnd() * 12) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
      expect(() => parseClientText(text)).not.toThrow();
    }
  });
});

describe('doc frames', () => {
  it('round-trip', () => {
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    const frame = decodeDocFrame(encodeDocFrame(DocFrameKind.UPDATE, 'room/notes', update, 77));
    expect(frame).toMatchObject({ ok: true, value: { kind: DocFrameKind.UPDATE, doc: 'room/notes', seq: 77 } });
  });
  it('refuse bad names, unknown kinds, empty and oversized payloads, and random bytes without throwing', () => {
    expect(decodeDocFrame(encodeDocFrame(DocFrameKind.SYNC, 'nope/../x', new Uint8Array([1])))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(decodeDocFrame(new Uint8Array([9, 1, 65, 1]))).toMatchObject({ ok: false, reason: 'unknown-type' });
    expect(decodeDocFrame(encodeDocFrame(DocFrameKind.SYNC, 'session', new Uint8Array()))).toMatchObject({ ok: false });
    expect(decodeDocFrame(encodeDocFrame(DocFrameKind.SYNC, 'session', new Uint8Array(MAX_UPDATE_BYTES + 1)))).toMatchObject({ ok: false, reason: 'too-big' });
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256));
      expect(() => decodeDocFrame(bytes)).not.toThrow();
    }
  });
});

describe('room codes', () => {
  it('use an alphabet without look-alikes, and every generated code matches the pattern', () => {
    expect(ROOM_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: 6 }, (_, k) => (i * 37 + k * 101) % 256);
      expect(roomCodeFrom(bytes)).toMatch(ROOM_CODE_PATTERN);
    }
    expect(normalizeRoomCode(' k7m-2qx ')).toBe('K7M2QX');
  });
});
