/**
 * The room protocol: one WebSocket per client carries every document of the room.
 *
 * Owns: the protocol version, the control messages (JSON text frames, parsed by zod schemas at the edge), the
 * binary document frames (sync, awareness, update with a client sequence number), and the named rejection
 * reasons. Nothing here trusts its input: `parseClientText` and `decodeDocFrame` take `unknown`/bytes and return
 * a typed message or a reason.
 *
 * Binary frame layout (lib0 encoding):
 *   [kind: varUint] [doc: varString] then
 *     kind 0 SYNC      [y-protocols sync message]      (step 1 / step 2 / update, as in y-websocket)
 *     kind 1 AWARENESS [y-protocols awareness update]
 *     kind 2 UPDATE    [seq: varUint] [Yjs update]    (client → host: a local edit to persist and acknowledge)
 *     kind 3 CHUNK     [transfer: varUint] [index: varUint] [count: varUint] [bytes]
 *                      (a part of a larger frame of this document: chunks.ts splits frames over MAX_UPDATE_BYTES into
 *                      parts of CHUNK_BYTES and joins them again, so a 5 MB board travels both ways and no single
 *                      WebSocket frame exceeds MAX_FRAME_BYTES)
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { DOC_NAME_PATTERN } from '../room/documents';
import { CONFIDENCE_MAX, CONFIDENCE_MIN, EXIT_TEXT_MAX } from '../room/exitTicket';
import { MAX_TEXT_BYTES, MAX_TEXT_DEPTH, jsonNestsDeeperThan } from './jsonLimits';
import { EVALUATE_COMMAND_SCHEMAS, EVALUATE_FACILITATOR_COMMANDS } from './evaluateCommands';

export const PROTOCOL_VERSION = 1;
/** Frames above this size close the socket with 1009 (message too big). */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** The largest payload sent in one frame; anything larger travels in chunks of CHUNK_BYTES. */
export const MAX_UPDATE_BYTES = 512 * 1024;
export const CHUNK_BYTES = 256 * 1024;
/** The largest edit a client may send (in chunks): beyond it the client tells its user and does not send it. */
export const MAX_EDIT_BYTES = 16 * 1024 * 1024;
/** The largest frame the host sends a client (a whole document's state, in chunks). */
export const MAX_SYNC_BYTES = 64 * 1024 * 1024;

export const DocFrameKind = { SYNC: 0, AWARENESS: 1, UPDATE: 2, CHUNK: 3 } as const;
export type DocFrameKind = (typeof DocFrameKind)[keyof typeof DocFrameKind];

