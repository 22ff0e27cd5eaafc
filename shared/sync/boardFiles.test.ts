import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { BoardElement } from '../room/elementMerge';
import { BoardFiles, MAX_BOARD_FILE_CHARS, MAX_FILE_CHARS, contentId } from './boardFiles';
import { BoardSync, TOMBSTONE_AGE_MS } from './boardSync';

const png = (body: string) => `data:image/png;base64,${body}`;
const file = (dataURL: string) => ({ id: contentId(dataURL), mimeType: 'image/png', dataURL, created: 1 });
const image = (id: string, fileId: string, extra: Record<string, unknown> = {}): BoardElement => ({ id, type: 'image', version: 1, versionNonce: 1, fileId, status: 'saved', ...extra });

describe('board files', () => {
  it('travel with the image that uses them, so every member sees the picture', () => {
    const [da, db] = [new Y.Doc(), new Y.Doc()];
    const pic = file(png('iVBORw0KGgo='));
    const author = new BoardSync(da);
    expect(author.pushLocal([image('img', pic.id)], { [pic.id]: pic }).fileProblems).toEqual([]);
    Y.applyUpdate(db, Y.encodeStateAsUpdate(da));
    expect(new BoardSync(db).files.all()).toEqual([pic]);
  });

  it('wait for the picture: an image element without its file id yet is not sent', () => {
    const board = new BoardSync(new Y.Doc());
    const pic = file(png('iVBORw0KGgo='));
    expect(board.pushLocal([{ ...image('img', pic.id), fileId: null, status: 'pending' }], {}).pushed).toBe(0);
    expect(board.pushLocal([image('img', pic.id, { version: 2 })], { [pic.id]: pic }).pushed).toBe(1);
    expect(board.files.all()).toEqual([pic]);
  });

  it('are content-addressed: an entry whose id is not the hash of its content is never shown', () => {
    const doc = new Y.Doc();
    const pic = file(png('AAAA'));
    doc.getMap('files').set(pic.id, { mimeType: 'image/png', dataURL: png('BBBB'), created: 1 }); // swapped content
    doc.getMap('files').set('junk', null);
    const files = new BoardFiles(doc);
    expect(files.all()).toEqual([]);
    expect(files.get(pic.id)).toBeNull();
    // And a file whose id was not made from its content is not shared (the author is told).
    expect(files.put({ ...pic, id: 'abc' })).toMatchObject({ reason: 'not-content-addressed' });
    expect(files.put({ ...pic, mimeType: 'text/html', dataURL: 'data:text/html,<script>' })).toMatchObject({ reason: 'not-an-image' });
  });

  it('refuses a picture over the size limit, and pictures over the board total, with a message', () => {
    const doc = new Y.Doc();
    const board = new BoardSync(doc);
    const huge = file(png('A'.repeat(MAX_FILE_CHARS)));
    const r = board.pushLocal([image('big', huge.id)], { [huge.id]: huge });
    expect(r.fileProblems).toMatchObject([{ fileId: huge.id, reason: 'too-big' }]);
    expect(r.fileProblems[0]!.message).toMatch(/too large to share/);
    expect(board.files.all()).toEqual([]);
    // Its image stays on the author's device rather than showing an empty frame to everyone else.
    expect(r.pushed).toBe(0);
    expect(board.has('big')).toBe(false);
    // Reported once, not on every change of the scene.
    expect(board.pushLocal([image('big', huge.id, { version: 2 })], { [huge.id]: huge }).fileProblems).toEqual([]);

    const size = MAX_FILE_CHARS - 100;
    const count = Math.floor(MAX_BOARD_FILE_CHARS / size);
    const pics = Array.from({ length: count + 1 }, (_, i) => file(png(String(i).padStart(4, '0') + 'B'.repeat(size - 30))));
    const problems = pics.flatMap((p, i) => board.pushLocal([image(`p${i}`, p.id)], { [p.id]: p }).fileProblems);
    expect(problems).toMatchObject([{ reason: 'board-full' }]);
    expect(board.files.all()).toHaveLength(count);
  });

  it('are pruned once no element refers to them', () => {
    const now = 10 * TOMBSTONE_AGE_MS;
    const doc = new Y.Doc();
    const board = new BoardSync(doc, { now: () => now });
    const [kept, dropped] = [file(png('KEEP')), file(png('DROP'))];
    board.pushLocal([image('a', kept.id), image('b', dropped.id)], { [kept.id]: kept, [dropped.id]: dropped });
    board.pushLocal([image('b', dropped.id, { version: 2, isDeleted: true, updated: 0 })]);
    board.prune(now);
    expect(board.files.all().map((f) => f.id)).toEqual([kept.id]);
  });
});
