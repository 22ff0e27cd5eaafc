/**
 * The session archive: one JSON file holding a whole session (its title, code and dates, and every document's full
 * Yjs state), exported by the host (`GET /api/sessions/<id>/archive`) and re-imported into another kit as a
 * read-only past session (`POST /api/sessions/import`).
 *
 * Owns: the archive format (zod schema, version), its checksum (CRC-32 over the canonical content, so a truncated or
 * edited file is refused), and `encodeArchive` / `decodeArchive`. Decoding treats its input as untrusted: the schema,
 * the checksum, document names against the room's fixed list (shared/room/documents.ts), sizes (per document, in
 * total, document count) and that each state parses as a Yjs update. Every refusal says what is wrong and what to do.
 * Pure: no Node built-ins (base64 through lib0, which yjs already brings).
 */
import { fromBase64, toBase64 } from './base64';
import { encodeUtf8 } from 'lib0/string';
import * as Y from 'yjs';
import { z } from 'zod';
import { isRoomDocument } from '../room/documents';

export const ARCHIVE_FORMAT = 'workshop-kit-session-archive';
export const ARCHIVE_VERSION = 1;
/** Bounds: a 3-hour session with 60 learners and 12 teams is a few MB. */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;
export const MAX_ARCHIVE_DOCUMENTS = 5000;
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

const iso = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'a date');

export const archiveSessionSchema = z.strictObject({
  title: z.string().min(1).max(120),
  code: z.string().min(1).max(20),
  createdAt: iso,
  endedAt: iso.nullable(),
  exportedAt: iso,
});

export const archiveSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  session: archiveSessionSchema,
  documents: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        state: z
          .string()
          .max(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      }),
    )
    .max(MAX_ARCHIVE_DOCUMENTS),
  checksum: z.string().regex(/^crc32:[0-9a-f]{8}$/),
});

export type ArchiveSession = z.infer<typeof archiveSessionSchema>;
export type ArchiveJson = z.infer<typeof archiveSchema>;

/** A decoded archive: the session and each document's state (a Yjs update). */
export interface SessionArchive {
  session: ArchiveSession;
  documents: Map<string, Uint8Array>;
}

export type DecodeResult = { ok: true; archive: SessionArchive } | { ok: false; message: string };

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(text: string): string {
  const bytes = encodeUtf8(text);
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/** What the checksum covers: everything but the checksum, in a fixed order. */
function checksumOf(archive: Omit<ArchiveJson, 'checksum'>): string {
  const s = archive.session;
  const canonical = JSON.stringify([
    archive.format,
    archive.version,
    [s.title, s.code, s.createdAt, s.endedAt, s.exportedAt],
    archive.documents.map((d) => [d.name, d.state]),
  ]);
  return `crc32:${crc32(canonical)}`;
}

/** The archive of a session as JSON text. Documents are sorted by name, so the same session gives the same file. */
export function encodeArchive(session: ArchiveSession, documents: Iterable<[string, Uint8Array]>): string {
  const docs = [...documents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, state]) => ({ name, state: toBase64(state) }));
  const body = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, session, documents: docs } as const;
  return JSON.stringify({ ...body, checksum: checksumOf(body) });
}

const AGAIN = 'Export the archive again from the kit that ran the session, and import that file unchanged.';

function fail(message: string): DecodeResult {
  return { ok: false, message };
}

/** Validates and decodes an archive's text; never throws. */
export function decodeArchive(text: string): DecodeResult {
  if (text.length > MAX_ARCHIVE_BYTES)
    return fail(`This archive is larger than ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB, more than any session holds. ${AGAIN}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(`This file is not a session archive: it is not complete JSON (cut short or damaged?). ${AGAIN}`);
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    (json as { format?: unknown }).format === ARCHIVE_FORMAT &&
    (json as { version?: unknown }).version !== ARCHIVE_VERSION
  ) {
    return fail(
      `This archive has format version ${String((json as { version?: unknown }).version)}; this kit reads version ${ARCHIVE_VERSION}. Update the kit, or export the archive from a kit of the same version.`,
    );
  }
  const parsed = archiveSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the file';
    return fail(`This file is not a valid session archive (${where}: ${issue?.message ?? 'invalid'}). ${AGAIN}`);
  }
  const archive = parsed.data;
  if (checksumOf(archive) !== archive.checksum)
    return fail(`This archive was changed or damaged after it was exported (its checksum does not match). ${AGAIN}`);
  const documents = new Map<string, Uint8Array>();
  for (const { name, state } of archive.documents) {
    if (!isRoomDocument(name))
      return fail(`This archive holds a document "${name.slice(0, 80)}" that a session of this kit does not have. ${AGAIN}`);
    if (documents.has(name)) return fail(`This archive holds the document "${name}" twice. ${AGAIN}`);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(state);
      Y.decodeUpdate(bytes);
    } catch {
      return fail(`The document "${name}" in this archive is damaged (not a readable document state). ${AGAIN}`);
    }
    documents.set(name, bytes);
  }
  return { ok: true, archive: { session: archive.session, documents } };
}