export const REJECTION_REASONS = [
  'malformed',
  'too-big',
  'unknown-type',
  'version-mismatch',
  'not-joined',
  'already-joined',
  'unknown-room',
  'session-ended',
  'bad-token',
  'bad-secret',
  'forbidden',
  'unknown-doc',
  'rate-limited',
  'too-many-attempts',
  'bad-origin',
  'internal',
  /** The update builds on changes the host does not have: the client keeps it and resends it after the repair. */
  'missing-dependencies',
  /** The host could not write to its disk: nothing was acknowledged; the client keeps the edit. */
  'storage',
  /** This learner's identity was moved to another device with the rejoin code: this device is read-only now. */
  'identity-moved',
  /** The update would cost the host too much work to apply (crafted, or beyond the host's budgets): never resent. */
  'too-costly',
  /** The document has reached its size budget on the host: further edits of it are refused (final). */
  'document-full',
  /** This learner has touched as many documents as a learner may (final for that document). */
  'too-many-documents',
  /** The session has as many participants as it takes: a new participant cannot join. */
  'room-full',
  /** Too many new participants from this device's network address in the last minute: wait, then join. */
  'too-many-joins',
  /** The learner's other device was asked to confirm a move with the rejoin code and said no. */
  'move-declined',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const ROOM_CODE_PATTERN = /^[A-HJKMNP-Z2-9]{6}$/;
const roomCode = z.string().regex(ROOM_CODE_PATTERN);
const docName = z.string().max(120).regex(DOC_NAME_PATTERN);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const PROFILE_IDS = ['new-to-ml', 'data-scientist', 'devops-sre', 'it-operations', 'software-engineer'] as const;

const helloSchema = z.strictObject({
  type: z.literal('hello'),
  v: z.number().int(),
  room: roomCode,
  /** Facilitator capability: the session secret from the facilitator URL. */
  secret: z.string().min(16).max(128).optional(),
  /** A learner's device token, to resume the same identity. */
  token: z.string().min(16).max(128).optional(),
  /** Move an identity to this device. */
  rejoinCode: z.string().min(6).max(16).optional(),
  name: z.string().trim().min(1).max(60).optional(),
  profile: z.enum(PROFILE_IDS).optional(),
});

const teamId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const learnerId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

const commandSchema = z.discriminatedUnion('cmd', [
  z.strictObject({ cmd: z.literal('set-profile'), name: z.string().trim().min(1).max(60), profile: z.enum(PROFILE_IDS) }),
  z.strictObject({ cmd: z.literal('raise-hand'), raised: z.boolean() }),
  /** The facilitator lowers a learner's raised hand (a learner lowers their own with `raise-hand`). */
  z.strictObject({ cmd: z.literal('lower-hand'), learnerId }),
  z.strictObject({ cmd: z.literal('choose-group'), teamId }),
  z.strictObject({
    cmd: z.literal('vote'),
    pollId: z.string().regex(/^[a-z0-9-]{1,80}$/),
    answer: z.union([
      z.strictObject({ choices: z.array(z.string().max(80)).min(1).max(20) }),
      z.strictObject({ value: z.number() }),
      z.strictObject({ text: z.string().max(1000) }),
    ]),
  }),
  z.strictObject({ cmd: z.literal('ask'), questionId: z.string().regex(/^[A-Za-z0-9_-]{6,40}$/), text: z.string().trim().min(3).max(400), anonymous: z.boolean() }),
  z.strictObject({ cmd: z.literal('upvote'), questionId: z.string().regex(/^[A-Za-z0-9_-]{6,40}$/), up: z.boolean() }),
  z.strictObject({
    cmd: z.literal('moderate'),
    questionId: z.string().regex(/^[A-Za-z0-9_-]{6,40}$/),
    action: z.enum(['answered', 'unanswered', 'pin', 'unpin', 'hide', 'unhide']),
  }),
  // Groups are host-owned (the `groups` document): the facilitator changes them with these commands only.
  z.strictObject({
    cmd: z.literal('form-groups'),
    mode: z.enum(['mixed', 'random', 'choose']),
    size: z.number().int().min(1).max(40),
    seed: z.number().int().min(0).max(2 ** 31),
    /** Who to place (default: the learners online now). */
    learners: z.array(learnerId).max(500).optional(),
  }),
  z.strictObject({ cmd: z.literal('create-group'), teamId, name: z.string().trim().min(1).max(60), open: z.boolean().optional(), capacity: z.number().int().min(1).max(100).optional() }),
  z.strictObject({ cmd: z.literal('move-learner'), learnerId, teamId: teamId.nullable() }),
  z.strictObject({
    cmd: z.literal('update-group'),
    teamId,
    name: z.string().trim().min(1).max(60).optional(),
    shared: z.boolean().optional(),
    caseId: z.string().regex(/^[a-z0-9-]{1,80}$/).nullable().optional(),
    open: z.boolean().optional(),
  }),
  z.strictObject({ cmd: z.literal('set-role'), teamId, learnerId, role: z.string().regex(/^[a-z0-9-]{1,80}$/).nullable() }),
  /**
   * Roles from the lesson (content/roles), given round-robin to the members of a team (or of every team: null) who
   * have none, neither from the facilitator nor picked by the team (shared/room/bulkRoles.ts).
   */
  z.strictObject({ cmd: z.literal('give-roles'), teamId: teamId.nullable(), roles: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/)).min(1).max(20) }),
  z.strictObject({ cmd: z.literal('remove-group'), teamId }),
  z.strictObject({ cmd: z.literal('close-choosing') }),
  /** The exit ticket (shared/room/exitTicket.ts): one per learner, a resend replaces it; the room sees no names. */
  z.strictObject({
    cmd: z.literal('exit-ticket'),
    change: z.string().max(EXIT_TEXT_MAX),
    question: z.string().max(EXIT_TEXT_MAX),
    before: z.number().int().min(CONFIDENCE_MIN).max(CONFIDENCE_MAX),
    after: z.number().int().min(CONFIDENCE_MIN).max(CONFIDENCE_MAX),
  }),
  /** The device a rejoin code is being used from asks this one: let the identity move there? */
  z.strictObject({ cmd: z.literal('confirm-move'), requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), allow: z.boolean() }),
  ...EVALUATE_COMMAND_SCHEMAS,
]);
export type Command = z.infer<typeof commandSchema>;

