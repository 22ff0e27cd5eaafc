/**
 * Who is joining: the facilitator capability check and the learner's identity (device token, rejoin code, or a new
 * participant). Tokens are stored hashed in the session's meta.json; the rejoin code moves an identity to another
 * device (and retires the old device's token). A rejoin code is single-use: the move issues a new one (shown on
 * the new device only). Guessing is throttled by the room (a wrong code counts as a failed join of the address,
 * like a wrong room code, and closes the socket), and the move waits for the original device's consent while it is
 * connected (rejoinMoves.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Hello } from '../../../shared/protocol/protocol';
import { ROOM_CODE_ALPHABET } from '../../../shared/room/roomCode';

export interface LearnerRecord {
  tokenHash: string;
  rejoinCode: string;
  name: string;
  profile: string | null;
  /** Tokens of devices this identity was moved away from (rejoin code): they are told so, not made new learners. */
  movedTokenHashes?: string[];
}

export interface SessionMeta {
  id: string;
  title: string;
  code: string;
  createdAt: string;
  endedAt: string | null;
  learners: Record<string, LearnerRecord>;
}

export type LearnerIdentity =
  | { ok: true; learnerId: string; token: string; record: LearnerRecord; moved: boolean }
  /** A valid rejoin code: nothing changed yet; the room decides when the move happens (`moveIdentity`). */
  | { ok: 'rejoin'; learnerId: string }
  | { ok: false; reason: 'bad-token' | 'session-ended' | 'identity-moved'; message: string };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function secretMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function newRejoinCode(): string {
  return Array.from(randomBytes(8), (b) => ROOM_CODE_ALPHABET[b % ROOM_CODE_ALPHABET.length]).join('');
}

/** Whether a hello speaks for someone this session knows (a known device token, or a rejoin code to check). */
export function isKnownLearner(meta: SessionMeta, hello: Hello): boolean {
  if (hello.rejoinCode) return true;
  if (!hello.token) return false;
  const hash = hashToken(hello.token);
  return Object.values(meta.learners).some((learner) => learner.tokenHash === hash);
}

/** Finds or creates the learner a hello speaks for, updating `meta.learners` (the caller saves it). */
export function resolveLearner(meta: SessionMeta, hello: Hello, ended: boolean): LearnerIdentity {
  const ids = Object.keys(meta.learners);
  let learnerId: string | undefined;
  let token: string | undefined;
  if (hello.token) {
    const hash = hashToken(hello.token);
    // An unknown token (say, from another host's data) is not something the learner can fix: they join afresh.
    learnerId = ids.find((id) => meta.learners[id]!.tokenHash === hash);
    if (learnerId) token = hello.token;
    const movedFrom = learnerId ? undefined : ids.find((id) => meta.learners[id]!.movedTokenHashes?.includes(hash));
    if (movedFrom) {
      return {
        ok: false,
        reason: 'identity-moved',
        message: `${meta.learners[movedFrom]!.name} continues on another device (the rejoin code was used there): this device is read-only now; download what it has not sent and hand it over`,
      };
    }
  }
  if (!learnerId && hello.rejoinCode) {
    const code = hello.rejoinCode.toUpperCase();
    learnerId = ids.find((id) => meta.learners[id]!.rejoinCode === code);
    if (!learnerId) return { ok: false, reason: 'bad-token', message: 'that rejoin code is not known in this session: check it, or join as a new participant' };
    return { ok: 'rejoin', learnerId };
  }
  if (!learnerId) {
    if (ended) return { ok: false, reason: 'session-ended', message: 'this session has ended; it can no longer be joined' };
    learnerId = `l-${randomBytes(6).toString('hex')}`;
    meta.learners[learnerId] = { tokenHash: '', rejoinCode: newRejoinCode(), name: hello.name ?? 'Guest', profile: hello.profile ?? null };
  }
  const record = meta.learners[learnerId]!;
  if (!token) {
    token = randomBytes(24).toString('base64url');
    record.tokenHash = hashToken(token);
  }
  if (hello.name) record.name = hello.name;
  if (hello.profile) record.profile = hello.profile;
  return { ok: true, learnerId, token, record, moved: false };
}

/** Moves an identity to a new device: the old device's token is retired, the rejoin code used up (a new one issued). */
export function moveIdentity(meta: SessionMeta, learnerId: string): Extract<LearnerIdentity, { ok: true }> {
  const record = meta.learners[learnerId]!;
  if (record.tokenHash) record.movedTokenHashes = [...(record.movedTokenHashes ?? []), record.tokenHash].slice(-5);
  const token = randomBytes(24).toString('base64url');
  record.tokenHash = hashToken(token);
  record.rejoinCode = newRejoinCode();
  return { ok: true, learnerId, token, record, moved: true };
}
