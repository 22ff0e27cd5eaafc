/**
 * Sessions over time, on disk under `<data>/sessions/<id>/` (meta.json + the document log).
 *
 * Owns: the host key (the facilitator capability for every session of this host, kept in `<data>/host.json`,
 * created once), creating a session with a unique room code, listing, opening (loading a Room from disk),
 * resuming by title, finding a room by its code (open ones first, then past ones), ending (read-only) and deleting; and the storage health the console shows: free disk space
 * (diskSpace.ts) and recent storage problems (failed writes, damaged files found at load), also printed on stderr.
 * meta.json is written off the event loop, serialized, latest content wins (LatestWriter), and saves are coalesced:
 * however many changes arrive in one turn of the event loop (a burst of hellos or set-profile commands), meta.json is
 * serialized once, on the next turn (7,200 set-profile commands each serializing and fsyncing it froze the host
 * 12.8 s). The budgets (budgets.ts) of every room and of the WebSocket endpoint live here, one set per host.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { HostProblem, HostStatus, SessionSummary } from '../../../shared/protocol/sessionsApi';
import { roomCodeFrom } from '../../../shared/room/roomCode';
import { DEFAULT_DISK_THRESHOLDS, DiskMonitor, type DiskThresholds } from '../diskSpace';
import { DocLog } from './docLog';
import { LatestWriter, writeFileAtomic } from './logFs';
import { defaultTrialOptions } from './updateTrials';
import { Room, type SessionMeta } from './room';
import { StorageError, storageErrorFrom } from './storageError';
import { budgetsWith, type Budgets } from './budgets';
import { exportArchive, importArchive, type ImportResult } from './sessionArchive';

export type { SessionSummary };

export interface SessionManagerOptions {
  disk?: DiskThresholds;
  budgets?: Partial<Budgets>;
  /** Document names admitted beyond the room's fixed list (tests and benchmarks; see shared/room/documents.ts). */
  extraDocs?: (name: string) => boolean;
}

/** Saves of one meta.json, coalesced: many `save()` calls in one turn of the event loop serialize it once. */
export class CoalescedMeta {
  private scheduled: NodeJS.Immediate | null = null;
  private latest: SessionMeta | null = null;

  constructor(readonly writer: Pick<LatestWriter, 'write' | 'close' | 'failure'>) {}

  save(meta: SessionMeta): void {
    this.latest = meta;
    this.scheduled ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.latest) this.writer.write(JSON.stringify(this.latest, null, 2));
    this.latest = null;
  }

  async close(): Promise<void> {
    this.flush();
    await this.writer.close();
  }
}

const MAX_PROBLEMS = 20;

export class SessionManager {
  readonly hostKey: string;
  private readonly rooms = new Map<string, Room>();
  private readonly sessionsDir: string;
  private readonly files = new Map<string, { log: DocLog; meta: CoalescedMeta }>();
  private readonly problems: HostProblem[] = [];
  /** Free space in the data folder. */
  readonly disk: DiskMonitor;
  /** What one connection, address, learner and session may use (budgets.ts). */
  readonly budgets: Budgets;

  constructor(
    private readonly dataDir: string,
    private readonly options: SessionManagerOptions = {},
  ) {
    this.budgets = budgetsWith(options.budgets);
    this.disk = new DiskMonitor(dataDir, options.disk ?? DEFAULT_DISK_THRESHOLDS, { report: (message) => this.report(null, message) });
    void this.disk.start();
    this.sessionsDir = join(dataDir, 'sessions');
    mkdirSync(this.sessionsDir, { recursive: true });
    const hostFile = join(dataDir, 'host.json');
    if (existsSync(hostFile)) {
      this.hostKey = (JSON.parse(readFileSync(hostFile, 'utf8')) as { key: string }).key;
    } else {
      this.hostKey = randomBytes(24).toString('base64url');
      writeFileAtomic(hostFile, JSON.stringify({ key: this.hostKey }));
    }
  }

  private readMeta(id: string): SessionMeta | null {
    try {
      return JSON.parse(readFileSync(join(this.sessionsDir, id, 'meta.json'), 'utf8')) as SessionMeta;
    } catch {
      return null;
    }
  }