/** Commands only the facilitator may send (every other command is a learner's). */
export const FACILITATOR_COMMANDS: ReadonlySet<Command['cmd']> = new Set(['moderate', 'form-groups', 'create-group', 'move-learner', 'update-group', 'set-role', 'give-roles', 'lower-hand', 'remove-group', 'close-choosing', ...EVALUATE_FACILITATOR_COMMANDS]);

export const clientTextSchema = z.discriminatedUnion('type', [
  helloSchema,
  z.strictObject({ type: z.literal('subscribe'), doc: docName }),
  z.strictObject({ type: z.literal('unsubscribe'), doc: docName }),
  z.strictObject({ type: z.literal('command'), id, command: commandSchema }),
  z.strictObject({ type: z.literal('ping'), t: z.number().optional() }),
]);
export type ClientText = z.infer<typeof clientTextSchema>;
export type Hello = z.infer<typeof helloSchema>;

export interface Welcome {
  type: 'welcome';
  v: number;
  role: 'facilitator' | 'learner';
  learnerId: string;
  /** Present for learners: keep it to resume this identity. */
  token?: string;
  rejoinCode?: string;
  session: { id: string; title: string; code: string; ended: boolean };
}

export type HostText =
  | Welcome
  | { type: 'ack'; doc: string; seq: number }
  | { type: 'command-ack'; id: string }
  | { type: 'subscribed'; doc: string }
  | { type: 'error'; reason: RejectionReason; message: string; doc?: string; seq?: number; id?: string }
  | { type: 'session-ended' }
  /** `t` echoes the ping's; `hostTime` is the host's clock when it answered (shared/sync/clockOffset.ts). */
  | { type: 'pong'; t?: number; hostTime?: number }
  /** Someone is using this learner's rejoin code on another device: answer with a `confirm-move` command. */
  | { type: 'move-request'; requestId: string }
  /** A rejoin code was used (or this device took the identity over): the code to show from now on. */
  | { type: 'rejoin-code'; rejoinCode: string };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: RejectionReason; message: string; doc?: string; seq?: number };

export function parseClientText(text: string): ParseResult<ClientText> {
  // Size and depth first, in one linear pass: parsing a deeply nested text is what costs (jsonLimits.ts).
  if (text.length > MAX_TEXT_BYTES) return { ok: false, reason: 'too-big', message: `a control message of ${text.length} characters (at most ${MAX_TEXT_BYTES})` };
  if (jsonNestsDeeperThan(text, MAX_TEXT_DEPTH)) return { ok: false, reason: 'malformed', message: `a control message nested deeper than ${MAX_TEXT_DEPTH} levels` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'malformed', message: 'not JSON' };
  }
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  const parsed = clientTextSchema.safeParse(data);
  if (parsed.success) {
    if (parsed.data.type === 'hello' && parsed.data.v !== PROTOCOL_VERSION) {
      return { ok: false, reason: 'version-mismatch', message: `this host speaks protocol ${PROTOCOL_VERSION}, the client ${parsed.data.v}: reload the page` };
    }
    return { ok: true, value: parsed.data };
  }
  const known = ['hello', 'subscribe', 'unsubscribe', 'command', 'ping'];
  if (typeof type !== 'string' || !known.includes(type)) return { ok: false, reason: 'unknown-type', message: `unknown message type ${JSON.stringify(type)}` };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: 'malformed', message: `${type}: ${issue ? `${issue.path.join('.') || '(message)'}: ${issue.message}` : 'invalid'}` };
}

