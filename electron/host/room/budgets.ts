/**
 * The host's budgets: how much one connection, one network address, one learner and one session may use, so that
 * one device cannot stop, flood or exhaust the room.
 *
 * Owns: the defaults (chosen so a 60-person room never reaches them: the e2e run's 20 learners and bench:room's 200
 * learners from 127.0.0.x stay well inside; every one is an option the host and the benchmarks can raise), token
 * buckets (frames and bytes per connection AND per address, presence updates per connection, commands per learner),
 * the sliding window of new learners per address, and the per-session document budgets (documents a learner may
 * bring into existence, bytes a document may grow to). Each refusal names a RejectionReason and says what to do.
 *
 * The network side (wsServer.ts) applies the connection and address budgets before a frame reaches its room; the
 * room (room.ts) asks `DocBudget` before a document is created or written, and `CommandBudget` before a command.
 */
import type * as Y from 'yjs';
import type { Actor } from '../../../shared/room/documents';
import type { Command, RejectionReason } from '../../../shared/protocol/protocol';
import type { SessionMeta } from './identity';

export interface Budgets {
  /** Open WebSockets on this host, all sessions together. */
  maxConnections: number;
  /** Open WebSockets from one network address (a device, or a few behind one address). */
  maxConnectionsPerAddress: number;
  /** Frames per second a connection may send on average, and its burst. */
  framesPerSecond: number;
  frameBurst: number;
  /** The same, for all connections of one address together (100 sockets from one address were 13,350 frames/s). */
  addressFramesPerSecond: number;
  addressFrameBurst: number;
  /** Bytes per second a connection may send, and its burst (≥ the largest edit, MAX_EDIT_BYTES, sent in chunks). */
  bytesPerSecond: number;
  byteBurst: number;
  addressBytesPerSecond: number;
  addressByteBurst: number;
  /** A client that does not read what the host sends: past this many unsent bytes it is dropped (it resyncs). */
  maxBufferedBytes: number;
  /** Participants a session takes (the facilitator not counted). */
  maxLearners: number;
  /** New participants (no known token) from one address per minute. */
  newLearnersPerAddressPerMinute: number;
  /** Presence (awareness) updates per second per connection, and the burst. */
  presencePerSecond: number;
  presenceBurst: number;
  /** Commands per second per learner (over all of their connections), and the burst. */
  commandsPerSecond: number;
  commandBurst: number;
  /** Bytes of updates a document may hold on the host; past it, edits of it are refused. */
  maxDocBytes: number;
  /** Documents one learner may bring into existence (subscribing to or writing a document nobody had yet). */
  maxDocsPerLearner: number;
}

const MB = 1024 * 1024;

export const DEFAULT_BUDGETS: Budgets = {
  maxConnections: 1000,
  maxConnectionsPerAddress: 64,
  framesPerSecond: 200,
  frameBurst: 400,
  addressFramesPerSecond: 1000,
  addressFrameBurst: 2000,
  bytesPerSecond: 1 * MB,
  byteBurst: 24 * MB,
  addressBytesPerSecond: 4 * MB,
  addressByteBurst: 48 * MB,
  maxBufferedBytes: 64 * MB,
  maxLearners: 300,
  newLearnersPerAddressPerMinute: 60,
  presencePerSecond: 30,
  presenceBurst: 60,
  commandsPerSecond: 10,
  commandBurst: 50,
  maxDocBytes: 32 * MB,
  maxDocsPerLearner: 32,
};

export function budgetsWith(overrides: Partial<Budgets> = {}): Budgets {
  const out = { ...DEFAULT_BUDGETS };
  for (const [key, value] of Object.entries(overrides) as [keyof Budgets, number | undefined][]) if (value !== undefined) out[key] = value;
  return out;
}

/** A token bucket: `take(n)` succeeds while the average stays under `rate` per second, with `burst` in reserve. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(amount = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** Whether the bucket is full again (nothing owed): an idle key can be forgotten. */
  idle(): boolean {
    return this.tokens + ((this.now() - this.last) / 1000) * this.rate >= this.burst;
  }
}