  private metas(): SessionMeta[] {
    let ids: string[];
    try {
      ids = readdirSync(this.sessionsDir);
    } catch (error) {
      // Out of file descriptors (a flood of connections) or a vanished folder: a clear error, never a crash.
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      if (code === 'EMFILE' || code === 'ENFILE') {
        throw new StorageError('io-error', 'The host laptop has too many connections open right now to read its sessions: try again in a moment.', { cause: error });
      }
      throw new StorageError('io-error', `The host laptop could not read its sessions folder (${code}): check the host's data folder, then try again.`, { cause: error });
    }
    return ids
      .map((id) => this.rooms.get(id)?.meta ?? this.readMeta(id))
      .filter((m): m is SessionMeta => m !== null)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  list(): SessionSummary[] {
    return this.metas().map((m) => ({
      id: m.id,
      title: m.title,
      code: m.code,
      createdAt: m.createdAt,
      endedAt: m.endedAt,
      learners: Object.keys(m.learners).length,
      live: this.rooms.has(m.id),
    }));
  }

  create(title: string): Room {
    // Ended sessions keep their codes too: "Open" on a past session finds it by its code (byCode).
    const taken = new Set(this.metas().map((m) => m.code));
    let code = roomCodeFrom(randomBytes(6));
    while (taken.has(code)) code = roomCodeFrom(randomBytes(6));
    const id = `${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    mkdirSync(join(this.sessionsDir, id), { recursive: true });
    const meta: SessionMeta = { id, title, code, createdAt: new Date().toISOString(), endedAt: null, learners: {} };
    try {
      writeFileAtomic(join(this.sessionsDir, id, 'meta.json'), JSON.stringify(meta, null, 2));
    } catch (error) {
      rmSync(join(this.sessionsDir, id), { recursive: true, force: true });
      throw storageErrorFrom(error);
    }
    return this.open(id)!;
  }

  /** The most recent session with this title that has not ended, loaded; null if there is none. */
  resumeByTitle(title: string): Room | null {
    const meta = this.metas().find((m) => m.title === title && !m.endedAt);
    return meta ? this.open(meta.id) : null;
  }

  open(id: string): Room | null {
    const loaded = this.rooms.get(id);
    if (loaded) return loaded;
    const meta = this.readMeta(id);
    if (!meta) return null;
    const dir = join(this.sessionsDir, id);
    const report = (message: string) => this.report(id, message);
    const log = new DocLog(dir, { report });
    const metaFile = new CoalescedMeta(new LatestWriter(join(dir, 'meta.json'), report));
    const room = new Room(meta, { log, saveMeta: (m) => metaFile.save(m) }, this.hostKey, { budgets: this.budgets, extraDocs: this.options.extraDocs, trials: defaultTrialOptions() });
    this.rooms.set(id, room);
    this.files.set(id, { log, meta: metaFile });
    return room;
  }

  /** Prints a storage problem on stderr and keeps it for the console (the latest few). */
  report(session: string | null, message: string): void {
    process.stderr.write(`host: ${session ? `session ${session}: ` : ''}${message}\n`);
    this.problems.push({ at: new Date().toISOString(), session, message });
    if (this.problems.length > MAX_PROBLEMS) this.problems.shift();
  }

  /** Storage health for the console: free space, whether writes fail right now, recent problems. */
  async status(): Promise<HostStatus> {
    await this.disk.check();
    return {
      disk: this.disk.state,
      writesFailing: [...this.files.values()].some((f) => f.log.failure !== null || f.meta.writer.failure !== null),
      problems: [...this.problems],
    };
  }

  /**
   * The room with this code, loaded from disk if need be: the open session that has it, else the latest ended one
   * (a past or imported session: the facilitator opens it read-only, a learner who was in it reads their work again,
   * anyone new is refused by the room because it has ended).
   */
  byCode(code: string): Room | null {
    const loaded = [...this.rooms.values()].filter((room) => room.meta.code === code);
    const open = loaded.find((room) => !room.ended);
    if (open) return open;
    const metas = this.metas().filter((m) => m.code === code); // newest first
    const meta = metas.find((m) => !m.endedAt) ?? metas[0];
    return meta ? this.open(meta.id) : (loaded[0] ?? null);
  }

  liveRooms(): Room[] {
    return [...this.rooms.values()];
  }

  end(id: string): boolean {
    const room = this.open(id);
    if (!room) return false;
    room.end();
    return true;
  }

  async delete(id: string): Promise<boolean> {
    const room = this.rooms.get(id);
    if (room) {
      await room.close();
      await this.files.get(id)?.meta.close();
      this.rooms.delete(id);
      this.files.delete(id);
    }
    if (!this.readMeta(id)) return false;
    rmSync(join(this.sessionsDir, id), { recursive: true, force: true });
    return true;
  }

  /** The session's archive (JSON text, sessionArchive.ts); null if there is no such session. */
  archive(id: string): string | null {
    const room = this.open(id);
    return room ? exportArchive(join(this.sessionsDir, id), room) : null;
  }

  /** Imports an archive as a new ended (read-only) session; a refused archive changes nothing. */
  importArchive(text: string): ImportResult {
    try {
      return importArchive(this.dataDir, this.sessionsDir, text, new Set(this.metas().map((m) => m.code)));
    } catch (error) {
      throw storageErrorFrom(error);
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((r) => r.close()));
    await Promise.all([...this.files.values()].map((f) => f.meta.close()));
    this.rooms.clear();
    this.files.clear();
  }
}