export interface DocFrame {
  kind: DocFrameKind;
  doc: string;
  /** For UPDATE frames: the client's sequence number of this edit. */
  seq: number;
  /** The y-protocols message (SYNC, AWARENESS), the Yjs update (UPDATE) or a part of a larger frame (CHUNK). */
  payload: Uint8Array;
  /** For CHUNK frames: which transfer, which part, of how many. */
  chunk?: { transfer: number; index: number; count: number };
}

export function encodeDocFrame(kind: DocFrameKind, doc: string, payload: Uint8Array, seq = 0): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarString(encoder, doc);
  if (kind === DocFrameKind.UPDATE) encoding.writeVarUint(encoder, seq);
  encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeChunkFrame(doc: string, transfer: number, index: number, count: number, bytes: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, DocFrameKind.CHUNK);
  encoding.writeVarString(encoder, doc);
  encoding.writeVarUint(encoder, transfer);
  encoding.writeVarUint(encoder, index);
  encoding.writeVarUint(encoder, count);
  encoding.writeUint8Array(encoder, bytes);
  return encoding.toUint8Array(encoder);
}

/**
 * Decodes one document frame. `maxPayload` bounds the payload (a frame put back together from chunks may be larger
 * than one WebSocket frame); a refusal names the document and the edit's sequence number when they could be read,
 * so the sender knows which edit it concerns.
 */
export function decodeDocFrame(bytes: Uint8Array, maxPayload = MAX_UPDATE_BYTES): ParseResult<DocFrame> {
  if (bytes.length > Math.max(MAX_FRAME_BYTES, maxPayload + 256)) return { ok: false, reason: 'too-big', message: `frame of ${bytes.length} bytes` };
  try {
    const decoder = decoding.createDecoder(bytes);
    const kind = decoding.readVarUint(decoder);
    if (kind !== DocFrameKind.SYNC && kind !== DocFrameKind.AWARENESS && kind !== DocFrameKind.UPDATE && kind !== DocFrameKind.CHUNK) {
      return { ok: false, reason: 'unknown-type', message: `unknown frame kind ${kind}` };
    }
    // A doc name is short: refuse a length prefix that claims more before reading it.
    const nameLength = decoding.peekVarUint(decoder);
    if (nameLength > 120) return { ok: false, reason: 'malformed', message: 'document name too long' };
    const doc = decoding.readVarString(decoder);
    if (!DOC_NAME_PATTERN.test(doc)) return { ok: false, reason: 'malformed', message: 'invalid document name' };
    const seq = kind === DocFrameKind.UPDATE ? decoding.readVarUint(decoder) : 0;
    const chunk = kind === DocFrameKind.CHUNK ? { transfer: decoding.readVarUint(decoder), index: decoding.readVarUint(decoder), count: decoding.readVarUint(decoder) } : undefined;
    const payload = bytes.subarray(decoder.pos);
    const where = { doc, ...(kind === DocFrameKind.UPDATE ? { seq } : {}) };
    if (payload.length === 0) return { ok: false, reason: 'malformed', message: 'empty payload', ...where };
    if (payload.length > (chunk ? CHUNK_BYTES : maxPayload)) return { ok: false, reason: 'too-big', message: `payload of ${payload.length} bytes (at most ${chunk ? CHUNK_BYTES : maxPayload})`, ...where };
    if (chunk && (chunk.count < 2 || chunk.index >= chunk.count)) return { ok: false, reason: 'malformed', message: `chunk ${chunk.index} of ${chunk.count}`, doc };
    return { ok: true, value: { kind: kind as DocFrameKind, doc, seq, payload, ...(chunk ? { chunk } : {}) } };
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `undecodable frame (${(error as Error).message})` };
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