/** Buckets per key (an address, a learner), created on first use and forgotten once idle. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  take(key: string, amount = 1): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 10_000) this.sweep();
      this.buckets.set(key, (bucket = new TokenBucket(this.rate, this.burst)));
    }
    return bucket.take(amount);
  }

  private sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.idle()) this.buckets.delete(key);
  }
}

/** Events per key in the last minute (new learners per address). */
export class PerMinute {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly limit: number) {}

  /** Records one event for `key` if the limit allows it; false when the key has used its minute. */
  take(key: string, now = Date.now()): boolean {
    const recent = (this.times.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.limit) {
      this.times.set(key, recent);
      return false;
    }
    recent.push(now);
    this.times.set(key, recent);
    if (this.times.size > 10_000) for (const [k, v] of this.times) if (v.every((t) => now - t >= 60_000)) this.times.delete(k);
    return true;
  }
}

export type BudgetRefusal = { ok: false; reason: RejectionReason; message: string };
export type BudgetDecision = { ok: true } | BudgetRefusal;
const allowed: BudgetDecision = { ok: true };

/**
 * Per session: which learner brought each document into existence (a learner may bring at most maxDocsPerLearner)
 * and how many bytes of updates each document holds (at most maxDocBytes; measured from its encoded state when a
 * client first writes it, then grown by every change Yjs integrates — an over-estimate after deletions and merges,
 * which is the safe side).
 */
export class DocBudget {
  private readonly created = new Map<string, Set<string>>();
  private readonly bytes = new Map<string, number>();

  constructor(private readonly budgets: Pick<Budgets, 'maxDocBytes' | 'maxDocsPerLearner'>) {}

  /** Before `actor` subscribes to or writes `name`; `exists` says whether the host already has the document. */
  mayTouch(actor: Actor, name: string, exists: boolean): BudgetDecision {
    if (exists || actor.role !== 'learner') return allowed;
    const mine = this.created.get(actor.learnerId) ?? new Set<string>();
    if (mine.has(name)) return allowed;
    if (mine.size >= this.budgets.maxDocsPerLearner) {
      return { ok: false, reason: 'too-many-documents', message: `you have opened ${mine.size} documents of this room, the most one participant may: this one cannot be created` };
    }
    mine.add(name);
    this.created.set(actor.learnerId, mine);
    return allowed;
  }

  /** Before writing `update` into `doc` (named `name`). */
  mayGrow(name: string, doc: Y.Doc, update: Uint8Array, encodeState: (doc: Y.Doc) => Uint8Array): BudgetDecision {
    let size = this.bytes.get(name);
    if (size === undefined) this.bytes.set(name, (size = encodeState(doc).length));
    if (size + update.length > this.budgets.maxDocBytes) {
      return {
        ok: false,
        reason: 'document-full',
        message: `${name} is full (${Math.round(this.budgets.maxDocBytes / 1048576)} MB on the host): this change stays on your device only — remove large pictures or pasted text, or continue in another document`,
      };
    }
    return allowed;
  }

  /** After a change of `name` (the update Yjs emitted); counted once the document was measured by `mayGrow`. */
  grew(name: string, update: Uint8Array): void {
    const size = this.bytes.get(name);
    if (size !== undefined) this.bytes.set(name, size + update.length);
  }
}

/** Commands per learner, over all of their connections (ten sockets of one learner share one budget). */
export class CommandBudget {
  private readonly buckets: KeyedBuckets;

  constructor(budgets: Pick<Budgets, 'commandsPerSecond' | 'commandBurst'>) {
    this.buckets = new KeyedBuckets(budgets.commandsPerSecond, budgets.commandBurst);
  }

  /**
   * Before applying `command` for `actor`: 'no-op' when it would change nothing (an unchanged set-profile is
   * acknowledged without saving meta.json or touching the roster), else the learner's command budget.
   */
  check(actor: Actor, command: Command, meta: SessionMeta): BudgetDecision | 'no-op' {
    if (command.cmd === 'set-profile') {
      const record = meta.learners[actor.learnerId];
      if (record && record.name === command.name && record.profile === command.profile) return 'no-op';
    }
    if (actor.role !== 'learner' || this.buckets.take(actor.learnerId)) return allowed;
    return { ok: false, reason: 'rate-limited', message: 'too many actions at once from you: the last one is sent again in a moment' };
  }
}

/** Whether an address is this machine (the facilitator's laptop): 127.0.0.0/8, ::1, and their IPv4-mapped forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
