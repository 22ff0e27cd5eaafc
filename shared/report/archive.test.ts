import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeArchive, encodeArchive, type ArchiveSession } from './archive';

const session: ArchiveSession = {
  title: 'Room 4',
  code: 'ABCDEF',
  createdAt: '2026-11-29T09:00:00.000Z',
  endedAt: '2026-11-29T12:00:00.000Z',
  exportedAt: '2026-11-29T12:05:00.000Z',
};

function docWith(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  doc.getMap('m').set('k', { nested: [1, 2] });
  return Y.encodeStateAsUpdate(doc);
}

const documents: [string, Uint8Array][] = [
  ['session', docWith('phase')],
  ['team/t1/notes', docWith('our notes <script>')],
  ['learner/abc_DEF-1/journal', docWith('private')],
];

describe('session archive', () => {
  it('round-trips the session and every document state', () => {
    const decoded = decodeArchive(encodeArchive(session, documents));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.archive.session).toEqual(session);
    expect([...decoded.archive.documents.keys()].sort()).toEqual(documents.map(([n]) => n).sort());
    for (const [name, state] of documents) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, decoded.archive.documents.get(name)!);
      const original = new Y.Doc();
      Y.applyUpdate(original, state);
      expect(doc.getText('t').toString()).toBe(original.getText('t').toString());
      expect(doc.getMap('m').toJSON()).toEqual(original.getMap('m').toJSON());
    }
    expect(encodeArchive(session, [...documents].reverse())).toBe(encodeArchive(session, documents));
  });

  it('refuses a truncated archive with a message', () => {
    const text = encodeArchive(session, documents);
    const result = decodeArchive(text.slice(0, Math.floor(text.length / 2)));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/not complete JSON.*Export the archive again/) });
  });

  it('refuses an edited archive (checksum)', () => {
    const json = JSON.parse(encodeArchive(session, documents)) as { session: { title: string } };
    json.session.title = 'Renamed';
    const result = decodeArchive(JSON.stringify(json));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/checksum/);
  });

  it('refuses documents the room does not have, and a wrong shape, naming the field', () => {
    const foreign = decodeArchive(encodeArchive(session, [['room/anything-else', docWith('x')]]));
    expect(!foreign.ok && foreign.message).toMatch(/document "room\/anything-else".*does not have/);
    const json = JSON.parse(encodeArchive(session, documents)) as { session: { code?: string } };
    delete json.session.code;
    const shape = decodeArchive(JSON.stringify(json));
    expect(!shape.ok && shape.message).toMatch(/session\.code/);
    const version = decodeArchive(JSON.stringify({ ...json, version: 2 }));
    expect(!version.ok && version.message).toMatch(/version 2/);
  });

  it('refuses a document state that is not a Yjs update', () => {
    const result = decodeArchive(encodeArchive(session, [['session', new Uint8Array([255, 255, 255, 255, 255, 255, 255])]]));
    expect(!result.ok && result.message).toMatch(/"session" in this archive is damaged/);
  });
});

describe('base64', () => {
  it('round-trips bytes of every length and matches Node', async () => {
    const { fromBase64, toBase64 } = await import('./base64');
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect([...fromBase64(toBase64(bytes))]).toEqual([...bytes]);
    }
    expect(() => fromBase64('abc')).toThrow();
  });
});
