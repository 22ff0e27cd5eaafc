/**
 * Exporting a session as an archive (shared/report/archive.ts) and importing one as a new, ended (read-only) past
 * session in the data folder.
 *
 * Owns: which documents a session has (every name in its log files on disk, read only: a compaction running at the
 * same time is met by reading again), taking their states from the live room (in memory, up to date), and writing
 * an imported session atomically: the whole session folder (snapshot.bin + meta.json) is written and synced in a
 * temporary folder beside `sessions/`, then renamed into it — a refused or failed import leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { decodeArchive, encodeArchive, type SessionArchive } from '../../../shared/report/archive';
import { isRoomDocument } from '../../../shared/room/documents';
import { roomCodeFrom } from '../../../shared/room/roomCode';
import { MAGIC, decodeFile, encodeRecord } from './logFormat';
import { syncDir, writeFileAtomic } from './logFs';
import type { Room, SessionMeta } from './room';

const LOG_FILE = /^(snapshot\.bin|docs\.\d+\.log|docs\.log)$/;

/** Names of every document stored in a session folder (read only; torn or damaged tails are just not read). */
export function storedDocumentNames(dir: string): Set<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const names = new Set<string>();
      for (const file of readdirSync(dir)) {
        if (!LOG_FILE.test(file)) continue;
        for (const record of decodeFile(readFileSync(join(dir, file))).records) names.add(record.doc);
      }
      return names;
    } catch (error) {
      // A segment deleted by a compaction between listing and reading: its records are in the new snapshot.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
    }
  }
}

/** The archive of a session (JSON text): its meta and the full state of each of its room documents. */
/**
 * What leaves the host in an archive: the room's documents, except what only one learner (their journal), or only the
 * host (who answered what in a poll, each learner's background) may read — the facilitator who exports a session
 * must not get, as a file, what the room never showed them. The learner exports their own journal from their screen.
 */
export function archivable(name: string): boolean {
  return isRoomDocument(name) && !name.startsWith('learner/') && !/^poll\/[^/]+\/votes$/.test(name) && name !== 'backgrounds';
}

export function exportArchive(dir: string, room: Room): string {
  const names = [...storedDocumentNames(dir)].filter(archivable);
  const meta = room.meta;
  return encodeArchive(
    { title: meta.title, code: meta.code, createdAt: meta.createdAt, endedAt: meta.endedAt, exportedAt: new Date().toISOString() },
    names.map((name) => [name, Y.encodeStateAsUpdate(room.doc(name))]),
  );
}

export type ImportResult = { ok: true; meta: SessionMeta } | { ok: false; message: string };

/**
 * Validates `text` and writes it as a new ended session under `sessionsDir` (new id, a room code not in `takenCodes`).
 * A refused archive changes nothing on disk; a failed write removes its temporary folder and throws.
 */
export function importArchive(dataDir: string, sessionsDir: string, text: string, takenCodes: ReadonlySet<string>): ImportResult {
  const decoded = decodeArchive(text);
  if (!decoded.ok) return decoded;
  const meta = writeImported(dataDir, sessionsDir, decoded.archive, takenCodes);
  return { ok: true, meta };
}

function writeDurably(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeImported(dataDir: string, sessionsDir: string, archive: SessionArchive, takenCodes: ReadonlySet<string>): SessionMeta {
  let code = roomCodeFrom(randomBytes(6));
  while (takenCodes.has(code)) code = roomCodeFrom(randomBytes(6));
  const id = `${archive.session.createdAt.slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  const meta: SessionMeta = {
    id,
    title: archive.session.title,
    code,
    createdAt: archive.session.createdAt,
    // An imported session is a past session: read-only whatever state it was exported in.
    endedAt: archive.session.endedAt ?? archive.session.exportedAt,
    learners: {},
  };
  const tmpRoot = join(dataDir, 'import-tmp');
  mkdirSync(tmpRoot, { recursive: true });
  const tmp = join(tmpRoot, `${id}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(tmp);
    const snapshot = Buffer.concat([MAGIC, ...[...archive.documents].map(([name, state]) => encodeRecord(name, state))]);
    writeDurably(join(tmp, 'snapshot.bin'), snapshot);
    writeFileAtomic(join(tmp, 'meta.json'), JSON.stringify(meta, null, 2));
    const target = join(sessionsDir, id);
    if (existsSync(target)) throw new Error(`a session ${id} already exists`);
    renameSync(tmp, target);
    syncDir(sessionsDir);
    return meta;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
