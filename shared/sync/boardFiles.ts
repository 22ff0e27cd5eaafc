/**
 * Owns: the image files of a whiteboard (Excalidraw's BinaryFiles), shared through the board's own document so a
 * picture shows for every member, not only for its author.
 *
 * Content-addressed: Y.Map `files`, key = SHA-256 (hex) of the file's dataURL, value { mimeType, dataURL, created }.
 * The key is checked against the content on every read (once per content, then cached), so an entry cannot be
 * swapped for another picture under the same id, and a corrupt or hostile entry is skipped, never shown. The
 * editor gives new pictures these ids (renderer/src/team/boardImages.ts, through Excalidraw's `generateIdForFile`),
 * so the image elements refer to files by their content.
 *
 * Size-limited: a file's dataURL is at most MAX_FILE_CHARS, a board's files together at most MAX_BOARD_FILE_CHARS;
 * bigger ones are refused with a problem the author is shown (the picture and its image element then stay on their
 * device only, rather than an empty frame on everyone else's), and a
 * reader takes valid files in key order up to the total. Files no element refers to any more are pruned with the
 * tombstones that referred to them.
 */
import type * as Y from 'yjs';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import type { BoardElement } from '../room/elementMerge';

/** One picture at most about 1.1 MB (its dataURL is base64, a third larger). */
export const MAX_FILE_CHARS = 1_500_000;
/** All the pictures of one board. */
export const MAX_BOARD_FILE_CHARS = 8_000_000;
const MIME_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/bmp', 'image/avif']);

/** What Excalidraw keeps for a file (its BinaryFileData, the fields we use). */
export interface FileLike {
  id: string;
  mimeType: string;
  dataURL: string;
  created?: number;
}

export interface BoardFile {
  id: string;
  mimeType: string;
  dataURL: string;
  created: number;
}

export type FileProblemReason = 'too-big' | 'board-full' | 'not-content-addressed' | 'not-an-image';
export interface FileProblem {
  fileId: string;
  reason: FileProblemReason;
  message: string;
}

/** The id of a file: the SHA-256 of its dataURL, in hex. */
export function contentId(dataURL: string): string {
  let hex = '';
  for (const byte of digest(encodeUtf8(dataURL))) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function shapeOk(value: unknown): value is { mimeType: string; dataURL: string; created?: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const { mimeType, dataURL } = value as Record<string, unknown>;
  return typeof mimeType === 'string' && MIME_TYPES.has(mimeType) && typeof dataURL === 'string' && dataURL.length <= MAX_FILE_CHARS && dataURL.startsWith(`data:${mimeType}`);
}

export class BoardFiles {
  private readonly map: Y.Map<unknown>;
  /** key → the dataURL last checked against it, and whether it matched (a mismatch is not hashed again). */
  private readonly verified = new Map<string, { dataURL: string; ok: boolean }>();
  /** Files this replica has already handled (written, or refused and reported once). */
  private readonly handled = new Set<string>();
  /** Files refused here: their images stay on this device (BoardSync does not send them without their picture). */
  private readonly refused = new Set<string>();

  constructor(private readonly doc: Y.Doc) {
    this.map = doc.getMap<unknown>('files');
  }

  /** One file, if the document holds a valid one under this id. */
  get(id: string): BoardFile | null {
    const value = this.map.get(id);
    if (!shapeOk(value)) return null;
    let check = this.verified.get(id);
    if (check?.dataURL !== value.dataURL) this.verified.set(id, (check = { dataURL: value.dataURL, ok: contentId(value.dataURL) === id }));
    if (!check.ok) return null;
    return { id, mimeType: value.mimeType, dataURL: value.dataURL, created: typeof value.created === 'number' ? value.created : 0 };
  }

  /** Every valid file, in id order, up to the board's total. */
  all(): BoardFile[] {
    const out: BoardFile[] = [];
    let total = 0;
    for (const id of [...this.map.keys()].sort()) {
      const file = this.get(id);
      if (!file || total + file.dataURL.length > MAX_BOARD_FILE_CHARS) continue;
      total += file.dataURL.length;
      out.push(file);
    }
    return out;
  }

  /** Calls `fn` whenever files change (any origin). */
  onChange(fn: () => void): () => void {
    this.map.observe(fn);
    return () => this.map.unobserve(fn);
  }

  /** Writes one file; returns why not, if it cannot be shared. */
  put(file: FileLike): FileProblem | null {
    const problem = (reason: FileProblemReason, message: string): FileProblem => ({ fileId: file.id, reason, message });
    if (typeof file.dataURL !== 'string' || !MIME_TYPES.has(file.mimeType) || !file.dataURL.startsWith(`data:${file.mimeType}`)) {
      return problem('not-an-image', 'This file is not a picture the board can share; only you can see it.');
    }
    if (file.dataURL.length > MAX_FILE_CHARS) {
      return problem('too-big', `This picture is too large to share (${mb(file.dataURL.length)} MB, at most ${mb(MAX_FILE_CHARS)} MB); only you can see it. Use a smaller picture.`);
    }
    if (this.get(file.id)) return null;
    if (contentId(file.dataURL) !== file.id) {
      return problem('not-content-addressed', 'This picture came from elsewhere and cannot be shared; insert it again from a file to share it.');
    }
    const used = this.all().reduce((sum, f) => sum + f.dataURL.length, 0);
    if (used + file.dataURL.length > MAX_BOARD_FILE_CHARS) {
      return problem('board-full', `The board's pictures would exceed ${mb(MAX_BOARD_FILE_CHARS)} MB; only you can see this one. Delete a picture first.`);
    }
    this.map.set(file.id, { mimeType: file.mimeType, dataURL: file.dataURL, created: file.created ?? 0 });
    this.verified.set(file.id, { dataURL: file.dataURL, ok: true });
    return null;
  }

  /**
   * Writes the files that the scene's images use and the document lacks, each once per replica; returns the
   * problems met for files not handled before (so the author is told once).
   */
  pushFor(elements: readonly BoardElement[], files: Readonly<Record<string, FileLike>>): FileProblem[] {
    const problems: FileProblem[] = [];
    for (const el of elements) {
      const fileId = el.fileId;
      if (el.type !== 'image' || el.isDeleted || typeof fileId !== 'string' || this.handled.has(fileId)) continue;
      const file = files[fileId];
      if (!file) continue; // not loaded yet: tried again on the next change
      this.handled.add(fileId);
      const problem = this.put(file);
      if (problem) {
        problems.push(problem);
        this.refused.add(fileId);
      }
    }
    return problems;
  }

  /**
   * Whether an image element with this file may be sent: not while the editor is still preparing the picture
   * (no file id yet: the frame alone would show empty elsewhere), nor when its file was refused here (the image
   * then stays on this device).
   */
  mayShare(fileId: unknown): boolean {
    return typeof fileId === 'string' && !this.refused.has(fileId);
  }

  /**
   * Removes files no element refers to, created before `createdBefore` (a picture's element may arrive after its
   * file, from another writer); returns how many.
   */
  prune(referenced: ReadonlySet<string>, createdBefore: number): number {
    const doomed = [...this.map.keys()].filter((id) => {
      if (referenced.has(id)) return false;
      const created = (this.map.get(id) as { created?: unknown } | null)?.created;
      return !(typeof created === 'number' && created >= createdBefore);
    });
    if (doomed.length > 0) this.doc.transact(() => doomed.forEach((id) => this.map.delete(id)));
    for (const id of doomed) this.verified.delete(id);
    return doomed.length;
  }
}

function mb(chars: number): string {
  return (chars / 1_000_000).toFixed(1);
}
